"""
Whatever a browser sends, the pages answer with a page: never a 500, never half a report.

Hypothesis generates form posts and query strings, most of them wrong in some way (text
where a number goes, NUL characters, dates that do not exist, unknown categories) and
some right. A post either files exactly one complete report or files nothing.
"""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from amane.geo.tests.factories import RURAL, URBAN, build_square_geography
from amane.reports.models import Report

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

any_text = st.text(max_size=40)
numbers_near_the_squares = st.floats(min_value=30.9, max_value=31.4).map(str) | st.floats(-8.1, -7.7).map(str)
number_fields = st.one_of(st.just(""), numbers_near_the_squares, st.floats().map(str), any_text)
date_fields = st.one_of(st.just(""), st.dates().map(dt.date.isoformat), any_text)
valid_posts = st.fixed_dictionaries(
    {
        "category": st.sampled_from(["theft", "unsafe-space", "domestic-violence"]),
        "description": st.text(min_size=1, max_size=300).filter(lambda text: text.strip() and "\x00" not in text),
        "place": st.just(""),
        "commune": st.sampled_from([URBAN, RURAL]),
        "lat": st.just(""),
        "lon": st.just(""),
        "occurred_on": st.dates(dt.date(2020, 1, 1), dt.date(2025, 12, 31)).map(dt.date.isoformat),
        "occurred_time": st.times().map(lambda t: t.strftime("%H:%M")),
        "contact": st.just(""),
    }
)
# Up to three fields replaced by something else, often wrong.
wrong_values = st.one_of(
    st.dictionaries(st.sampled_from(["lat", "lon"]), number_fields),
    st.dictionaries(st.sampled_from(["occurred_on", "occurred_time"]), date_fields),
    st.dictionaries(
        st.sampled_from(["category", "description", "place", "commune", "contact", "occurred_time"]), any_text
    ),
    st.fixed_dictionaries({"commune": st.just(""), "place": st.one_of(st.just("Al Amane"), any_text)}),
)
form_posts = st.builds(lambda post, wrong: {**post, **wrong}, valid_posts, wrong_values)


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


@FUZZ
@given(post=form_posts)
def test_a_report_form_post_files_one_whole_report_or_nothing(client: Client, post: dict[str, str]) -> None:
    before = Report.objects.count()
    response = client.post("/report/", data=post, follow=True)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 400)
    filed = Report.objects.count() - before
    assert filed == (1 if response.status_code == 200 else 0)
    if filed:
        report = Report.objects.order_by("-id").first()
        assert report is not None
        assert report.description.strip() and report.commune_id is not None
        assert report.occurred_at <= timezone.now() + dt.timedelta(minutes=10)
        assert report.events.count() == 1


@FUZZ
@given(code=st.one_of(any_text, st.from_regex(r"[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}", fullmatch=True)))
def test_the_tracking_form_answers_any_code_with_a_page(client: Client, code: str) -> None:
    assert client.post("/track/", data={"receipt_code": code}).status_code in (200, 400)


@FUZZ
@given(
    query=st.dictionaries(
        st.sampled_from(["category", "status", "place", "commune", "occurred_from", "occurred_to", "cursor", "lang"]),
        any_text,
    )
)
def test_the_map_and_commune_pages_answer_any_filter(client: Client, query: dict[str, str]) -> None:
    for path in ("/", f"/communes/{URBAN}/"):
        assert client.get(path, data=query).status_code in (200, 400), (path, query)

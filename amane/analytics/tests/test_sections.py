"""The rate, response-time and sensitive-place partials, their context and their CSV downloads."""

import csv
import io

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import translation

from amane.analytics import figures
from amane.analytics.scopes import scope_for
from amane.analytics.sections import rates_section, response_times_section, sensitive_places_section
from amane.analytics.tests.test_api_hotspots import file_reports
from amane.blackspots.tests.factories import make_place, member_viewer
from amane.geo.tests.factories import URBAN, build_square_geography

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


def page(template: str, context: dict[str, object], language: str) -> str:
    request = RequestFactory().get("/observatory/")
    with translation.override(language):
        return render_to_string(template, {**context, "scope": scope_for(URBAN), "query": ""}, request=request)


def test_the_rates_partial_lists_communes_in_the_chosen_language() -> None:
    file_reports(5, seed=1)
    with translation.override("fr"):
        context = rates_section(scope_for(None))
    html = page("analytics/_rates.html", context, "fr")
    assert 'id="rates-table"' in html and "Al Amane" in html and 'id="rates-csv"' in html
    assert "Taux lissé pour 1 000" in html
    with translation.override("ar"):
        arabic = page("analytics/_rates.html", rates_section(scope_for(None)), "ar")
    assert "مدينة الأمان" in arabic


def test_the_response_time_partial_shows_the_groups() -> None:
    file_reports(3, seed=2)
    with translation.override("fr"):
        context = response_times_section(scope_for(URBAN))
    html = page("analytics/_response_times.html", context, "fr")
    assert 'id="response-times-table"' in html and "Vol et cambriolage" in html


def test_a_figure_on_its_way_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figures, "read", lambda name, **params: figures.Read(None, False))
    for template, context in (
        ("analytics/_response_times.html", response_times_section(scope_for(None))),
        ("analytics/_sensitive_places.html", sensitive_places_section(scope_for(None))),
    ):
        html = page(template, context, "fr")
        assert "<table" not in html and "En cours de calcul" in html


def test_the_sensitive_places_partial_names_the_schools() -> None:
    make_place(member_viewer(), lat=31.03, lon=-7.97)
    file_reports(8, seed=3, around=(31.03, -7.97))
    with translation.override("fr"):
        context = sensitive_places_section(scope_for(None))
    assert context["sensitive_places"]["shown"][0]["observed"] >= 1
    html = page("analytics/_sensitive_places.html", context, "fr")
    assert 'id="sensitive-places-table"' in html and "École test" in html and "École" in html


@pytest.mark.parametrize(
    ("path", "first_column"),
    [("rates.csv", "rank"), ("response-times.csv", "by"), ("sensitive-places.csv", "kind")],
)
def test_each_section_downloads_as_csv(client: Client, path: str, first_column: str) -> None:
    make_place(member_viewer(), lat=31.03, lon=-7.97)
    file_reports(4, seed=4)
    for url in (f"/observatory/{path}", f"/observatory/{URBAN}/{path}?category=theft&month=bad"):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][0] == first_column and len(rows) >= 2


def test_the_schools_section_counts_the_chosen_month_only() -> None:
    import datetime as dt

    from django.utils import timezone

    from amane.analytics.scopes import scope_for
    from amane.analytics.sections import sensitive_places_section
    from amane.analytics.tests.test_selectors_places import BUSY_SCHOOL, scatter, schools

    schools()
    now = timezone.now()
    scatter(6, seed=21, around=BUSY_SCHOOL, occurred_at=now - dt.timedelta(hours=3))
    scatter(4, seed=22, around=BUSY_SCHOOL, occurred_at=now - dt.timedelta(days=70))
    scope = scope_for(None)

    def busiest(month: dt.date | None) -> int:
        places = sensitive_places_section(scope, None, month)["sensitive_places"]["read"].value["places"]
        return max(p["observed"] for p in places)

    this_month = timezone.localdate(now - dt.timedelta(hours=3)).replace(day=1)
    assert busiest(None) == 10
    assert busiest(this_month) == 6

"""Public reads come from the cache until a public report changes, and only for visitors without a session."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from amane.geo.tests.factories import build_square_geography
from amane.reports.models import Category
from amane.reports.services import category_save, report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db
PATHS = ("/", "/api/v1/reports", "/api/v1/reports/cells?resolution=7")


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


def test_a_second_visit_costs_one_query_and_gets_the_same_answer(
    django_assert_num_queries: Callable[..., Any],
) -> None:
    file_report()
    for path in PATHS:
        first = Client().get(path)
        with django_assert_num_queries(1):
            again = Client().get(path)
        assert again.status_code == 200 and again.content == first.content, path
        assert "Cookie" in again["Vary"]


def test_a_category_made_confidential_leaves_the_cached_answers_at_once(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    hidden = file_report().report
    # Filed last, so the newest public event stays the same: only the invalidation can tell.
    file_report(category_code="vandalism")
    assert hidden.public_id in Client().get("/api/v1/reports").content.decode()
    category = Category.objects.get(code="theft")
    category.confidential = True
    with django_capture_on_commit_callbacks(execute=True):
        category_save(actor=AN_AUTHORITY, category=category)
    assert hidden.public_id not in Client().get("/api/v1/reports").content.decode()


def test_a_report_filed_or_moved_shows_at_once() -> None:
    first = file_report().report
    assert first.public_id in Client().get("/api/v1/reports").content.decode()
    second = file_report().report
    assert second.public_id in Client().get("/api/v1/reports").content.decode()
    report_change_status(actor=AN_AUTHORITY, public_id=second.public_id, new_status="acknowledged")
    listed = Client().get("/api/v1/reports").json()["results"]
    assert {r["id"]: r["status"] for r in listed}[second.public_id] == "acknowledged"


def test_a_confidential_report_does_not_refresh_the_public_answers(
    django_assert_num_queries: Callable[..., Any],
) -> None:
    file_report()
    Client().get("/api/v1/reports")
    file_report(category_code="domestic-violence")
    with django_assert_num_queries(1):
        Client().get("/api/v1/reports")


def test_languages_are_cached_apart() -> None:
    file_report()
    arabic = Client().get("/").content.decode()
    french = Client().get("/?lang=fr").content.decode()
    assert 'lang="ar"' in arabic and 'lang="fr"' in french
    assert 'lang="fr"' in Client(headers={"Cookie": "amane_language=fr"}).get("/").content.decode()
    assert 'lang="ar"' in Client().get("/").content.decode()


def test_a_visitor_with_a_session_is_never_served_from_the_cache() -> None:
    file_report()
    Client().get("/api/v1/reports")
    signed_in = Client()
    signed_in.cookies["sessionid"] = "anything"
    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get("/api/v1/reports")
    assert response.status_code == 200
    assert len(queries) > 1

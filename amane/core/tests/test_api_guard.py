"""The API takes JSON (or multipart with photos), refuses other sites' browsers, and speaks problem+json."""

import json

import pytest
from django.test import Client

from amane.geo.tests.factories import build_square_geography
from amane.reports.models import Report
from amane.reports.tests.factories import report_body

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


PROBLEM = "application/problem+json"


def test_a_report_sent_as_text_plain_is_refused_unread() -> None:
    response = Client().post("/api/v1/reports", data=json.dumps(report_body()), content_type="text/plain")
    assert response.status_code == 415
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "unsupported_media_type"
    assert "application/json" in response["Accept-Post"]
    assert not Report.objects.exists()


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "text/plain;charset=UTF-8", ""])
def test_the_content_types_another_site_can_send_without_asking_are_refused(content_type: str) -> None:
    response = Client().post("/api/v1/track", data='{"receipt_code": "x"}', content_type=content_type)
    assert response.status_code == 415


def test_a_write_from_a_page_on_another_site_is_refused() -> None:
    body = json.dumps(report_body())
    for headers in ({"Origin": "https://elsewhere.example"}, {"Sec-Fetch-Site": "cross-site"}):
        response = Client().post("/api/v1/reports", data=body, content_type="application/json", headers=headers)
        assert response.status_code == 403
        assert response.json()["code"] == "cross_site"
    assert not Report.objects.exists()


def test_a_write_from_amanes_own_pages_or_a_listed_origin_goes_through(settings: object) -> None:
    body = json.dumps(report_body())
    own = Client().post(
        "/api/v1/reports", data=body, content_type="application/json", headers={"Origin": "http://testserver"}
    )
    assert own.status_code == 201
    settings.AMANE_CORS_ORIGINS = ["https://partner.example"]  # type: ignore[attr-defined]
    listed = Client().post(
        "/api/v1/reports", data=body, content_type="application/json", headers={"Origin": "https://partner.example"}
    )
    assert listed.status_code == 201


def test_deeply_nested_json_is_a_400_problem_not_a_500() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    for path in ("/api/v1/reports", "/api/v1/track"):
        response = Client(raise_request_exception=False).post(path, data=deep, content_type="application/json")
        assert response.status_code == 400, path
        assert response["Content-Type"] == PROBLEM


def test_a_method_an_endpoint_does_not_take_is_a_405_problem_with_allow() -> None:
    response = Client(headers={"Accept-Language": "fr"}).delete("/api/v1/reports")
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "method_not_allowed"
    assert "GET" in response["Allow"] and "HEAD" in response["Allow"]
    assert "méthode" in response.json()["title"]


def test_head_is_answered_wherever_get_is() -> None:
    for path in ("/api/v1/categories", "/api/v1/reports", "/api/v1/openapi.json"):
        get, head = Client().get(path), Client().head(path)
        assert head.status_code == 200 == get.status_code
        assert head.content == b""
        assert head["Content-Length"] == str(len(get.content))


def test_public_reads_are_open_to_any_site_without_credentials() -> None:
    response = Client().get("/api/v1/reports")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_answers_about_a_receipt_code_are_never_cached() -> None:
    created = Client().post("/api/v1/reports", data=json.dumps(report_body()), content_type="application/json")
    assert created.status_code == 201
    assert "no-store" in created["Cache-Control"]
    code = created.json()["receipt_code"]
    tracked = Client().post("/api/v1/track", data=json.dumps({"receipt_code": code}), content_type="application/json")
    assert tracked.status_code == 200 and "no-store" in tracked["Cache-Control"]
    missed = Client().get("/api/v1/track/AAAAA-AAAAA-AAAAA-AAAAA")
    assert missed.status_code == 404 and "no-store" in missed["Cache-Control"]


def test_a_method_no_endpoint_takes_is_a_405_whatever_its_body() -> None:
    for method in ("put", "patch"):
        response = getattr(Client(), method)("/api/v1/track/0", data="x", content_type="text/plain")
        assert response.status_code == 405, method
        assert response.json()["code"] == "method_not_allowed"

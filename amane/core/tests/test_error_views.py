"""Refusals speak the visitor's language: problem+json under /api/, a page everywhere else."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from pytest_django.fixtures import SettingsWrapper

from amane.core.error_views import server_error
from amane.core.uploads import max_report_body_bytes
from amane.reports.models import Report

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def report_body(description: str) -> str:
    return json.dumps(
        {"category": "theft", "description": description, "lat": 33.5, "lon": -7.6, "occurred_at": "2026-01-01T10:00Z"}
    )


class TestTooLarge:
    def test_an_oversized_api_body_is_a_413_problem_in_the_callers_language(
        self, client: Client, settings: SettingsWrapper
    ) -> None:
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
        for language, words in (("ar", "كبير"), ("fr", "trop volumineuse")):
            response = client.post(
                "/api/v1/reports",
                data=report_body("x" * 2000),
                content_type="application/json",
                headers={"Accept-Language": language},
            )
            assert response.status_code == 413
            assert response["Content-Type"] == PROBLEM
            assert response.json()["code"] == "too_large"
            assert words in response.json()["title"]
        assert not Report.objects.exists()

    def test_too_many_photos_on_the_form_is_a_page_in_arabic_not_djangos_english(
        self, client: Client, settings: SettingsWrapper
    ) -> None:
        settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
        photos = [SimpleUploadedFile(f"p{i}.jpg", b"not read", content_type="image/jpeg") for i in range(3)]
        response = client.post("/report/", data={"description": "الإنارة مقطوعة", "photos": photos})
        html = response.content.decode()
        assert response.status_code == 400
        assert '<html lang="ar" dir="rtl">' in html
        assert "أرسل 5 صور على الأكثر مع البلاغ." in html and "Bad Request" not in html

    def test_an_oversized_api_body_is_a_413_problem_even_in_debug_mode(
        self, client: Client, settings: SettingsWrapper
    ) -> None:
        settings.DEBUG = True
        settings.AMANE_PHOTO_MAX_BYTES = 1000
        photo = SimpleUploadedFile("huge.jpg", b"x" * (max_report_body_bytes() + 1), content_type="image/jpeg")
        response = client.post("/api/v1/reports", data={"description": "x", "photos": [photo]})
        assert response.status_code == 413
        assert response["Content-Type"] == PROBLEM


def test_too_many_query_fields_get_a_refusal_in_the_callers_language(client: Client) -> None:
    query = "&".join(f"f{i}=1" for i in range(1100))
    response = client.get(f"/api/v1/reports?{query}", headers={"Accept-Language": "fr"})
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "La demande contient trop de champs."
    page = client.get(f"/?lang=fr&{query}")
    assert page.status_code == 400
    assert '<html lang="fr" dir="ltr">' in page.content.decode()


class TestNotFound:
    def test_an_unknown_api_address_is_a_404_problem(self, client: Client) -> None:
        response = client.get("/api/v1/no-such-thing", headers={"Accept-Language": "fr"})
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
        assert response.json()["title"] == "Introuvable."

    def test_an_unknown_page_is_the_arabic_404_page(self, client: Client) -> None:
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert "الصفحة غير موجودة" in response.content.decode()


class TestNulCharacter:
    def test_on_the_api_it_is_a_problem_in_the_callers_language(self, client: Client) -> None:
        response = client.get("/api/v1/reports?commune=%00", headers={"Accept-Language": "fr"})
        assert response.status_code == 400
        assert response["Content-Type"] == PROBLEM
        assert "caractère" in response.json()["title"]

    def test_on_a_page_it_is_a_page(self, client: Client) -> None:
        response = client.get("/?place=%00")
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/html")
        assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_a_form_sent_without_its_csrf_cookie_gets_a_page_that_says_what_to_do() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/report/?lang=fr", data={"description": "Lampadaire éteint"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Le formulaire n’a pas pu être envoyé" in html
    assert "les cookies sont désactivés" in html
    assert "CSRF" not in html
    assert not Report.objects.exists()


def test_a_server_error_under_the_api_is_a_problem_document() -> None:
    response = server_error(RequestFactory().get("/api/v1/reports"))
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM
    assert json.loads(response.content)["code"] == "server_error"


def test_a_server_error_on_a_page_is_the_static_bilingual_page() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()

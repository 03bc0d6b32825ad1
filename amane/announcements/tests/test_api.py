"""The announcements API: public reads, officers' writes by token or session."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from amane.accounts.tokens import token_issue
from amane.announcements.models import Announcement
from amane.announcements.tests.factories import announcement_input, publish
from amane.authorities.tests.factories import AN_ADMIN, Units, member_of, signed_in_officer
from amane.geo.tests.factories import CITY, URBAN

pytestmark = pytest.mark.django_db


def _bearer(*unit_codes: str) -> dict[str, str]:
    token = token_issue(actor=AN_ADMIN, user=member_of(*unit_codes), name="test")
    return {"Authorization": f"Bearer {token}"}


def _body(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {"unit": "pashalik-city", "title_ar": "إعلان", "body_ar": "<p>نص</p>"}
    body.update(overrides)
    return body


def test_anyone_reads_a_commune_s_current_announcements(units: Units) -> None:
    announcement = publish(units.pashalik)
    response = Client().get(f"/api/v1/communes/{CITY}/announcements")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()] == [announcement.public_id]
    assert response.json()[0]["areas"][0]["code"] == CITY
    assert Client().get(f"/api/v1/communes/{URBAN}/announcements").json() == []
    missing = Client().get("/api/v1/communes/00.000.00.00/announcements")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"


def test_anyone_reads_one_but_not_a_hidden_one(units: Units) -> None:
    announcement = publish(units.pashalik)
    assert Client().get(f"/api/v1/announcements/{announcement.public_id}").json()["title_ar"] == "إغلاق طريق السوق"
    Announcement.objects.filter(pk=announcement.pk).update(hidden=True)
    assert Client().get(f"/api/v1/announcements/{announcement.public_id}").status_code == 404


def test_an_officer_publishes_with_a_token(units: Units) -> None:
    response = Client().post(
        "/api/v1/announcements", _body(), content_type="application/json", headers=_bearer("pashalik-city")
    )
    assert response.status_code == 201
    assert Announcement.objects.get().public_id == response.json()["id"]


def test_an_officer_publishes_with_the_session(units: Units) -> None:
    response = signed_in_officer("pashalik-city").post(
        "/api/v1/announcements", _body(), content_type="application/json"
    )
    assert response.status_code == 201


def test_refusals_are_problems_with_fields(units: Units) -> None:
    client = Client()
    assert client.post("/api/v1/announcements", _body(), content_type="application/json").status_code == 401
    other = client.post(
        "/api/v1/announcements", _body(), content_type="application/json", headers=_bearer("police-city")
    )
    assert other.status_code == 403
    bad = client.post(
        "/api/v1/announcements",
        _body(urgent=True, title_ar=""),
        content_type="application/json",
        headers={**_bearer("pashalik-city"), "Accept-Language": "fr"},
    )
    assert bad.status_code == 400
    fields = bad.json()["errors"]
    assert set(fields) == {"title_ar", "expires_at"}
    assert not Announcement.objects.exists()


def test_an_officer_updates_and_withdraws(units: Units) -> None:
    announcement = publish(units.pashalik)
    headers = _bearer("pashalik-city")
    client = Client()
    response = client.put(
        f"/api/v1/announcements/{announcement.public_id}",
        _body(title_ar="جديد"),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200 and response.json()["title_ar"] == "جديد"
    response = client.post(
        f"/api/v1/announcements/{announcement.public_id}/withdraw", {}, content_type="application/json", headers=headers
    )
    assert response.status_code == 200 and response.json()["withdrawn"] is True
    citizen = get_user_model().objects.create_user(username="citizen")
    token = token_issue(actor=AN_ADMIN, user=citizen, name="x")
    refused = client.put(
        f"/api/v1/announcements/{announcement.public_id}",
        _body(),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert refused.status_code == 404
    assert publish(units.pashalik, announcement_input()).withdrawn_at is None

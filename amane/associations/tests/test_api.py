"""The associations API: the directory, registration, decisions and corroborations."""

import json
from collections.abc import Mapping
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from amane.accounts.tokens import token_issue
from amane.associations.models import Association, AssociationMember, AssociationStatus, Corroboration
from amane.associations.tests.factories import a_person, registered
from amane.authorities.tests.factories import Units, member_of
from amane.core.actors import Actor, Role
from amane.geo.tests.factories import CITY
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


def bearer(user: User) -> Client:
    token = token_issue(actor=Actor(role=Role.SYSTEM), user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def post(client: Client, path: str, body: Mapping[str, object], language: str = "ar") -> tuple[int, Any]:
    response = client.post(path, json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)
    return response.status_code, response.json()


REGISTRATION = {
    "name_ar": "جمعية آباء التلاميذ",
    "name_fr": "Association des parents d'élèves",
    "registration_number": "45/2018",
    "domains": ["schools"],
    "communes": [CITY],
    "contact_phone": "0612345678",
}


def test_registering_through_the_api_makes_the_token_holder_admin(units: Units) -> None:
    user = a_person()
    status, body = post(bearer(user), "/api/v1/associations", REGISTRATION)
    assert status == 201
    assert body["status"] == "pending"
    assert AssociationMember.objects.get(association__slug=body["slug"]).user == user


def test_a_bad_registration_is_a_problem_with_a_message_per_field_in_french(units: Units) -> None:
    status, body = post(bearer(a_person()), "/api/v1/associations", {**REGISTRATION, "domains": ["x"]}, "fr")
    assert status == 400
    assert "domaine" in str(body["errors"]["domains"])
    assert not Association.objects.exists()


def test_registering_needs_a_token(units: Units) -> None:
    status, _body = post(Client(), "/api/v1/associations", REGISTRATION)
    assert status == 401


def test_the_directory_lists_verified_associations_only(units: Units) -> None:
    verified = registered(status=AssociationStatus.VERIFIED)
    pending = registered()
    body = Client().get(f"/api/v1/associations?commune={CITY}").json()
    assert [item["slug"] for item in body["results"]] == [verified.slug]
    assert Client().get(f"/api/v1/associations/{pending.slug}").status_code == 404


def test_the_pashalik_verifies_and_the_police_may_not(units: Units) -> None:
    association = registered()
    status, _body = post(
        bearer(member_of(units.city_police.code)),
        f"/api/v1/associations/{association.slug}/decision",
        {"decision": "verify"},
    )
    assert status == 403
    status, body = post(
        bearer(member_of(units.pashalik.code)),
        f"/api/v1/associations/{association.slug}/decision",
        {"decision": "verify"},
    )
    assert status == 200
    assert body["status"] == "verified"


def test_corroborations_are_written_by_members_and_read_by_anyone(units: Units) -> None:
    association = registered(status=AssociationStatus.VERIFIED)
    admin = association.members.get().user
    report = file_report().report
    path = f"/api/v1/reports/{report.public_id}/corroborations"
    status, created = post(bearer(admin), path, {"association": association.slug, "note": "Nous confirmons ce lieu."})
    assert status == 201
    assert created["association"] == association.slug
    status, _again = post(bearer(admin), path, {"association": association.slug, "note": "Nous confirmons ce lieu."})
    assert status == 409
    listed = Client().get(path).json()
    assert listed["count"] == 1
    assert listed["results"][0]["association"] == association.slug
    assert admin.username not in json.dumps(listed)
    assert Corroboration.objects.count() == 1

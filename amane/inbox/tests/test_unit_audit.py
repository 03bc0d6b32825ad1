"""A unit's head reads the audit trail of the reports routed to their unit; nobody else does."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from amane.authorities.models import Membership, MembershipRole, Unit
from amane.authorities.tests.factories import IN_DOUAR, NORTH_ANNEX, Units
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db


def at(place: tuple[tuple[float, float], tuple[str, ...]]) -> tuple[float, float]:
    (lon, lat), _ = place
    return lat, lon


def member(unit_code: str, role: str) -> Client:
    user = get_user_model().objects.create_user(username=f"{role}-{unit_code}")
    Membership.objects.create(user=user, unit=Unit.objects.get(code=unit_code), role=role)
    client = Client()
    client.force_login(user)
    return client


def test_the_head_reads_their_units_trail_and_not_another_units(units: Units) -> None:
    mine = file_report(point=at(NORTH_ANNEX)).report
    other = file_report(point=at(IN_DOUAR)).report
    report_change_status(actor=AN_AUTHORITY, public_id=mine.public_id, new_status="acknowledged")
    page = member("annex-north", MembershipRole.HEAD).get("/inbox/audit/").content.decode()
    assert page.count(f">{mine.public_id}<") == 3  # submitted, routed, acknowledged
    assert other.public_id not in page


def test_an_officer_who_is_not_head_is_told_there_is_no_such_page(units: Units) -> None:
    assert member("annex-north", MembershipRole.OFFICER).get("/inbox/audit/").status_code == 404

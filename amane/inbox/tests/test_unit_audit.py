"""A unit's head reads the audit trail of the reports routed to their unit; nobody else does."""

import pytest

from amane.authorities.tests.factories import IN_DOUAR, NORTH_ANNEX, Units, point_of, signed_in_officer
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db


def test_the_head_reads_their_units_trail_and_not_another_units(units: Units) -> None:
    mine = file_report(point=point_of(NORTH_ANNEX)).report
    other = file_report(point=point_of(IN_DOUAR)).report
    report_change_status(actor=AN_AUTHORITY, public_id=mine.public_id, new_status="acknowledged")
    page = signed_in_officer("annex-north", head=True).get("/inbox/audit/").content.decode()
    assert page.count(f">{mine.public_id}<") == 3  # submitted, routed, acknowledged
    assert other.public_id not in page


def test_an_officer_who_is_not_head_is_told_there_is_no_such_page(units: Units) -> None:
    assert signed_in_officer("annex-north").get("/inbox/audit/").status_code == 404

"""Handing a report on: to another unit with a reason, or to an officer of the responsible unit."""

import pytest
from django.contrib.auth import get_user_model

from amane.audit.models import AuditEntry
from amane.authorities.models import Membership, ReportRouting, RoutingRole
from amane.authorities.tests.factories import NORTH_ANNEX, Units, point_of, signed_in_officer
from amane.inbox.models import Assignment
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


def roles(public_id: str) -> dict[str, str]:
    return dict(ReportRouting.objects.filter(report__public_id=public_id).values_list("unit__code", "role"))


def test_the_annex_hands_a_report_to_the_police_with_a_reason_and_stays_in_copy(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    annex = signed_in_officer("annex-north")
    url = f"/inbox/reports/{report.public_id}/"
    assert 'value="police-city"' in annex.get(url).content.decode()
    answer = annex.post(url, {"action": "transfer", "to_unit": "police-city", "reason": "سرقة بالعنف"})
    assert answer.status_code == 302 and answer["Location"] == "/inbox/"
    assert roles(report.public_id)["police-city"] == RoutingRole.RESPONSIBLE
    assert roles(report.public_id)["annex-north"] == RoutingRole.COPY
    entry = AuditEntry.objects.get(action="report.transfer")
    assert (entry.before, entry.after) == ({"responsible": "annex-north"}, {"responsible": "police-city"})
    assert entry.details == {"reason": "سرقة بالعنف"}


def test_a_transfer_without_a_reason_is_refused_on_its_field_and_changes_nothing(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    answer = signed_in_officer("annex-north").post(
        f"/inbox/reports/{report.public_id}/?lang=fr", {"action": "transfer", "to_unit": "police-city", "reason": " "}
    )
    assert answer.status_code == 400
    assert roles(report.public_id)["annex-north"] == RoutingRole.RESPONSIBLE
    assert not AuditEntry.objects.filter(action="report.transfer").exists()


def test_a_unit_in_copy_may_not_hand_the_report_on(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    police = signed_in_officer("police-city")
    answer = police.post(
        f"/inbox/reports/{report.public_id}/", {"action": "transfer", "to_unit": "province-99.901", "reason": "x"}
    )
    assert answer.status_code == 403
    assert roles(report.public_id)["annex-north"] == RoutingRole.RESPONSIBLE


def test_the_report_is_assigned_to_an_officer_of_the_responsible_unit_only(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    head = signed_in_officer("annex-north")
    colleague = get_user_model().objects.create_user(username="colleague")
    Membership.objects.create(user=colleague, unit=units.north_annex)
    stranger = get_user_model().objects.create_user(username="stranger")
    url = f"/inbox/reports/{report.public_id}/"
    assert head.post(url, {"action": "assign", "assignee": stranger.pk}).status_code == 400
    assert head.post(url, {"action": "assign", "assignee": colleague.pk}).status_code == 302
    assert Assignment.objects.get(report=report).assignee == colleague
    assert 'id="assignee">colleague<' in head.get(url).content.decode()

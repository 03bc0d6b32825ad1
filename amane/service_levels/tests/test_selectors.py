"""Which reports a list shows as overdue: those still waiting past a deadline, escalated or not."""

import datetime as dt

import pytest

from amane.authorities.tests.factories import Units
from amane.reports.models import Report
from amane.service_levels.selectors import overdue_q
from amane.service_levels.services import escalate_overdue
from amane.service_levels.tests.factories import ACKNOWLEDGE_BY, RESOLVE_BY, file_in_north_annex, move

pytestmark = pytest.mark.django_db
MINUTE = dt.timedelta(minutes=1)


def overdue_at(now: dt.datetime) -> set[str]:
    return set(Report.objects.filter(overdue_q(now=now)).values_list("public_id", flat=True))


def test_a_waiting_report_is_overdue_from_its_deadline_and_stays_so_once_escalated(units: Units) -> None:
    report = file_in_north_annex()
    assert overdue_at(ACKNOWLEDGE_BY - MINUTE) == set()
    assert overdue_at(ACKNOWLEDGE_BY) == {report.public_id}
    escalate_overdue(now=ACKNOWLEDGE_BY)
    assert overdue_at(ACKNOWLEDGE_BY + MINUTE) == {report.public_id}


def test_an_acknowledged_report_is_overdue_again_only_past_its_resolve_deadline(units: Units) -> None:
    report = file_in_north_annex()
    move(report, "acknowledged", when=ACKNOWLEDGE_BY - MINUTE)
    assert overdue_at(RESOLVE_BY - MINUTE) == set()
    assert overdue_at(RESOLVE_BY) == {report.public_id}


def test_a_resolved_report_is_never_overdue(units: Units) -> None:
    report = file_in_north_annex()
    move(report, "acknowledged", when=ACKNOWLEDGE_BY - MINUTE)
    move(report, "resolved", when=ACKNOWLEDGE_BY, message="تم")
    assert overdue_at(RESOLVE_BY + dt.timedelta(days=1)) == set()

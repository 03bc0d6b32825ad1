"""Every write on a report names its actor, leaves its audit row and announces itself after commit."""

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from amane.audit.models import AuditEntry
from amane.core import clock
from amane.core.actors import DEMO_REPORTER
from amane.core.errors import InvalidInput, InvalidTransition
from amane.geo.tests.factories import build_square_geography
from amane.reports import signals
from amane.reports.models import Report, ReportEvent
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _geography() -> None:
    build_square_geography()


def _trail(report: Report) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(target_type="report", target_id=report.public_id).order_by("id"))


def test_filing_leaves_its_audit_rows_without_a_user_or_the_hour() -> None:
    report = file_report().report
    submitted, routed = _trail(report)
    assert (submitted.action, routed.action) == ("report.submit", "report.route")
    for entry in (submitted, routed):
        assert (entry.actor_role, entry.actor_user_id) == ("reporter", None)
        assert timezone.localtime(entry.at).time() == dt.time(0, 0)
    assert submitted.details == {"category": "theft", "commune": report.commune.code, "photos": 0}


def test_a_status_change_leaves_its_audit_row_with_where_it_came_from() -> None:
    report = file_report().report
    report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status="acknowledged")
    entry = _trail(report)[-1]
    assert (entry.action, entry.actor_role) == ("report.status", "authority")
    assert entry.details == {"from": "submitted", "to": "acknowledged"}


def test_a_refused_change_leaves_neither_event_nor_audit_row() -> None:
    report = file_report().report
    report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status="acknowledged")
    with pytest.raises(InvalidTransition):
        report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status="submitted")
    assert [e.action for e in _trail(report)] == ["report.submit", "report.route", "report.status"]
    assert ReportEvent.objects.filter(report=report).count() == 2


def test_a_change_rolled_back_by_its_caller_takes_its_audit_row_with_it() -> None:
    report = file_report().report

    def change_then_fail() -> None:
        with transaction.atomic():
            report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status="acknowledged")
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        change_then_fail()
    assert [e.action for e in _trail(report)] == ["report.submit", "report.route"]


def test_listeners_hear_of_a_change_only_once_it_has_committed(django_capture_on_commit_callbacks: Any) -> None:
    heard: list[tuple[str, str]] = []

    def listener(sender: object, report: Report, event: ReportEvent, **kwargs: object) -> None:
        heard.append((report.public_id, event.status))

    signals.report_status_changed.connect(listener)
    try:
        report = file_report().report
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status="acknowledged")
        assert heard == []  # not committed yet
        for callback in callbacks:
            callback()
    finally:
        signals.report_status_changed.disconnect(listener)
    assert heard == [(report.public_id, "acknowledged")]


def test_a_refused_report_announces_nothing(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(InvalidInput):
        file_report(description="")
    assert callbacks == []


def test_a_demo_actor_files_demo_reports_on_the_pinned_day() -> None:
    day = timezone.make_aware(dt.datetime(2026, 2, 3, 16, 20))
    with clock.pinned_at(day):
        report = file_report(actor=DEMO_REPORTER, occurred_at=day - dt.timedelta(hours=1)).report
    assert report.is_demo is True and report.submitted_on == dt.date(2026, 2, 3)
    assert _trail(report)[0].is_demo is True

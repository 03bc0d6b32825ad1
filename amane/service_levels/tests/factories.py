"""Reports filed and moved through the same services citizens and officers use, on a pinned clock."""

import datetime as dt
from zoneinfo import ZoneInfo

from amane.authorities.models import ReportRouting
from amane.authorities.tests.factories import NORTH_ANNEX, point_of
from amane.core import clock
from amane.reports.models import Report
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

CASABLANCA = ZoneInfo("Africa/Casablanca")
# Filed on 2 March: both clocks start at midnight on 3 March.
FILED_AT = dt.datetime(2026, 3, 2, 10, 0, tzinfo=CASABLANCA)
ACKNOWLEDGE_BY = dt.datetime(2026, 3, 5, 0, 0, tzinfo=CASABLANCA)
RESOLVE_BY = dt.datetime(2026, 4, 2, 0, 0, tzinfo=CASABLANCA)


def file_in_north_annex(*, when: dt.datetime = FILED_AT, **overrides: object) -> Report:
    with clock.pinned_at(when):
        return file_report(point=point_of(NORTH_ANNEX), occurred_at=when - dt.timedelta(hours=2), **overrides).report


def move(report: Report, status: str, *, when: dt.datetime, message: str = "") -> None:
    with clock.pinned_at(when):
        report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status=status, message=message)


def responsible_of(report: Report) -> str | None:
    codes = ReportRouting.objects.filter(report=report, role="responsible").values_list("unit__code", flat=True)
    assert len(codes) <= 1
    return codes[0] if codes else None

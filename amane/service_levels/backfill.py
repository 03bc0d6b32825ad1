"""
Deadlines for reports written around the services (bulk loads, benchmarks), set when the sweep first sees them.

Reports filed through the services get theirs in the filing's transaction
(amane.service_levels.handlers); these are found by id past a mark, so that no sweep reads
the whole table twice. PostgreSQL computes the rows itself, one INSERT … SELECT per range of
ids; SQLite, whose dates are text, gets them by executemany, each (category, day) computed
once: a million reports get their deadlines in seconds, not in a million model saves.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from amane.core.writer_turn import writer_turn
from amane.reports.lifecycle import OPEN, Status
from amane.reports.models import Report
from amane.service_levels import deadlines
from amane.service_levels.deadlines import Kind
from amane.service_levels.models import ReportDeadline, ServiceLevel, SweepMark

# The statuses in which a deadline is still to be met.
WAITING: dict[Kind, frozenset[str]] = {
    Kind.ACKNOWLEDGE: frozenset({Status.SUBMITTED.value}),
    Kind.RESOLVE: frozenset(status.value for status in OPEN),
}
BATCH = 50_000

Progress = Callable[[str], None]

_COLUMNS = "report_id, acknowledge_by, resolve_by, acknowledge_watched, resolve_watched"


def deadlines_backfill(*, progress: Progress | None = None) -> int:
    """Give deadlines to open reports past the mark that have none; return how many got them."""
    with writer_turn(), transaction.atomic():
        mark, _created = SweepMark.objects.select_for_update().get_or_create(pk=1)
    newest = Report.objects.order_by("-id").values_list("id", flat=True).first() or 0
    written = 0
    start = mark.reports_seen_up_to
    fill = _fill_postgresql if connection.vendor == "postgresql" else _fill_sqlite
    while start < newest:
        end = min(start + BATCH, newest)
        with writer_turn(), transaction.atomic():
            written += fill(start, end)
            SweepMark.objects.filter(pk=1).update(reports_seen_up_to=end)
        start = end
        if progress:
            progress(f"deadlines set for {written:,} reports written around the services")
    return written


def _fill_postgresql(after: int, up_to: int) -> int:
    """Insert the deadlines of reports with ids in (after, up_to], computed by the database."""
    # Wall-clock arithmetic on local timestamps, then to an instant: the same as Python's on
    # an aware datetime, so both paths give a report the same deadlines.
    sql = f"""
        INSERT INTO {ReportDeadline._meta.db_table} ({_COLUMNS})
        SELECT id, acknowledge_by, resolve_by,
               CASE WHEN status = %(submitted)s THEN acknowledge_by END, resolve_by
        FROM (
            SELECT r.id, r.status,
                   ((r.submitted_on + 1)::timestamp
                    + make_interval(hours => coalesce(l.acknowledge_hours, %(hours)s))) AT TIME ZONE %(tz)s
                   AS acknowledge_by,
                   ((r.submitted_on + 1)::timestamp
                    + make_interval(days => coalesce(l.resolve_days, %(days)s))) AT TIME ZONE %(tz)s
                   AS resolve_by
            FROM {Report._meta.db_table} r
            LEFT JOIN {ServiceLevel._meta.db_table} l ON l.category_id = r.category_id
            WHERE r.id > %(after)s AND r.id <= %(up_to)s AND r.status = ANY(%(open)s)
        ) due
        ON CONFLICT DO NOTHING
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "submitted": Status.SUBMITTED.value,
                "hours": deadlines.DEFAULT_ACKNOWLEDGE_HOURS,
                "days": deadlines.DEFAULT_RESOLVE_DAYS,
                "tz": str(timezone.get_default_timezone()),
                "after": after,
                "up_to": up_to,
                "open": sorted(WAITING[Kind.RESOLVE]),
            },
        )
        return cursor.rowcount


def _fill_sqlite(after: int, up_to: int) -> int:
    levels = {level.category_id: level.levels() for level in ServiceLevel.objects.all()}
    tz = timezone.get_default_timezone()
    adapt = connection.ops.adapt_datetimefield_value
    computed: dict[tuple[int, dt.date], tuple[Any, Any]] = {}
    rows: list[tuple[Any, ...]] = []
    reports = Report.objects.filter(id__gt=after, id__lte=up_to, status__in=WAITING[Kind.RESOLVE])
    for pk, category_id, filed_on, status in reports.values_list("id", "category_id", "submitted_on", "status"):
        key = (category_id, filed_on)
        if key not in computed:
            due = deadlines.deadlines_for(filed_on=filed_on, tz=tz, levels=levels.get(category_id, deadlines.Levels()))
            computed[key] = (adapt(due.acknowledge_by), adapt(due.resolve_by))
        acknowledge_by, resolve_by = computed[key]
        waiting = status in WAITING[Kind.ACKNOWLEDGE]
        rows.append((pk, acknowledge_by, resolve_by, acknowledge_by if waiting else None, resolve_by))
    before = ReportDeadline.objects.filter(report_id__gt=after, report_id__lte=up_to).count()
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {ReportDeadline._meta.db_table} ({_COLUMNS}) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
            rows,
        )
    return ReportDeadline.objects.filter(report_id__gt=after, report_id__lte=up_to).count() - before

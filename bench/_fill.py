"""
Fill a benchmark database with about N clustered reports, fast, and keep it for the next run.

The points are the demo generator's (nine cities, hotspots, self-exciting in time), located
and coarsened as the report service would, with the demo's final status; each report gets
its first timeline event. Rows go in by executemany (SQLite, with the sync turned off for
the load only) or COPY (PostgreSQL), around the services since only reading is measured;
the tallies the services would have kept are then rebuilt (`amane rebuild-tallies`) and the
planners' statistics gathered (ANALYZE).

A database already filled to N is left as it is: `bench-data/<backend>.filled` records it.
"""

import datetime as dt
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

BATCH = 10_000

REPORT_COLUMNS = (
    "public_id", "category_id", "description", "status", "lat", "lon", "location_precision", "commune_id",
    "arrondissement_id", "province_id", "region_id", "public_lat", "public_lon", "cell_r9", "cell_r7", "cell_r5",
    "occurred_at", "occurred_on", "submitted_on", "contact", "receipt_selector", "receipt_hash", "is_demo", "public",
    "hidden",
)  # fmt: skip
EVENT_COLUMNS = ("report_id", "status", "at", "actor_role", "message")


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _rows(total: int) -> Iterator[tuple[Any, ...]]:
    """Yield report rows (without ids) in the order of REPORT_COLUMNS."""
    from django.utils import timezone

    from amane.core.errors import OutsideCoveredArea
    from amane.demo.synthetic import generate
    from amane.geo.selectors import locate_point
    from amane.reports.models import Category
    from amane.reports.privacy import coarsen

    categories = {c.code: (c.pk, not c.confidential) for c in Category.objects.all()}
    # Points of one ~100 m square share their places: the locator runs once per square.
    places: dict[tuple[float, float], Any] = {}
    end = timezone.now()
    for n, incident in enumerate(generate(seed=7, total=total, end=end)):
        square = (round(incident.lat, 3), round(incident.lon, 3))
        if square not in places:
            try:
                places[square] = locate_point(lat=incident.lat, lon=incident.lon)
            except OutsideCoveredArea:  # the service would refuse it too
                places[square] = None
        where = places[square]
        if where is None:
            continue
        public = coarsen(incident.lat, incident.lon)
        category_id, is_public = categories[incident.category]
        status = incident.steps[-1][1] if incident.steps else "submitted"
        yield (
            f"b{n:09d}", category_id, incident.description, status, incident.lat, incident.lon, "point",
            where.commune.pk, where.arrondissement.pk if where.arrondissement else None, where.province.pk,
            where.region.pk, public.lat, public.lon, public.cell, public.cell_r7, public.cell_r5,
            incident.occurred_at, timezone.localdate(incident.occurred_at), timezone.localdate(incident.occurred_at),
            "", f"{n:06x}", "bench", True, is_public, False,
        )  # fmt: skip


def _batches(total: int) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in _rows(total):
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _start_of_day(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _insert_sqlite(total: int) -> int:
    from django.db import connection, transaction

    made = 0
    placeholders = ", ".join(["%s"] * len(REPORT_COLUMNS))
    report_sql = f"INSERT INTO reports_report ({', '.join(REPORT_COLUMNS)}) VALUES ({placeholders})"  # noqa: S608
    event_sql = f"INSERT INTO reports_reportevent ({', '.join(EVENT_COLUMNS)}) VALUES (%s, %s, %s, %s, %s)"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
    for batch in _batches(total):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(report_sql, batch)
            cursor.execute(
                "SELECT id, submitted_on FROM reports_report WHERE id > %s ORDER BY id", [_last_event_report()]
            )
            events = [(pk, "submitted", _start_of_day(_as_date(day)), "reporter", "") for pk, day in cursor.fetchall()]
            cursor.executemany(event_sql, events)
        made += len(batch)
        progress(f"  {made:,} reports")
    return made


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _last_event_report() -> int:
    from amane.reports.models import ReportEvent

    return ReportEvent.objects.order_by("-report_id").values_list("report_id", flat=True).first() or 0


def _insert_postgresql(total: int) -> int:
    from django.db import connection, transaction

    made = 0
    for batch in _batches(total):
        with transaction.atomic(), connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor: COPY is not part of the DB-API
            with raw.copy(f"COPY reports_report ({', '.join(REPORT_COLUMNS)}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row(row)
            cursor.execute(
                "INSERT INTO reports_reportevent (report_id, status, at, actor_role, message) "
                "SELECT r.id, 'submitted', r.submitted_on::timestamptz, 'reporter', '' FROM reports_report r "
                "WHERE r.id > %s",
                [_last_event_report()],
            )
        made += len(batch)
        progress(f"  {made:,} reports")
    return made


def fill(*, total: int, marker: Path) -> int:
    """Fill the configured database to about `total` reports unless the marker says it was."""
    from django.core.management import call_command
    from django.db import connection

    from amane.geo.models import BoundarySet
    from amane.reports import tallies
    from amane.reports.models import Report

    if marker.exists() and marker.read_text().strip() == str(total):
        progress(f"{connection.vendor}: already filled to about {total:,} reports ({marker})")
        return Report.objects.count()
    if not BoundarySet.objects.filter(active=True).exists():
        progress("importing geography…")
        call_command("import-geography", verbosity=0)
    with connection.cursor() as cursor:
        # A scratch database: emptied wholesale, around the services and their cascades.
        for table in ("reportevent", "photo", "idempotencyrecord", "celltally", "celltotal", "report"):
            cursor.execute(f"DELETE FROM reports_{table}")  # noqa: S608
    progress(f"{connection.vendor}: inserting about {total:,} clustered reports…")
    started = time.perf_counter()
    made = _insert_sqlite(total) if connection.vendor == "sqlite" else _insert_postgresql(total)
    progress(f"{made:,} reports in {time.perf_counter() - started:.0f} s; counting the tallies…")
    rows = tallies.rebuild()
    with connection.cursor() as cursor:
        # PostgreSQL: VACUUM too, which autovacuum would do in time, so that index-only scans
        # find the pages marked all-visible instead of visiting the rows.
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    progress(f"{rows:,} tally rows; statistics gathered in {time.perf_counter() - started:.0f} s in all")
    marker.write_text(f"{total}\n")
    return made

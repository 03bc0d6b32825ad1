"""
Per-cell counts of public reports, kept on write so that the map never counts reports, and
per-month counts for the observatory's trends (amane.reports.month_tallies).

Every write that changes what the public counts (a report filed, a status changed, a
category made confidential or public again, a report hidden by flags or shown again) calls
one of the functions here inside its own transaction, so the counts and the reports commit
or roll back together. `rebuild` computes everything again from the reports (`amane
rebuild-tallies`); the tests check that it agrees with what the writes kept.

Counts go up through one INSERT … ON CONFLICT DO UPDATE per table (SQLite ≥ 3.24 and
PostgreSQL read the same statement) and down through an UPDATE, so that a count is never
written below zero even for a moment. Rows are touched in key order, so that two writers
never wait on each other in a cycle.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, F, Max, QuerySet, Sum

from amane.reports import month_tallies
from amane.reports.models import Category, CellTally, CellTotal, MonthTally, Report
from amane.reports.privacy import AGGREGATE_RESOLUTIONS, PUBLIC_RESOLUTION, cell_centre

RESOLUTIONS = (*AGGREGATE_RESOLUTIONS, PUBLIC_RESOLUTION)
BATCH = 2000


@dataclass(frozen=True, order=True)
class TallyKey:
    resolution: int
    cell: str
    commune_id: int
    category_id: int
    status: str


def cell_of(report: Report, resolution: int) -> str:
    return {5: report.cell_r5, 7: report.cell_r7, 9: report.cell_r9}[resolution]


def _keys(report: Report, status: str) -> list[TallyKey]:
    return sorted(
        TallyKey(resolution, cell_of(report, resolution), report.commune_id, report.category_id, status)
        for resolution in RESOLUTIONS
    )


def _table(model: type[CellTally] | type[CellTotal]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _add_tallies(rows: Sequence[tuple[TallyKey, int]]) -> None:
    table = _table(CellTally)
    values = []
    params: list[int | float | str] = []
    for key, count in rows:
        lat, lon = cell_centre(key.cell)
        values.append("(%s, %s, %s, %s, %s, %s, %s, %s)")
        params += [key.resolution, key.cell, lat, lon, key.commune_id, key.category_id, key.status, count]
    # Only the quoted table name and placeholders are formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {table} (resolution, cell, lat, lon, commune_id, category_id, status, count) "  # noqa: S608
        f"VALUES {', '.join(values)} "
        "ON CONFLICT (resolution, cell, commune_id, category_id, status) "
        f"DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _add_totals(rows: Sequence[tuple[int, str, int]]) -> None:
    table = _table(CellTotal)
    values = []
    params: list[int | float | str] = []
    for resolution, cell, count in rows:
        lat, lon = cell_centre(cell)
        values.append("(%s, %s, %s, %s, %s)")
        params += [resolution, cell, lat, lon, count]
    sql = (
        f"INSERT INTO {table} (resolution, cell, lat, lon, count) VALUES {', '.join(values)} "  # noqa: S608
        f"ON CONFLICT (resolution, cell) DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _subtract_tally(key: TallyKey) -> None:
    CellTally.objects.filter(
        resolution=key.resolution,
        cell=key.cell,
        commune_id=key.commune_id,
        category_id=key.category_id,
        status=key.status,
    ).update(count=F("count") - 1)


def report_added(report: Report) -> None:
    """Count a report just filed, if the public sees it."""
    if not report.public:
        return
    _add_tallies([(key, 1) for key in _keys(report, report.status)])
    _add_totals([(resolution, cell_of(report, resolution), 1) for resolution in RESOLUTIONS])
    month_tallies.report_added(report)


def _subtract_total(resolution: int, cell: str) -> None:
    CellTotal.objects.filter(resolution=resolution, cell=cell).update(count=F("count") - 1)


def report_withdrawn(report: Report) -> None:
    """Stop counting a report the public no longer sees (hidden by flags); call before its `public` changes."""
    if not report.public:
        return
    for key in _keys(report, report.status):
        _subtract_tally(key)
    for resolution in RESOLUTIONS:
        _subtract_total(resolution, cell_of(report, resolution))
    month_tallies.report_withdrawn(report)


def report_status_moved(report: Report, previous: str) -> None:
    """Move a public report's count from its previous status to its current one (totals do not change)."""
    if not report.public or previous == report.status:
        return
    leaving, arriving = _keys(report, previous), _keys(report, report.status)
    for key in sorted([*leaving, *arriving]):
        if key in arriving:
            _add_tallies([(key, 1)])
        else:
            _subtract_tally(key)


def _grouped(reports: QuerySet[Report]) -> Iterable[tuple[TallyKey, int]]:
    for resolution in RESOLUTIONS:
        column = f"cell_r{resolution}"
        rows = (
            reports.values_list(column, "commune_id", "category_id", "status")
            .annotate(n=Count("id"))
            .order_by()
            .iterator(chunk_size=BATCH)
        )
        for cell, commune_id, category_id, status, n in rows:
            yield TallyKey(resolution, cell, commune_id, category_id, status), n


def _insert_tallies(rows: Iterable[tuple[TallyKey, int]]) -> None:
    batch: list[CellTally] = []
    for key, n in rows:
        lat, lon = cell_centre(key.cell)
        batch.append(
            CellTally(
                resolution=key.resolution,
                cell=key.cell,
                lat=lat,
                lon=lon,
                commune_id=key.commune_id,
                category_id=key.category_id,
                status=key.status,
                count=n,
            )
        )
        if len(batch) >= BATCH:
            CellTally.objects.bulk_create(batch)
            batch.clear()
    CellTally.objects.bulk_create(batch)


def _rebuild_totals() -> None:
    """Totals are the tallies summed over commune, category and status."""
    CellTotal.objects.all().delete()
    rows = (
        CellTally.objects.filter(count__gt=0)
        .values_list("resolution", "cell")
        .annotate(lat=Max("lat"), lon=Max("lon"), n=Sum("count"))
        .order_by()
    )
    batch = [CellTotal(resolution=r, cell=c, lat=lat, lon=lon, count=n) for r, c, lat, lon, n in rows.iterator()]
    CellTotal.objects.bulk_create(batch, batch_size=BATCH)


def category_resynced(category: Category) -> None:
    """Count a category's reports again after its confidentiality changed (its reports' `public` is set)."""
    CellTally.objects.filter(category=category).delete()
    MonthTally.objects.filter(category=category).delete()
    if not category.confidential:
        _insert_tallies(_grouped(Report.objects.filter(category=category, public=True)))
        month_tallies.rebuild(Report.objects.filter(category=category, public=True))
    _rebuild_totals()


def rebuild() -> int:
    """Compute every tally again from the reports, in one transaction; return the number of tally rows."""
    with transaction.atomic():
        CellTally.objects.all().delete()
        MonthTally.objects.all().delete()
        _insert_tallies(_grouped(Report.objects.filter(public=True)))
        month_tallies.rebuild(Report.objects.filter(public=True))
        _rebuild_totals()
        return CellTally.objects.count()

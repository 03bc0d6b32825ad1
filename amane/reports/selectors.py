"""
Reads of reports, already limited to what the viewer may see.

The public sees reports of public categories only, at their coarsened location, with the
day they happened and no contact. A report that exists but may not be seen is reported
exactly like one that does not exist.
"""

import base64
import binascii
import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, DateField, F, Func, Max, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from amane.authorities.selectors import routed_to
from amane.core.errors import IdempotencyKeyReused, InvalidInput, NotFound
from amane.core.viewer import PUBLIC, Viewer
from amane.geo.models import Area
from amane.reports import idempotency, moderation, receipt, visibility
from amane.reports.models import (
    Category,
    CellTally,
    CellTotal,
    IdempotencyRecord,
    Photo,
    PhotoReview,
    Report,
    ReportEvent,
)
from amane.reports.privacy import AGGREGATE_RESOLUTIONS, PUBLIC_RESOLUTION, cell_centre, public_cell_at

MAX_PAGE = 200
PHOTO_LIST = "photo_list"


@dataclass(frozen=True)
class ReportFilters:
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    commune_code: str | None = None
    category_codes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    occurred_from: dt.date | None = None
    occurred_to: dt.date | None = None


@dataclass(frozen=True)
class Page:
    results: list[Report]
    next_cursor: str | None


@dataclass(slots=True)
class Cell:
    # Not frozen: a zoom-12 view of a city holds about 3,000, and frozen ones are slower to make.
    cell: str
    count: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Cells:
    cells: list[Cell]
    # More cells held reports than one answer carries (MAX_CELLS).
    truncated: bool = False
    # A date filter selected more reports than are counted at once (DATED_COUNT_LIMIT): no cells.
    too_wide_for_dates: bool = False


@dataclass(frozen=True)
class CommuneCounts:
    total: int
    by_status: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)


def categories_for_reporting() -> QuerySet[Category]:
    """Return the categories a reporter may choose, confidential ones included: anyone may file one."""
    return Category.objects.filter(active=True).order_by("position", "code")


def categories_visible_to(viewer: Viewer) -> QuerySet[Category]:
    """Categories to filter by: confidential ones only for a viewer who may see some of their reports."""
    categories = Category.objects.filter(active=True)
    return categories if viewer.is_staff or viewer.acts_for_units else categories.filter(confidential=False)


def reports_visible_to(viewer: Viewer) -> QuerySet[Report]:
    return Report.objects.filter(visibility.visible_filter(viewer))


def _filtered(
    viewer: Viewer, filters: ReportFilters, *, box_in_order: bool = False, dates_off_index: bool = False
) -> QuerySet[Report]:
    reports = reports_visible_to(viewer)
    if filters.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        lat, lon = "public_lat", "public_lon"
        if box_in_order and connection.vendor == "sqlite":
            # "+ 0" keeps SQLite off the box index: the box is then tested on the point that
            # ends the order index while that index is walked (see _box_is_dense). PostgreSQL
            # needs no hint: its statistics lead it to the same walk, with the box among the
            # index conditions, which an expression would push out to the rows.
            reports = reports.alias(box_lat=F("public_lat") + 0.0, box_lon=F("public_lon") + 0.0)
            lat, lon = "box_lat", "box_lon"
        reports = reports.filter(
            **{f"{lon}__gte": min_lon, f"{lon}__lte": max_lon, f"{lat}__gte": min_lat, f"{lat}__lte": max_lat}
        )
    if filters.commune_code:
        # Ids looked up first, so that the planner sees a constant and picks the index it leads.
        reports = reports.filter(commune_id__in=_commune_ids(filters.commune_code))
    if filters.category_codes:
        reports = reports.filter(category_id__in=_category_ids(filters.category_codes))
    if filters.statuses:
        reports = reports.filter(status__in=filters.statuses)
    day = "occurred_on"
    if dates_off_index and connection.vendor == "sqlite":
        # SQLite's unary + changes nothing but keeps the planner off the date index, so a
        # box known to be small is read through the box index (see _dated_public_cells).
        reports = reports.alias(
            day_off_index=Func(F("occurred_on"), template="+%(expressions)s", output_field=DateField())
        )
        day = "day_off_index"
    if filters.occurred_from:
        reports = reports.filter(**{f"{day}__gte": filters.occurred_from})
    if filters.occurred_to:
        reports = reports.filter(**{f"{day}__lte": filters.occurred_to})
    return reports


def _commune_ids(code: str) -> list[int]:
    return list(Area.objects.filter(code=code).values_list("id", flat=True))


def _category_ids(codes: tuple[str, ...]) -> list[int]:
    return list(Category.objects.filter(code__in=codes).values_list("id", flat=True).order_by("id"))


# Pages follow (day it happened, public id), both already public: a cursor of internal ids
# would let anyone count the confidential reports hidden in the gaps between them.
ORDERING = ("-occurred_on", "-public_id")


def _decode_cursor(cursor: str) -> tuple[dt.date, str]:
    invalid = InvalidInput(fields={"cursor": [_("This cursor is not valid.")]})
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        day, public_id = dt.date.fromisoformat(payload["d"]), payload["p"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise invalid from None
    if not isinstance(public_id, str) or not public_id.isalnum() or len(public_id) > 12:
        raise invalid
    return day, public_id


def _encode_cursor(report: Report) -> str:
    payload = {"d": report.occurred_on.isoformat(), "p": report.public_id}
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def _box_is_dense(viewer: Viewer, filters: ReportFilters, limit: int) -> bool:
    """
    Whether a page of a box is found sooner by walking the whole order than by reading the box.

    Reading the box costs the n reports in it, then a sort; walking the order until a page of
    `limit` is found costs about limit × N / n for N reports in all. The tallies give n and N
    in a few rows, so the cheaper way is taken and no page costs more than √(limit × N) index
    entries. With dates, n is not known from the tallies and the box is read.
    """
    if filters.bbox is None or filters.occurred_from or filters.occurred_to or not visibility.public_only(viewer):
        return False
    in_box = _tallied_count(filters, PUBLIC_RESOLUTION)
    in_all = _tallied_count(replace(filters, bbox=None), AGGREGATE_RESOLUTIONS[0])
    return in_box * in_box > limit * in_all


def _tallied_count(filters: ReportFilters, resolution: int, *, margin: float = 0.0) -> int:
    """
    The box's reports (dates aside), from the tallies. Public points are resolution-9 centres,
    so at that resolution and no margin the box holds exactly its cells; with the map's margin
    the count takes in the cells at its edge too (an over-count, as cheap as undated cells).
    """
    model, where = _tally_where(filters, resolution, margin=margin)
    return model.objects.filter(where).aggregate(n=Sum("count"))["n"] or 0


def page_ids(
    *, viewer: Viewer, filters: ReportFilters, cursor: str | None = None, limit: int = 50
) -> QuerySet[Report, int]:
    """The ids of the reports a list shows, in its order, from the cursor on (unsliced; pages hold `limit`)."""
    box_in_order = _box_is_dense(viewer, filters, limit + 1)
    reports = _filtered(viewer, filters, box_in_order=box_in_order).order_by(*ORDERING)
    if cursor:
        day, public_id = _decode_cursor(cursor)
        # The plain bound on the day lets the index start at the cursor instead of skipping
        # every newer row; the OR then settles the ties within that day.
        reports = reports.filter(
            Q(occurred_on__lt=day) | Q(occurred_on=day, public_id__lt=public_id), occurred_on__lte=day
        )
    return reports.values_list("id", flat=True)


def report_list(*, viewer: Viewer, filters: ReportFilters, cursor: str | None = None, limit: int = 50) -> Page:
    """Return one page of reports, latest day of occurrence first, and the cursor of the next page."""
    limit = max(1, min(limit, MAX_PAGE))
    # The page's ids first, from the index alone, then its rows and their neighbours by id:
    # the sort never drags descriptions or joins along.
    ids = list(page_ids(viewer=viewer, filters=filters, cursor=cursor, limit=limit)[: limit + 1])
    by_id = {
        report.pk: report
        for report in Report.objects.filter(id__in=ids)
        .select_related("category", "commune", "arrondissement", "duplicate_of__category")
        # Into a plain list (serialisers.photos_of reads it): a related manager for each of a
        # page's reports cost more than their photos' query.
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("position"), to_attr=PHOTO_LIST))
    }
    rows = [by_id[pk] for pk in ids]
    next_cursor = _encode_cursor(rows[limit - 1]) if len(rows) > limit else None
    return Page(results=rows[:limit], next_cursor=next_cursor)


def report_get(*, viewer: Viewer, public_id: str) -> Report:
    report = (
        reports_visible_to(viewer)
        .select_related("category", "commune", "arrondissement", "province", "region", "duplicate_of__category")
        .prefetch_related(
            Prefetch("photos", queryset=Photo.objects.order_by("position")),
            Prefetch("events", queryset=ReportEvent.objects.order_by("at", "id")),
        )
        .filter(public_id=public_id)
        .first()
    )
    if report is None:
        raise NotFound(_("No report has this id."))
    return report


def report_track(*, receipt_code: str) -> Report:
    """Return the report a receipt code belongs to; any mismatch is simply 'not found'."""
    code = receipt.parse(receipt_code)
    not_found = NotFound(_("No report has this receipt code. Check it and try again."))
    if code is None:
        raise not_found
    report = (
        Report.objects.select_related("category", "commune", "duplicate_of__category")
        .prefetch_related(Prefetch("events", queryset=ReportEvent.objects.order_by("at", "id")))
        .filter(receipt_selector=code.selector)
        .first()
    )
    if report is None:
        # Spend the same time as a real check, so that timing does not tell which selectors exist.
        receipt.verify_secret(code.secret, _dummy_hash())
        raise not_found
    if not receipt.verify_secret(code.secret, report.receipt_hash):
        raise not_found
    return report


@lru_cache(maxsize=4)
def _dummy_hash_for(cost: int) -> str:
    return receipt.hash_secret(receipt.generate().secret, log2_n=cost)


def _dummy_hash() -> str:
    return _dummy_hash_for(settings.AMANE_RECEIPT_SCRYPT_LOG2_N)


def report_filed_with(*, key: str, request_digest: str) -> tuple[Report, str] | None:
    """Return the report an Idempotency-Key filed and its receipt code, or None if it filed none."""
    record = (
        IdempotencyRecord.objects.select_related("report__commune")
        .filter(key_digest=idempotency.key_digest(key))
        .first()
    )
    if record is None:
        return None
    if not idempotency.same_request(record.request_digest, request_digest):
        raise IdempotencyKeyReused()
    return record.report, idempotency.unseal(record.sealed_receipt, key)


def sees_every_photo(viewer: Viewer, report: Report) -> bool:
    """Whether the viewer sees a report's photos before the public may: staff, moderators, its units."""
    if viewer.is_staff or viewer.is_moderator:
        return True
    return viewer.acts_for_units and routed_to(report_id=report.pk, unit_ids=viewer.unit_ids)


@dataclass(frozen=True)
class ShownPhoto:
    photo: Photo
    # Whether the public sees it too: a page tells the others it waits for a moderator.
    public: bool
    # Whether this viewer may open it (otherwise the page says it waits for review).
    shown: bool


def photos_for_viewer(*, viewer: Viewer, report: Report) -> list[ShownPhoto]:
    """A report's photos (not removed) as this viewer's page shows them, in order."""
    photos = [photo for photo in report.photos.all() if photo.review != PhotoReview.REMOVED or viewer.is_staff]
    everything = bool(photos) and sees_every_photo(viewer, report)
    shown = []
    for photo in photos:
        public = moderation.photo_shown_to_public(photo, report)
        shown.append(ShownPhoto(photo=photo, public=public, shown=public or everything))
    return shown


def photo_for_viewer(*, viewer: Viewer, photo_public_id: str) -> tuple[Photo, bool]:
    """Return a photo the viewer may open, and whether the public may open it too."""
    photo = (
        Photo.objects.select_related("report__category")
        .filter(public_id=photo_public_id, report__in=reports_visible_to(viewer))
        .first()
    )
    if photo is None:
        raise NotFound()
    if moderation.photo_shown_to_public(photo):
        return photo, True
    if sees_every_photo(viewer, photo.report):
        return photo, False
    raise NotFound()


def photo_for_tracked_report(*, report: Report, photo_public_id: str) -> Photo:
    """Return a photo of the report the reporter holds the receipt code of, whatever its review."""
    photo = Photo.objects.filter(public_id=photo_public_id, report=report).first()
    if photo is None:
        raise NotFound()
    return photo


# A map asks for one viewport; past this many cells the answer says it was cut, and the
# map's own zoom rule keeps real viewports well below it.
MAX_CELLS = 5000
# A cell is found by its centre: the box grows by about one cell so that a cell whose centre
# lies just outside the view, but whose reports are inside it, is still counted.
CELL_MARGIN = {5: 0.1, 7: 0.015, 9: 0.002}


def report_cells(*, viewer: Viewer, filters: ReportFilters, resolution: int) -> Cells:
    """Return report counts per H3 cell (resolution 5, 7 or 9), for the map at low zoom."""
    if visibility.public_only(viewer):
        if filters.occurred_from is None and filters.occurred_to is None:
            return _tallied_cells(filters, resolution)
        return _dated_public_cells(filters, resolution)
    column = {5: "cell_r5", 7: "cell_r7", 9: "cell_r9"}[resolution]
    # Staff and officers count from the reports themselves.
    rows = _filtered(viewer, filters).values_list(column).annotate(count=Count("id")).order_by(column)
    found = list(rows[: MAX_CELLS + 1])
    cells = [Cell(cell, count, *cell_centre(cell)) for cell, count in found[:MAX_CELLS]]
    return Cells(cells=cells, truncated=len(found) > MAX_CELLS)


# The tallies have no dates, so a map filtered by dates counts the reports themselves, and
# never more than this many: either those in the box (the tallies say how many) or those of
# the period (an index probe that stops past the limit), whichever is under it.
DATED_COUNT_LIMIT = 20_000


def _dated_public_cells(filters: ReportFilters, resolution: int) -> Cells:
    near = CELL_MARGIN[resolution]
    if filters.bbox is not None and _tallied_count(filters, resolution, margin=near) <= DATED_COUNT_LIMIT:
        reports = _filtered(PUBLIC, filters, dates_off_index=True)
    elif _period_count_within(filters, DATED_COUNT_LIMIT):
        reports = _filtered(PUBLIC, filters, box_in_order=True)
    else:
        return Cells(cells=[], too_wide_for_dates=True)
    # Public points are resolution-9 centres: read from the index alone and grouped here, since
    # a GROUP BY in SQL would draw SQLite to the box index's order whatever the period.
    by_point = Counter(reports.values_list("public_lat", "public_lon").order_by().iterator(chunk_size=BATCH_OF_POINTS))
    counts: Counter[str] = Counter()
    for (lat, lon), n in by_point.items():
        counts[public_cell_at(lat, lon, resolution)] += n
    cells = [Cell(cell, n, *cell_centre(cell)) for cell, n in sorted(counts.items())]
    return Cells(cells=cells[:MAX_CELLS], truncated=len(cells) > MAX_CELLS)


BATCH_OF_POINTS = 5000


def _period_count_within(filters: ReportFilters, limit: int) -> bool:
    """Whether the period holds at most `limit` public reports, reading at most limit + 1 entries."""
    # A sliced count is a COUNT over a LIMIT subquery: it stops at limit + 1.
    return _filtered(PUBLIC, replace(filters, bbox=None)).values("id").order_by()[: limit + 1].count() <= limit


def _tally_where(filters: ReportFilters, resolution: int, margin: float) -> tuple[type[CellTotal] | type[CellTally], Q]:
    """The tally table that answers these filters (dates aside) and the rows of it they select."""
    where = Q(resolution=resolution, count__gt=0)
    if filters.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        where &= Q(lat__gte=min_lat - margin, lat__lte=max_lat + margin)
        where &= Q(lon__gte=min_lon - margin, lon__lte=max_lon + margin)
    if not (filters.commune_code or filters.category_codes or filters.statuses):
        return CellTotal, where
    if filters.commune_code:
        where &= Q(commune_id__in=_commune_ids(filters.commune_code))
    if filters.category_codes:
        where &= Q(category_id__in=_category_ids(filters.category_codes))
    if filters.statuses:
        where &= Q(status__in=filters.statuses)
    return CellTally, where


def tallied_cells_query(filters: ReportFilters, resolution: int) -> QuerySet[Any, tuple[str, int, float, float]]:
    """The public's counts as (cell, count, lat, lon), from the tallies: a few rows per cell in the box."""
    model, where = _tally_where(filters, resolution, margin=CELL_MARGIN[resolution])
    if model is CellTotal:
        return CellTotal.objects.filter(where).values_list("cell", "count", "lat", "lon")
    return (
        CellTally.objects.filter(where)
        .values_list("cell")
        .annotate(n=Sum("count"), at_lat=Max("lat"), at_lon=Max("lon"))
        .order_by()
    )


def _tallied_cells(filters: ReportFilters, resolution: int) -> Cells:
    found = list(tallied_cells_query(filters, resolution)[: MAX_CELLS + 1])
    cells = [Cell(cell, count, lat, lon) for cell, count, lat, lon in found[:MAX_CELLS]]
    return Cells(cells=sorted(cells, key=lambda c: c.cell), truncated=len(found) > MAX_CELLS)


def commune_counts(*, viewer: Viewer, commune: Area) -> CommuneCounts:
    if visibility.public_only(viewer):
        # The coarsest tallies of the commune: a handful of rows, whatever its number of reports.
        tallies = CellTally.objects.filter(commune=commune, resolution=AGGREGATE_RESOLUTIONS[0], count__gt=0)
        by_status = dict(tallies.values_list("status").annotate(n=Sum("count")).order_by())
        by_category = dict(tallies.values_list("category__code").annotate(n=Sum("count")).order_by())
    else:
        reports = reports_visible_to(viewer).filter(commune=commune)
        by_status = dict(reports.values_list("status").annotate(n=Count("id")).order_by())
        by_category = dict(reports.values_list("category__code").annotate(n=Count("id")).order_by())
    return CommuneCounts(total=sum(by_status.values()), by_status=by_status, by_category=by_category)

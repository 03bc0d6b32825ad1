"""
Reads of black spots, already limited to what the viewer may see.

The public sees the black spots of verified associations that are not hidden; a moderator
and staff see every one; an officer also sees those their units (or units below them) must
answer. Each list is one indexed range that stops after a page.
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from amane.associations.models import Association, AssociationStatus
from amane.authorities.models import ReportRouting
from amane.blackspots import access, lifecycle
from amane.blackspots.geometry import MAX_HALF_EXTENT, SpotShape
from amane.blackspots.models import (
    BlackSpot,
    BlackSpotAnswer,
    BlackSpotEscalation,
    BlackSpotPhoto,
    BlackSpotPlace,
    BlackSpotReport,
    SensitivePlace,
)
from amane.core.errors import InvalidInput, NotFound
from amane.core.viewer import Viewer
from amane.geo.models import Area
from amane.reports.lifecycle import OPEN as OPEN_REPORT
from amane.reports.models import Category, Report

MAX_PAGE = 200
# A declaration offers at most this many reports and places; the box read stops at READ_LIMIT.
OFFERED = 50
READ_LIMIT = 500
_CURSOR = re.compile(r"^[0-9a-z]{1,12}$")


@dataclass(frozen=True)
class Page:
    results: list[BlackSpot]
    next_cursor: str | None


def visible_q(viewer: Viewer, *, from_index: bool = False) -> Q:
    """
    The black spots a viewer may see, as a condition.

    `from_index`: the verified associations' ids are read first (one query, a few hundred ids),
    so that a box is tested on its index alone instead of joining each spot's association.
    """
    if viewer.is_moderator:
        return Q()
    if from_index:
        verified = Association.objects.filter(status=AssociationStatus.VERIFIED).values_list("id", flat=True)
        by_association = Q(association_id__in=list(verified))
    else:
        by_association = Q(association__status=AssociationStatus.VERIFIED)
    # As IN: SQLite then reads the box index by its first column.
    public = Q(hidden__in=(False,)) & by_association
    if viewer.acts_for_units:
        return public | Q(responsible_unit_id__in=sorted(access.units_under(viewer.unit_ids)))
    return public


def _visible_links(viewer: Viewer) -> Q:
    """The links to reports the viewer may see, tested on each link's own report (never a scan of reports)."""
    if viewer.is_staff:
        return Q()
    public = Q(report__public__in=(True,))
    if viewer.acts_for_units:
        # The same rule as amane.reports.visibility: what routing wrote for the viewer's units.
        routed = ReportRouting.objects.filter(report_id=OuterRef("report_id"), unit_id__in=sorted(viewer.unit_ids))
        return public | Q(Exists(routed))
    return public


def _reports_prefetch(viewer: Viewer, *, full: bool = False) -> "Prefetch[Any]":
    links = BlackSpotReport.objects.filter(_visible_links(viewer))
    if full:
        links = links.select_related("report__category")
    else:
        # A list names the reports by their public id only: 400 whole reports cost 30 ms to build.
        links = links.select_related("report").only("id", "black_spot_id", "report_id", "report__public_id")
    return Prefetch("report_links", queryset=links.order_by("report__public_id"), to_attr="report_list")


def _with_links(spots: QuerySet[BlackSpot], viewer: Viewer, *, full: bool = False) -> QuerySet[BlackSpot]:
    """The joins and prefetches every list needs: one query per relation, never one per spot."""
    answers = BlackSpotAnswer.objects.select_related("unit").order_by("at", "id")
    return (
        spots.select_related("category", "association", "responsible_unit", "commune")
        .defer("commune__search_names")
        .prefetch_related(
            Prefetch("answers", queryset=answers, to_attr="answer_list"), _reports_prefetch(viewer, full=full)
        )
    )


def _ids_to_rows(ids: Sequence[int], viewer: Viewer) -> list[BlackSpot]:
    by_id = {spot.pk: spot for spot in _with_links(BlackSpot.objects.filter(pk__in=list(ids)), viewer)}
    return [by_id[pk] for pk in ids if pk in by_id]


def _category_ids(codes: Sequence[str]) -> list[int]:
    return list(Category.objects.filter(code__in=list(codes), confidential=False).values_list("id", flat=True))


def black_spot_page(
    *,
    viewer: Viewer,
    bbox: tuple[float, float, float, float] | None = None,
    statuses: Sequence[str] = (),
    category_codes: Sequence[str] = (),
    cursor: str | None = None,
    limit: int = 100,
) -> Page:
    """Return a page of black spots touching the box (min_lon, min_lat, max_lon, max_lat), by public id."""
    limit = max(1, min(limit, MAX_PAGE))
    spots = BlackSpot.objects.filter(visible_q(viewer, from_index=True))
    if bbox is not None:
        min_lon, min_lat, max_lon, max_lat = bbox
        # The centre's range first (the index), then the shape's own bounds against the box.
        spots = spots.filter(
            lat__gte=min_lat - MAX_HALF_EXTENT,
            lat__lte=max_lat + MAX_HALF_EXTENT,
            lon__gte=min_lon - MAX_HALF_EXTENT,
            lon__lte=max_lon + MAX_HALF_EXTENT,
            max_lat__gte=min_lat,
            min_lat__lte=max_lat,
            max_lon__gte=min_lon,
            min_lon__lte=max_lon,
        )
    if statuses:
        spots = spots.filter(status__in=list(statuses))
    if category_codes:
        spots = spots.filter(category_id__in=_category_ids(category_codes))
    if cursor:
        if not _CURSOR.fullmatch(cursor):
            raise InvalidInput(fields={"cursor": [_("This cursor is not valid.")]})
        spots = spots.filter(public_id__gt=cursor)
    ids = list(spots.order_by("public_id").values_list("id", flat=True)[: limit + 1])
    rows = _ids_to_rows(ids[:limit], viewer)
    return Page(results=rows, next_cursor=rows[-1].public_id if len(ids) > limit and rows else None)


def black_spots_of_commune(*, viewer: Viewer, commune: Area, limit: int = 20) -> list[BlackSpot]:
    """The commune's black spots that the viewer may see, at most `limit` (one query when there are none)."""
    spots = BlackSpot.objects.filter(visible_q(viewer), commune=commune).order_by("public_id")[:limit]
    return list(_with_links(spots, viewer))


def black_spots_awaiting(*, viewer: Viewer, limit: int = MAX_PAGE) -> list[BlackSpot]:
    """The open black spots that the viewer's units (or units below them) must answer, oldest deadline first."""
    if not viewer.acts_for_units:
        return []
    units = sorted(access.units_under(viewer.unit_ids))
    ids = list(
        BlackSpot.objects.filter(responsible_unit_id__in=units, status__in=[s.value for s in lifecycle.OPEN])
        .order_by("answer_by", "public_id")
        .values_list("id", flat=True)[:limit]
    )
    return _ids_to_rows(ids, viewer)


def black_spot_for_viewer(*, viewer: Viewer, public_id: str) -> BlackSpot:
    """Return one black spot the viewer may see, with its answers, links, photos and escalations."""
    spot = (
        _with_links(BlackSpot.objects.filter(visible_q(viewer), public_id=public_id), viewer, full=True)
        .prefetch_related(
            Prefetch("photos", queryset=BlackSpotPhoto.objects.order_by("position")),
            Prefetch("place_links", queryset=BlackSpotPlace.objects.select_related("place").order_by("place__kind")),
            Prefetch(
                "escalations",
                queryset=BlackSpotEscalation.objects.select_related("from_unit", "to_unit").order_by("at", "id"),
            ),
        )
        .first()
    )
    if spot is None:
        raise NotFound(_("No black spot has this id."))
    return spot


def photo_for_viewer(*, viewer: Viewer, public_id: str) -> BlackSpotPhoto:
    photo = BlackSpotPhoto.objects.filter(
        public_id=public_id, black_spot__in=BlackSpot.objects.filter(visible_q(viewer))
    ).first()
    if photo is None:
        raise NotFound()
    return photo


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    kind: str  # declared, answer, escalation
    status: str
    text: str = ""
    planned_for: dt.date | None = None
    unit: object = None
    to_unit: object = None


def timeline(spot: BlackSpot) -> list[TimelineEntry]:
    """The black spot's public steps in time order: its declaration, the answers and the escalations."""
    entries = [TimelineEntry(at=spot.declared_at, kind="declared", status=lifecycle.Status.DECLARED.value)]
    for answer in getattr(spot, "answer_list", []):
        entries.append(
            TimelineEntry(
                at=answer.at,
                kind="answer",
                status=answer.status,
                text=answer.text,
                planned_for=answer.planned_for,
                unit=answer.unit,
            )
        )
    for escalation in spot.escalations.all():
        entries.append(
            TimelineEntry(
                at=escalation.at,
                kind="escalation",
                status=escalation.kind,
                unit=escalation.from_unit,
                to_unit=escalation.to_unit,
            )
        )
    return sorted(entries, key=lambda entry: entry.at)


def latest_answer(spot: BlackSpot) -> BlackSpotAnswer | None:
    answers = getattr(spot, "answer_list", [])
    return answers[-1] if answers else None


def linked_reports(spot: BlackSpot) -> list[Report]:
    return [link.report for link in getattr(spot, "report_list", [])]


def report_candidates(*, shape: SpotShape, limit: int = OFFERED) -> list[Report]:
    """Open public reports inside the area or within 250 m of the point, newest first, at most `limit`."""
    min_lon, min_lat, max_lon, max_lat = shape.search_box()
    # Read from the reports' public box index alone, and never more than READ_LIMIT entries:
    # no sort in SQL, which would draw the planner to walk the whole order instead.
    rows = list(
        Report.objects.filter(
            public__in=(True,),
            public_lat__gte=min_lat,
            public_lat__lte=max_lat,
            public_lon__gte=min_lon,
            public_lon__lte=max_lon,
            status__in=[status.value for status in OPEN_REPORT],
        )
        .order_by()
        .values_list("id", "public_lat", "public_lon", "occurred_on", "public_id")[:READ_LIMIT]
    )
    near = [row for row in rows if shape.near(lat=row[1], lon=row[2])]
    near.sort(key=lambda row: (row[3], row[4]), reverse=True)
    ids = [row[0] for row in near[:limit]]
    by_id = Report.objects.select_related("category").in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def place_candidates(*, shape: SpotShape, limit: int = OFFERED) -> list[SensitivePlace]:
    """Sensitive places inside the area or within 250 m of the point, schools first."""
    min_lon, min_lat, max_lon, max_lat = shape.search_box()
    places = list(
        SensitivePlace.objects.filter(lat__gte=min_lat, lat__lte=max_lat, lon__gte=min_lon, lon__lte=max_lon)
        .order_by()
        .select_related("commune")[:READ_LIMIT]
    )
    near = [place for place in places if shape.near(lat=place.lat, lon=place.lon)]
    near.sort(key=lambda place: (place.kind != "school", place.name_fr, place.pk))
    return near[:limit]

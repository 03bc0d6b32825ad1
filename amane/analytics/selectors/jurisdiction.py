"""
The observatory of an authority unit: the public's figures for its area, or its officers' in full.

An officer of the unit, or of a unit above it, sees every report routed to it — confidential
categories and hidden reports included — at its exact point: that is their caseload, which
they see report by report in their inbox anyway. Anyone else sees what the public sees of the
communes the unit covers. Which of the two a viewer gets is decided here, never in a template.
"""

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from amane.analytics.engine import hexgrid, pipeline
from amane.analytics.selectors import hotspots as hotspot_selectors
from amane.analytics.selectors.trends import Trend, Trends, month_starts
from amane.authorities.models import Unit, UnitCoverage
from amane.core.viewer import Viewer
from amane.geo.models import Area, AreaKind, Boundary
from amane.reports.models import Category, MonthTally, Report

# A unit's area is a city or smaller: resolution 9, one coarser when it spreads wider.
RESOLUTION = 9
LARGE_AREA_KM2 = 500.0


@dataclass(frozen=True)
class Jurisdiction:
    unit: Unit
    full: bool  # the viewer acts for this unit or one above it

    @cached_property
    def commune_ids(self) -> list[int]:
        """
        The communes the unit covers: those it names and those of the wider areas it names. An
        annex drawn inside a city names none: it is counted, in public, with its parent's.
        """
        unit: Unit | None = self.unit
        covered: list[tuple[int, str]] = []
        while unit is not None and not covered:
            covered = list(UnitCoverage.objects.filter(unit=unit).values_list("area_id", "area__kind"))
            unit = unit.parent if not covered else unit
        ids = {pk for pk, kind in covered if kind == AreaKind.COMMUNE}
        wider = Q()
        for pk, kind in covered:
            if kind in (AreaKind.REGION, AreaKind.PROVINCE):
                wider |= Q(**{f"{kind}_id": pk})
        if wider:
            ids |= set(Area.objects.filter(wider, kind=AreaKind.COMMUNE).values_list("pk", flat=True))
        return sorted(ids)

    @cached_property
    def box(self) -> pipeline.Box:
        if self.unit.drawn_area:
            return drawn_box(self.unit.drawn_area)
        found = Boundary.objects.filter(
            boundary_set__active=True, area_id__in=self.commune_ids, area__kind=AreaKind.COMMUNE
        ).aggregate(min_lon=Min("min_lon"), min_lat=Min("min_lat"), max_lon=Max("max_lon"), max_lat=Max("max_lat"))
        if found["min_lon"] is None:
            return hotspot_selectors.COUNTRY_BOX
        return found["min_lon"], found["min_lat"], found["max_lon"], found["max_lat"]

    def resolution(self) -> int:
        return RESOLUTION - (hexgrid.box_area_km2(*self.box) > LARGE_AREA_KM2)

    def outlines(self) -> list[str]:
        if self.unit.drawn_area:
            return [json.dumps(self.unit.drawn_area)]
        rows = Boundary.objects.filter(boundary_set__active=True, area_id__in=self.commune_ids)
        return list(rows.values_list("simplified_geojson", flat=True))


def drawn_box(geometry: dict[str, Any]) -> pipeline.Box:
    """The box of a drawn Polygon or MultiPolygon (longitude, latitude)."""
    rings = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    points = np.asarray([point[:2] for polygon in rings for ring in polygon for point in ring], dtype=np.float64)
    return float(points[:, 0].min()), float(points[:, 1].min()), float(points[:, 0].max()), float(points[:, 1].max())


def acts_for(viewer: Viewer, unit: Unit) -> bool:
    """Whether the viewer acts for the unit or for a unit above it (platform staff always do)."""
    if viewer.is_staff:
        return True
    if not viewer.acts_for_units:
        return False
    current: Unit | None = unit
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        if current.pk in viewer.unit_ids:
            return True
        seen.add(current.pk)
        current = current.parent
    return False


def jurisdiction_for(*, viewer: Viewer, unit: Unit) -> Jurisdiction:
    return Jurisdiction(unit=unit, full=acts_for(viewer, unit))


def categories_for(jurisdiction: Jurisdiction) -> QuerySet[Category]:
    """The categories the filter offers: all of them to the unit's officers, public ones otherwise."""
    categories = Category.objects.filter(active=True).order_by("position", "code")
    return categories if jurisdiction.full else categories.filter(confidential=False)


def _caseload(jurisdiction: Jurisdiction, category: str | None, first: dt.date | None, last: dt.date | None) -> Q:
    where = Q(routing__unit=jurisdiction.unit)
    if category:
        where &= Q(category__code=category)
    if first:
        where &= Q(occurred_on__gte=first)
    if last:
        where &= Q(occurred_on__lte=last)
    return where


def hotspots(
    jurisdiction: Jurisdiction, *, category: str | None, first: dt.date | None, last: dt.date | None
) -> dict[str, Any]:
    """The hotspots answer (the API's shape) for the viewer this jurisdiction was made for."""
    query = hotspot_selectors.HotspotQuery(
        resolution=jurisdiction.resolution(),
        box=jurisdiction.box,
        category_code=category,
        occurred_from=first,
        occurred_to=last,
    )
    if not jurisdiction.full:
        return hotspot_selectors.hotspots(query)
    rows = Report.objects.filter(_caseload(jurisdiction, category, first, last)).values_list("lat", "lon")
    points = np.asarray(list(rows.order_by().iterator(chunk_size=5000)), dtype=np.float64).reshape(-1, 2)
    result = pipeline.hotspots(
        points[:, 0], points[:, 1], np.ones(len(points)), resolution=query.resolution, box=query.box
    )
    return hotspot_selectors.answer_of(result)


def trends(jurisdiction: Jurisdiction, *, today: dt.date, category: str | None) -> Trends:
    """Reports per month and category over the last 24 months, busiest category first."""
    months = month_starts(today)
    rows: Iterable[tuple[int, dt.date | dt.datetime, int]]
    if jurisdiction.full:
        rows = (
            Report.objects.filter(_caseload(jurisdiction, category, months[0], None))
            .annotate(month=TruncMonth("occurred_on"))
            .values_list("category_id", "month")
            .annotate(n=Count("id"))
            .order_by()
        )
    else:
        tallies = MonthTally.objects.filter(commune_id__in=jurisdiction.commune_ids, month__gte=months[0], count__gt=0)
        if category:
            tallies = tallies.filter(category__code=category)
        rows = tallies.values_list("category_id", "month").annotate(n=Sum("count")).order_by()
    position = {month: i for i, month in enumerate(months)}
    counts: dict[int, list[int]] = {}
    for category_id, month, n in rows:
        day = month.date() if isinstance(month, dt.datetime) else month
        if day in position:
            counts.setdefault(category_id, [0] * len(months))[position[day]] += n
    found = Category.objects.in_bulk(list(counts))
    series = sorted(
        (Trend(found[pk], values) for pk, values in counts.items()), key=lambda t: (-t.total, t.category.code)
    )
    return Trends(months, series)

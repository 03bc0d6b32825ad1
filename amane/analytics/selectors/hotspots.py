"""
Hotspots of public reports, at their public points, in a box.

The counts come from the tallies the report services keep (one row per resolution-9 cell, or
per cell and category), so a city costs a few thousand rows whatever the number of reports.
The tallies have no dates: a period is counted from the reports' public points, read from the
box index (`report_public_box`) and grouped here. Answers are cached under the public data's
version (`amane.reports.public_cache.data_version`), which every public change moves, and
`amane.analytics.tasks` computes the observatory's own views again in the background.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from amane.analytics.engine import hexgrid, pipeline
from amane.analytics.engine.classes import CLASS_NAMES
from amane.analytics.selectors.common import current, public_category_id
from amane.core.errors import InvalidInput
from amane.reports.models import CellTally, CellTotal, Report
from amane.reports.privacy import PUBLIC_RESOLUTION

RESOLUTIONS = range(5, 11)
DEFAULT_RESOLUTION = 8
# The most lattice cells one request may ask for: about Casablanca's whole region at
# resolution 9, a large city at 10, the whole country at 6.
MAX_LATTICE_CELLS = 120_000
# Morocco's extent, Western Sahara included: the box when none is given.
COUNTRY_BOX = (-17.3, 20.7, -0.9, 36.0)


@dataclass(frozen=True)
class HotspotQuery:
    resolution: int = DEFAULT_RESOLUTION
    box: pipeline.Box = COUNTRY_BOX
    category_code: str | None = None
    occurred_from: dt.date | None = None
    occurred_to: dt.date | None = None

    def cache_key(self) -> str:
        text = json.dumps(
            [self.resolution, self.box, self.category_code, str(self.occurred_from), str(self.occurred_to)]
        )
        return "amane:analytics:hotspots:" + hashlib.sha256(text.encode()).hexdigest()[:32]


def check(query: HotspotQuery) -> None:
    """Refuse, field by field, what the engine should not be asked."""
    errors: dict[str, list[str | Promise]] = {}
    if query.resolution not in RESOLUTIONS:
        errors["resolution"] = [_("Choose a resolution from 5 to 10.")]
    elif _estimated_cells(query) > MAX_LATTICE_CELLS:
        largest = MAX_LATTICE_CELLS * hexgrid.average_cell_area_km2(query.resolution)
        area = hexgrid.box_area_km2(*query.box)
        message = _(
            "At resolution %(resolution)d a box may cover at most %(largest)s km²; this one covers %(area)s km²."
        )
        errors["bbox"] = [
            message % {"resolution": query.resolution, "largest": f"{largest:,.0f}", "area": f"{area:,.0f}"}
        ]
    if query.occurred_from and query.occurred_to and query.occurred_from > query.occurred_to:
        errors["from"] = [_("The start of the period comes after its end.")]
    if query.category_code is not None and not public_category_id(query.category_code):
        errors["category"] = [_("Unknown category.")]
    if errors:
        raise InvalidInput(fields=errors)


def _estimated_cells(query: HotspotQuery) -> float:
    return hexgrid.box_area_km2(*query.box) / hexgrid.average_cell_area_km2(query.resolution)


def hotspots(query: HotspotQuery) -> dict[str, Any]:
    """The API's answer: every lattice cell with a report or a class, from the cache when it can."""
    check(query)
    return current(query.cache_key(), lambda: _computed(query))


def _computed(query: HotspotQuery) -> dict[str, Any]:
    lat, lon, counts = public_points(query)
    return answer_of(pipeline.hotspots(lat, lon, counts, resolution=query.resolution, box=query.box))


def answer_of(result: pipeline.Hotspots) -> dict[str, Any]:
    """The API's shape of an engine result: the lattice's size and its cells worth sending."""
    shown = result.shown()
    cells = [
        {"cell": f"{int(cell):x}", "count": int(count), "z": float(z), "p": float(p), "class": CLASS_NAMES[int(code)]}
        for cell, count, z, p, code in zip(
            result.cells[shown],
            result.counts[shown],
            result.z[shown],
            result.p[shown],
            result.classes[shown],
            strict=True,
        )
    ]
    return {"resolution": result.resolution, "lattice_size": len(result.cells), "cells": cells}


def public_points(query: HotspotQuery) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct public points in the box and how many public reports each holds."""
    dated = query.occurred_from is not None or query.occurred_to is not None
    rows = list(_dated(query) if dated else _tallied(query))
    if not rows:
        return np.empty(0), np.empty(0), np.empty(0)
    table = np.asarray(rows, dtype=np.float64)
    return table[:, 0], table[:, 1], table[:, 2]


def in_box(box: pipeline.Box, lat: str, lon: str) -> Q:
    min_lon, min_lat, max_lon, max_lat = box
    return Q(**{f"{lat}__gte": min_lat, f"{lat}__lte": max_lat, f"{lon}__gte": min_lon, f"{lon}__lte": max_lon})


def _tallied(query: HotspotQuery):  # type: ignore[no-untyped-def]
    where = Q(resolution=PUBLIC_RESOLUTION, count__gt=0) & in_box(query.box, "lat", "lon")
    if query.category_code is None:
        return CellTotal.objects.filter(where).values_list("lat", "lon", "count").iterator(chunk_size=5000)
    where &= Q(category_id=public_category_id(query.category_code))
    return (
        CellTally.objects.filter(where)
        .values_list("lat", "lon")
        .annotate(n=Sum("count"))
        .order_by()
        .iterator(chunk_size=5000)
    )


def _dated(query: HotspotQuery):  # type: ignore[no-untyped-def]
    where = Q(public=True) & in_box(query.box, "public_lat", "public_lon")
    if query.category_code is not None:
        where &= Q(category_id=public_category_id(query.category_code))
    if query.occurred_from is not None:
        where &= Q(occurred_on__gte=query.occurred_from)
    if query.occurred_to is not None:
        where &= Q(occurred_on__lte=query.occurred_to)
    points: dict[tuple[float, float], int] = {}
    for point in (
        Report.objects.filter(where).values_list("public_lat", "public_lon").order_by().iterator(chunk_size=5000)
    ):
        points[point] = points.get(point, 0) + 1
    return ((lat, lon, n) for (lat, lon), n in points.items())

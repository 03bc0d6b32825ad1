"""
The heat layer: a kernel density of public reports, at their public points, over a box.

The points are those the hotspots count (`hotspots.public_points`: the tallies, or the dated
reports of the box), so the surface places no report more precisely than its public page.
The bandwidth is a length on the ground, by default twice the grid's step, so that a city's
surface shows its streets and the country's its cities; Scott's rule over a whole country
would smooth Casablanca and Oujda into one hill. Answers are cached under the public data's
version like the hotspots.
"""

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from amane.analytics.engine import density as engine
from amane.analytics.engine.pipeline import Box
from amane.analytics.selectors.common import current, public_category_id
from amane.analytics.selectors.hotspots import COUNTRY_BOX, HotspotQuery, public_points
from amane.core.errors import InvalidInput

SIZES = range(16, 513)
DEFAULT_SIZE = 128
BANDWIDTHS_M = range(50, 100_001)
# Significant digits kept in the answer: a heat layer needs no more, and the JSON stays small.
DIGITS = 4


@dataclass(frozen=True)
class DensityQuery:
    box: Box = COUNTRY_BOX
    size: int = DEFAULT_SIZE  # nodes along the box's longer side
    bandwidth_m: float | None = None
    category_code: str | None = None
    occurred_from: dt.date | None = None
    occurred_to: dt.date | None = None

    def cache_key(self) -> str:
        parts = [
            self.box,
            self.size,
            self.bandwidth_m,
            self.category_code,
            str(self.occurred_from),
            str(self.occurred_to),
        ]
        return "amane:analytics:density:" + hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


def check(query: DensityQuery) -> None:
    errors: dict[str, list[str | Promise]] = {}
    if query.size not in SIZES:
        errors["size"] = [_("Choose a size from 16 to 512 nodes.")]
    if query.bandwidth_m is not None and not BANDWIDTHS_M.start <= query.bandwidth_m < BANDWIDTHS_M.stop:
        errors["bandwidth"] = [_("Choose a bandwidth from 50 to 100,000 metres.")]
    if query.occurred_from and query.occurred_to and query.occurred_from > query.occurred_to:
        errors["from"] = [_("The start of the period comes after its end.")]
    if query.category_code is not None and not public_category_id(query.category_code):
        errors["category"] = [_("Unknown category.")]
    if errors:
        raise InvalidInput(fields=errors)


def density_surface(query: DensityQuery) -> dict[str, Any]:
    """Reports per km² at the nodes of a grid over the box, rows from south to north."""
    check(query)
    return current(query.cache_key(), lambda: _computed(query))


def grid_of(box: Box, size: int) -> engine.Grid:
    """Nodes over the box in local metres, `size` along the longer side, square steps."""
    min_lon, min_lat, max_lon, max_lat = box
    centre_lon, centre_lat = (min_lon + max_lon) / 2, (min_lat + max_lat) / 2
    (x0, x1), (y0, y1) = engine.local_metres(
        np.array([min_lon, max_lon]), np.array([min_lat, max_lat]), centre_lon, centre_lat
    )
    step = max(x1 - x0, y1 - y0) / (size - 1)
    nx = max(2, round((x1 - x0) / step) + 1)
    ny = max(2, round((y1 - y0) / step) + 1)
    return engine.Grid(float(x0), float(y0), step, step, nx, ny)


def _computed(query: DensityQuery) -> dict[str, Any]:
    hotspot_query = HotspotQuery(
        box=query.box,
        category_code=query.category_code,
        occurred_from=query.occurred_from,
        occurred_to=query.occurred_to,
    )
    lat, lon, counts = public_points(hotspot_query)
    grid = grid_of(query.box, query.size)
    bandwidth = query.bandwidth_m or 2 * grid.dx
    min_lon, min_lat, max_lon, max_lat = query.box
    x, y = engine.local_metres(lon, lat, (min_lon + max_lon) / 2, (min_lat + max_lat) / 2)
    surface = engine.density(x, y, grid, np.diag([bandwidth**2, bandwidth**2]), weights=counts)
    per_km2 = surface * float(counts.sum()) * 1e6
    return {
        "bbox": list(query.box),
        "nx": grid.nx,
        "ny": grid.ny,
        "step_m": round(grid.dx, 1),
        "bandwidth_m": round(bandwidth, 1),
        "reports": int(counts.sum()),
        "max": _rounded(float(per_km2.max())) if per_km2.size else 0.0,
        "values": [[_rounded(float(v)) for v in row] for row in per_km2],
    }


def _rounded(value: float) -> float:
    if value <= 0.0:
        return 0.0
    return round(value, DIGITS - 1 - math.floor(math.log10(value)))


def node_points(answer: dict[str, Any]) -> list[tuple[float, float, float]]:
    """(lat, lon, reports per km²) of every node where the surface is above zero."""
    min_lon, min_lat, max_lon, max_lat = answer["bbox"]
    grid = grid_of((min_lon, min_lat, max_lon, max_lat), max(answer["nx"], answer["ny"]))
    xs, ys = grid.nodes()
    lon, lat = engine.local_degrees(xs, ys, (min_lon + max_lon) / 2, (min_lat + max_lat) / 2)
    values = np.asarray(answer["values"])
    shown = np.argwhere(values > 0)
    return [(round(float(lat[j, i]), 6), round(float(lon[j, i]), 6), float(values[j, i])) for j, i in shown]

"""
Public reports near the sensitive places of a scope (schools first), against their commune's density.

The reports are the public ones at their public points (H3 resolution-9 centres), read as
the hotspot map reads them: from the cell totals without a period, from the box index with
one. Each place is compared with the density of its own commune (reports per km² of the
commune's boundary): a school in Casablanca against Casablanca, not against the country.
A commune with no report yet is given one, so that a single report by a rural school
is not called certain by a density of zero. Places are named, never placed: the public API
of black spots gives their names only, and so does this.
"""

import datetime as dt
from typing import Any

import numpy as np
import shapely
from django.db.models import Q, Sum

from amane.analytics.engine import proximity
from amane.analytics.scopes import Scope
from amane.analytics.selectors import hotspots as hotspot_selectors
from amane.analytics.selectors.common import public_category_id
from amane.blackspots.models import PlaceKind, SensitivePlace
from amane.geo.locator import metres_per_degree
from amane.geo.models import AreaKind, Boundary
from amane.reports.models import MonthTally

DEFAULT_RADIUS_M = 500.0
RADII_M = (250.0, 500.0, 1000.0)
# The degrees added around the scope's box so that reports just across its edge are counted.
_DEGREES_PER_METRE = 1.0 / 100_000.0
ALPHA = 0.05


def place_filter(scope: Scope, kind: str | None) -> Q:
    where = Q()
    if kind:
        where &= Q(kind=kind)
    area = scope.area
    if area is not None:
        where &= Q(commune=area) if area.kind == AreaKind.COMMUNE else Q(**{f"commune__{area.kind}": area})
    return where


def commune_areas_km2(commune_ids: list[int]) -> dict[int, float]:
    """The area of each commune's active boundary, in km² (the boundaries' own local projection)."""
    rows = Boundary.objects.filter(boundary_set__active=True, area_id__in=commune_ids).values_list(
        "area_id", "geometry_wkb"
    )
    areas: dict[int, float] = {}
    for pk, wkb in rows:
        shape = shapely.from_wkb(bytes(wkb))
        per_lon, per_lat = metres_per_degree(shape.centroid.y)
        areas[pk] = float(shape.area * per_lon * per_lat / 1e6)
    return areas


def commune_counts(
    commune_ids: list[int], category_id: int | None, period: tuple[dt.date, dt.date] | None
) -> dict[int, int]:
    """Public reports per commune from the month tallies, over whole months when a period is given."""
    rows = MonthTally.objects.filter(commune_id__in=commune_ids, count__gt=0)
    if category_id is not None:
        rows = rows.filter(category_id=category_id)
    if period is not None:
        rows = rows.filter(month__gte=period[0].replace(day=1), month__lte=period[1])
    return dict(rows.values_list("commune_id").annotate(n=Sum("count")).order_by())


def near_places(
    *,
    scope: Scope,
    kind: str | None = PlaceKind.SCHOOL,
    radius_m: float = DEFAULT_RADIUS_M,
    category_code: str | None = None,
    period: tuple[dt.date, dt.date] | None = None,
) -> dict[str, Any]:
    """Every place of the scope with its observed and expected reports, p and BH q, most unusual first."""
    places = list(
        SensitivePlace.objects.filter(place_filter(scope, kind))
        .order_by("id")
        .values_list("id", "kind", "name_ar", "name_fr", "lat", "lon", "commune_id", "commune__code")
    )
    empty: dict[str, Any] = {"radius_m": radius_m, "kind": kind, "alpha": ALPHA, "places": []}
    if not places:
        return empty
    lat = np.array([p[4] for p in places])
    lon = np.array([p[5] for p in places])
    communes = sorted({p[6] for p in places})
    category_id = public_category_id(category_code)
    density, area = _densities([p[6] for p in places], communes, category_id, period)
    point_lat, point_lon, weights = _public_points(lat, lon, radius_m, category_code, period)
    result = proximity.proximity(
        lat, lon, point_lat, point_lon, radius_m=radius_m, density_per_km2=density, area_km2=area, weights=weights
    )
    rows = [_row(place, result, i) for i, place in enumerate(places)]
    rows.sort(key=lambda row: (row["q"], -row["observed"], row["name_fr"]))
    return {**empty, "places": rows}


def _densities(
    place_communes: list[int], communes: list[int], category_id: int | None, period: tuple[dt.date, dt.date] | None
) -> tuple[np.ndarray, np.ndarray]:
    areas = commune_areas_km2(communes)
    counts = commune_counts(communes, category_id, period)
    # A commune without a boundary (not imported yet) is taken as one disc: no excess can be shown.
    fallback = proximity.disc_area_km2(DEFAULT_RADIUS_M)
    area = np.array([areas.get(c, fallback) for c in place_communes])
    reports = np.array([max(counts.get(c, 0), 1) for c in place_communes], dtype=np.float64)
    return reports / area, area


def _public_points(
    lat: np.ndarray, lon: np.ndarray, radius_m: float, category_code: str | None, period: tuple[dt.date, dt.date] | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Public points and their counts in the places' box widened by the radius and a cell."""
    margin = (radius_m + 200.0) * _DEGREES_PER_METRE / max(float(np.cos(np.radians(lat.max()))), 0.1)
    box = (float(lon.min() - margin), float(lat.min() - margin), float(lon.max() + margin), float(lat.max() + margin))
    query = hotspot_selectors.HotspotQuery(
        box=box,
        category_code=category_code,
        occurred_from=period[0] if period else None,
        occurred_to=period[1] if period else None,
    )
    return hotspot_selectors.public_points(query)


def _row(place: tuple[Any, ...], result: proximity.Proximity, i: int) -> dict[str, Any]:
    _pk, kind, name_ar, name_fr, lat, lon, _commune_id, commune_code = place
    return {
        "kind": kind,
        "lat": lat,
        "lon": lon,
        "name_ar": name_ar,
        "name_fr": name_fr,
        "commune": commune_code,
        "observed": int(result.observed[i]),
        "expected": float(result.expected[i]),
        "p": float(result.p[i]),
        "q": float(result.q[i]),
        "flagged": bool(result.q[i] <= ALPHA),
    }

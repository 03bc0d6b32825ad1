"""
The places the observatory reports on: the country, a region, a province or a commune.

A scope knows its box (for the hotspot lattice), its outline (for the map) and which
reports and month tallies are its own.
"""

from dataclasses import dataclass
from functools import cached_property

import shapely
from django.core.cache import cache
from django.db.models import Max, Min, Q
from django.http import Http404

from amane.analytics.selectors.hotspots import COUNTRY_BOX
from amane.core.errors import NotFound
from amane.geo.models import Area, AreaKind, Boundary, BoundarySet
from amane.geo.selectors import area_by_code

SCOPE_KINDS = (AreaKind.REGION, AreaKind.PROVINCE, AreaKind.COMMUNE)
# The resolution that keeps a scope's lattice to some thousands of cells.
RESOLUTION_BY_KIND: dict[str | None, int] = {None: 6, AreaKind.REGION: 7, AreaKind.PROVINCE: 8, AreaKind.COMMUNE: 9}
# A commune larger than this (a rural one of the south) is mapped one resolution coarser.
LARGE_COMMUNE_KM2 = 500.0
# The country's map: regions to about a kilometre, snapped to a 500 m grid so that neighbouring
# communes' shared edges meet in the union, without holes or islands under some 20 km²: about
# 2,000 vertices for the whole country, 25 KB of SVG.
OUTLINE_TOLERANCE = 0.01
OUTLINE_GRID = 0.005
OUTLINE_MIN_AREA = 0.002
OUTLINE_SECONDS = 30 * 24 * 3600


@dataclass(frozen=True)
class Scope:
    area: Area | None  # None: the whole country

    @property
    def kind(self) -> str | None:
        return self.area.kind if self.area else None

    @property
    def code(self) -> str | None:
        return self.area.code if self.area else None

    @cached_property
    def box(self) -> tuple[float, float, float, float]:
        """The box of the scope's communes' boundaries (one query, kept for the request)."""
        if self.area is None:
            return COUNTRY_BOX
        own = (
            Q(area=self.area) | Q(**{f"area__{self.area.kind}": self.area})
            if self.area.kind != AreaKind.COMMUNE
            else Q(area=self.area)
        )
        found = Boundary.objects.filter(own, boundary_set__active=True, area__kind=AreaKind.COMMUNE).aggregate(
            min_lon=Min("min_lon"), min_lat=Min("min_lat"), max_lon=Max("max_lon"), max_lat=Max("max_lat")
        )
        if found["min_lon"] is None:
            lat, lon = self.area.centroid_lat or 31.8, self.area.centroid_lon or -7.1
            return lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1
        return found["min_lon"], found["min_lat"], found["max_lon"], found["max_lat"]

    def resolution(self) -> int:
        from amane.analytics.engine.hexgrid import box_area_km2

        resolution = RESOLUTION_BY_KIND.get(self.kind, 8)
        if self.kind == AreaKind.COMMUNE and box_area_km2(*self.box) > LARGE_COMMUNE_KM2:
            resolution -= 1
        return resolution

    def tallies(self) -> Q:
        """The month tallies of this scope."""
        if self.area is None:
            return Q()
        return Q(**{f"{self.area.kind}_id": self.area.pk})

    def outlines(self) -> list[str]:
        """GeoJSON geometries drawn under the hotspots: the scope's, or the regions' for the country."""
        return self._outlines

    @cached_property
    def _outlines(self) -> list[str]:
        # Read once per request: the page draws them under three maps.
        if self.area is None:
            rows = Boundary.objects.filter(boundary_set__active=True, area__kind=AreaKind.REGION)
            return list(rows.values_list("simplified_geojson", flat=True)) or region_outlines()
        rows = Boundary.objects.filter(boundary_set__active=True, area=self.area)
        outlines = list(rows.values_list("simplified_geojson", flat=True))
        if not outlines and self.area is not None and self.area.kind != AreaKind.COMMUNE:
            # The census gives no outline of its own to some provinces: draw their communes'.
            communes = Boundary.objects.filter(
                boundary_set__active=True, area__kind=AreaKind.COMMUNE, **{f"area__{self.area.kind}": self.area}
            )
            outlines = list(communes.values_list("simplified_geojson", flat=True))
        return outlines


def region_outlines() -> list[str]:
    """
    The twelve regions drawn from their communes, dissolved and simplified to about a kilometre.
    Commune boundaries are all the geography carries; the union takes about a second, so it is
    kept in the cache for as long as the boundary set it was made from is the active one.
    """
    active = BoundarySet.objects.filter(active=True).values_list("pk", flat=True).first()
    key = f"amane:analytics:region-outlines:{active}"
    found = cache.get(key)
    if found is None:
        rows = Boundary.objects.filter(boundary_set_id=active, area__kind=AreaKind.COMMUNE)
        by_region: dict[int | None, list[str]] = {}
        for region_id, geometry in rows.values_list("area__region_id", "simplified_geojson"):
            by_region.setdefault(region_id, []).append(geometry)
        found = [
            shapely.to_geojson(_dissolved(geometries))
            for _region, geometries in sorted(by_region.items(), key=lambda item: item[0] or 0)
        ]
        cache.set(key, found, OUTLINE_SECONDS)
    return list(found)


def _dissolved(geometries: list[str]) -> shapely.Geometry:
    """One region's communes as its outer shape: gaps between communes, holes and specks dropped."""
    union = shapely.union_all(shapely.from_geojson(geometries), grid_size=OUTLINE_GRID)
    parts = [shapely.Polygon(part.exterior) for part in shapely.get_parts(union) if part.area >= OUTLINE_MIN_AREA]
    shape = shapely.MultiPolygon(parts) if len(parts) != 1 else parts[0]
    return shape.simplify(OUTLINE_TOLERANCE)


def scope_for(code: str | None) -> Scope:
    """The scope of an area code (the country without one); a 404 for anything else."""
    if code is None:
        return Scope(None)
    try:
        area = area_by_code(code=code)
    except NotFound:
        raise Http404 from None
    if area.kind not in SCOPE_KINDS:
        raise Http404
    return Scope(area)

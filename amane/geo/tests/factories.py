"""
A small hand-drawn geography for tests: squares a few kilometres wide near Marrakech.

    lat 31.30 ┌──────── city (urban) ───────┐
              │ arr. north-west │ arr. east │
    lat 31.20 └─────────────────────────────┘
    lat 31.10 ┌── Al Amane ──┐ gap ┌─ Douar ─┐
              │   (urban)    │ 1km │ (rural) │
    lat 31.00 └──────────────┘     └─────────┘
           lon -8.00      -7.90  -7.89     -7.79

The 1 km gap between the two communes is a sliver: points in it go to the nearer one.
"""

from dataclasses import dataclass

from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from amane.geo.census import CensusUnit as UnitRow
from amane.geo.models import Area, AreaKind, BoundarySet, CommuneType, ProvinceType
from amane.geo.services import areas_upsert, boundary_set_replace

REGION = "99"
PROVINCE = "99.901"
URBAN = "99.901.01.01"
RURAL = "99.901.02.01"
CITY = "99.901.03.0"
CITY_WEST = "99.901.03.01"
CITY_EAST = "99.901.03.02"

SHAPES: dict[str, BaseGeometry] = {
    URBAN: box(-8.00, 31.00, -7.90, 31.10),
    RURAL: box(-7.89, 31.00, -7.79, 31.10),
    CITY_WEST: box(-8.00, 31.20, -7.95, 31.30),
    CITY_EAST: box(-7.95, 31.20, -7.90, 31.30),
    CITY: box(-8.00, 31.20, -7.90, 31.30),
}

# Points named for what they test.
IN_URBAN = (31.05, -7.95)
IN_RURAL = (31.05, -7.84)
IN_GAP_NEAR_URBAN = (31.05, -7.8985)
IN_CITY_EAST = (31.25, -7.92)
FAR_AT_SEA = (31.05, -10.5)


@dataclass(frozen=True)
class SquareGeography:
    boundary_set: BoundarySet
    urban: Area
    rural: Area
    city: Area
    city_east: Area


def build_square_geography() -> SquareGeography:
    rows = [
        UnitRow(AreaKind.REGION, REGION, "جهة الاختبار", "Région test", population_2024=100_000),
        UnitRow(
            AreaKind.PROVINCE, PROVINCE, "إقليم الاختبار", "Province test", ProvinceType.PROVINCE, REGION, None, REGION
        ),
        UnitRow(
            AreaKind.COMMUNE,
            URBAN,
            "مدينة الأمان",
            "Al Amane",
            CommuneType.URBAN,
            PROVINCE,
            PROVINCE,
            REGION,
            population_2024=40_000,
            households_2024=9_000,
        ),
        UnitRow(
            AreaKind.COMMUNE,
            RURAL,
            "دوار الاختبار",
            "Douar Test",
            CommuneType.RURAL,
            PROVINCE,
            PROVINCE,
            REGION,
            population_2024=3_000,
        ),
        UnitRow(
            AreaKind.COMMUNE,
            CITY,
            "المدينة الكبرى",
            "Grande Ville",
            CommuneType.URBAN,
            PROVINCE,
            PROVINCE,
            REGION,
            population_2024=500_000,
        ),
        UnitRow(
            AreaKind.ARRONDISSEMENT, CITY_WEST, "المقاطعة الغربية", "Arrondissement Ouest", "", CITY, PROVINCE, REGION
        ),
        UnitRow(
            AreaKind.ARRONDISSEMENT, CITY_EAST, "المقاطعة الشرقية", "Arrondissement Est", "", CITY, PROVINCE, REGION
        ),
    ]
    areas_upsert(rows=rows)
    boundary_set = boundary_set_replace(
        name="test squares", source="hand-drawn", calibration={}, shapes=SHAPES, simplified=SHAPES
    )
    areas = Area.objects.in_bulk([URBAN, RURAL, CITY, CITY_EAST], field_name="code")
    return SquareGeography(boundary_set, areas[URBAN], areas[RURAL], areas[CITY], areas[CITY_EAST])

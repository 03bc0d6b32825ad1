"""
Hand-entered detail for the demo, on top of the national import.

- Taroudant: the pashalik of the town and four administrative annexes, drawn as the four
  quarters of the walled town around the medina (annexes have no published boundaries).
- Khouribga: its three cercles, each covering its rural communes, a caïdat per rural
  commune (a simplification: a real caïdat may hold two or three), and a pashalik per town.
- Casablanca: a district per arrondissement, under its prefecture of arrondissements.

Areas are found by their HCP codes; an area missing from the database is skipped, so the
plan shrinks to nothing on a test geography.
"""

from typing import Any

from amane.authorities.importer import PlannedUnit, french_of, province_unit_code
from amane.authorities.models import UnitKind
from amane.geo.models import Area, AreaKind, CommuneType, ProvinceType

TAROUDANT_TOWN = "09.541.01.13"
TAROUDANT_PROVINCE = "09.541"
KHOURIBGA_PROVINCE = "05.311"
CASABLANCA = "06.141"

# The quarters of Taroudant share a centre near the medina's Assarag square and the midpoints
# of the town's edges, so that they tile it without overlapping (longitude, latitude).
_W, _E, _S, _N = -8.895, -8.860, 30.455, 30.485
_CENTRE = (-8.877, 30.471)
_NORTH, _SOUTH, _WEST, _EAST = (-8.878, _N), (-8.876, _S), (_W, 30.469), (_E, 30.472)
TAROUDANT_ANNEXES = [
    ("1", "الأولى", "Première", [(_W, _N), _NORTH, _CENTRE, _WEST]),
    ("2", "الثانية", "Deuxième", [_NORTH, (_E, _N), _EAST, _CENTRE]),
    ("3", "الثالثة", "Troisième", [_CENTRE, _EAST, (_E, _S), _SOUTH]),
    ("4", "الرابعة", "Quatrième", [_WEST, _CENTRE, _SOUTH, (_W, _S)]),
]


def _polygon(corners: list[tuple[float, float]]) -> dict[str, Any]:
    ring = [list(corner) for corner in corners]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def _taroudant(areas: dict[str, Area]) -> list[PlannedUnit]:
    town = areas.get(TAROUDANT_TOWN)
    if town is None or TAROUDANT_PROVINCE not in areas:
        return []
    pashalik = PlannedUnit(
        code="pashalik-taroudant",
        name_ar=f"باشوية {town.name_ar}",
        name_fr=f"Pachalik {french_of(town.name_fr)}",
        kind=UnitKind.PASHALIK,
        parent_code=province_unit_code(TAROUDANT_PROVINCE, ProvinceType.PROVINCE),
        area_codes=(TAROUDANT_TOWN,),
        is_demo=True,
    )
    annexes = [
        PlannedUnit(
            code=f"annex-taroudant-{number}",
            name_ar=f"الملحقة الإدارية {ordinal_ar} ب{town.name_ar}",
            name_fr=f"{ordinal_fr} annexe administrative {french_of(town.name_fr)}",
            kind=UnitKind.ANNEX,
            parent_code=pashalik.code,
            drawn_area=_polygon(corners),
            is_demo=True,
        )
        for number, ordinal_ar, ordinal_fr, corners in TAROUDANT_ANNEXES
    ]
    return [pashalik, *annexes]


def _khouribga(areas: dict[str, Area]) -> list[PlannedUnit]:
    if KHOURIBGA_PROVINCE not in areas:
        return []
    province_code = province_unit_code(KHOURIBGA_PROVINCE, ProvinceType.PROVINCE)
    plan = []
    cercles = Area.objects.filter(kind=AreaKind.CERCLE, code__startswith=f"{KHOURIBGA_PROVINCE}.").order_by("code")
    for cercle in cercles:
        communes = list(cercle.children.filter(kind=AreaKind.COMMUNE, subtype=CommuneType.RURAL).order_by("code"))
        plan.append(
            PlannedUnit(
                code=f"cercle-{cercle.code}",
                name_ar=f"دائرة {cercle.name_ar}",
                name_fr=f"Cercle {french_of(cercle.name_fr)}",
                kind=UnitKind.CERCLE,
                parent_code=province_code,
                area_codes=tuple(commune.code for commune in communes),
                is_demo=True,
            )
        )
        plan.extend(
            PlannedUnit(
                code=f"caidat-{commune.code}",
                name_ar=f"قيادة {commune.name_ar}",
                name_fr=f"Caïdat {french_of(commune.name_fr)}",
                kind=UnitKind.CAIDAT,
                parent_code=f"cercle-{cercle.code}",
                area_codes=(commune.code,),
                is_demo=True,
            )
            for commune in communes
        )
    towns = Area.objects.filter(kind=AreaKind.COMMUNE, subtype=CommuneType.URBAN, province__code=KHOURIBGA_PROVINCE)
    plan.extend(
        PlannedUnit(
            code=f"pashalik-{town.code}",
            name_ar=f"باشوية {town.name_ar}",
            name_fr=f"Pachalik {french_of(town.name_fr)}",
            kind=UnitKind.PASHALIK,
            parent_code=province_code,
            area_codes=(town.code,),
            is_demo=True,
        )
        for town in towns.order_by("code")
    )
    return plan


def _casablanca(areas: dict[str, Area]) -> list[PlannedUnit]:
    if CASABLANCA not in areas:
        return []
    prefectures = {
        area.code: area
        for area in Area.objects.filter(kind=AreaKind.PROVINCE, subtype=ProvinceType.PREFECTURE_OF_ARRONDISSEMENTS)
    }
    plan = []
    arrondissements = Area.objects.filter(kind=AreaKind.ARRONDISSEMENT, province__code=CASABLANCA).order_by("code")
    for arrondissement in arrondissements:
        # HCP numbers a prefecture of arrondissements like its first arrondissement, ending in 0.
        prefecture = prefectures.get(arrondissement.code[:-1] + "0")
        parent = prefecture.code if prefecture else CASABLANCA
        plan.append(
            PlannedUnit(
                code=f"district-{arrondissement.code}",
                name_ar=f"المقاطعة الإدارية {arrondissement.name_ar}",
                name_fr=f"District {french_of(arrondissement.name_fr)}",
                kind=UnitKind.DISTRICT,
                parent_code=province_unit_code(parent, ProvinceType.PREFECTURE),
                area_codes=(arrondissement.code,),
                is_demo=True,
            )
        )
    return plan


def demo_plan() -> list[PlannedUnit]:
    """Return the demo's hand-entered units (parents before children), for units_sync."""
    areas = Area.objects.in_bulk(
        [TAROUDANT_TOWN, TAROUDANT_PROVINCE, KHOURIBGA_PROVINCE, CASABLANCA], field_name="code"
    )
    return [*_taroudant(areas), *_khouribga(areas), *_casablanca(areas)]

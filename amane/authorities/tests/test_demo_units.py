"""The national import and the demo's hand-entered units on the real geography."""

from io import StringIO

import pytest
import shapely
from django.core.management import call_command

from amane.authorities.drawn import drawn_area_shape
from amane.authorities.models import Unit, UnitCoverage, UnitKind
from amane.authorities.routing import route
from amane.geo.models import Area, AreaKind, Boundary, CommuneType
from amane.geo.selectors import locate_point
from amane.reports.models import Category

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


@pytest.fixture
def imported(real_geography: None) -> None:
    call_command("import-units", "--with-demo", stdout=StringIO(), stderr=StringIO())


def theft_at(lat: float, lon: float) -> str | None:
    place = locate_point(lat=lat, lon=lon)
    codes = [code.code for code in (place.arrondissement, place.commune, place.province, place.region) if code]
    routing = route(category_id=Category.objects.get(code="theft").pk, lon=lon, lat=lat, area_codes=codes)
    return routing.responsible.code if routing.responsible else None


def test_every_commune_has_a_council_and_its_police_or_gendarmerie(imported: None) -> None:
    communes = Area.objects.filter(kind=AreaKind.COMMUNE)
    kinds_by_commune: dict[str, set[str]] = {}
    for area_code, kind in UnitCoverage.objects.filter(area__kind=AreaKind.COMMUNE).values_list(
        "area__code", "unit__kind"
    ):
        kinds_by_commune.setdefault(area_code, set()).add(kind)
    for commune in communes:
        security = UnitKind.POLICE if commune.subtype == CommuneType.URBAN else UnitKind.GENDARMERIE
        assert {UnitKind.COMMUNE_COUNCIL, security} <= kinds_by_commune[commune.code], commune.code
    assert Unit.objects.filter(kind=UnitKind.WILAYA).count() == Area.objects.filter(kind=AreaKind.REGION).count()


def test_the_four_annexes_of_taroudant_tile_the_town_inside_its_commune(imported: None) -> None:
    annexes = list(Unit.objects.filter(kind=UnitKind.ANNEX, code__startswith="annex-taroudant-"))
    assert len(annexes) == 4
    assert {annex.parent.code for annex in annexes if annex.parent} == {"pashalik-taroudant"}
    shapes = [drawn_area_shape(annex.drawn_area or {}) for annex in annexes]
    town = Boundary.objects.get(area__code="09.541.01.13", boundary_set__active=True)
    commune = shapely.from_wkb(bytes(town.geometry_wkb))
    for shape in shapes:
        assert commune.contains(shape)
    for first in range(4):
        for second in range(first + 1, 4):
            assert shapes[first].intersection(shapes[second]).area == 0
    for annex, shape in zip(annexes, shapes, strict=True):
        inside = shape.representative_point()
        assert theft_at(inside.y, inside.x) == annex.code


def test_a_theft_in_taroudant_outside_the_annexes_goes_to_the_pashalik(imported: None) -> None:
    # The north of the commune, beyond the drawn town.
    assert theft_at(30.55, -8.87) == "pashalik-taroudant"


def test_khouribga_rural_communes_each_have_one_caidat_under_their_cercle(imported: None) -> None:
    rural = Area.objects.filter(kind=AreaKind.COMMUNE, subtype=CommuneType.RURAL, province__code="05.311")
    assert rural.count() > 10
    for commune in rural:
        caidats = Unit.objects.filter(kind=UnitKind.CAIDAT, coverage__area=commune)
        assert caidats.count() == 1
        caidat = caidats.get()
        assert caidat.parent is not None and caidat.parent.kind == UnitKind.CERCLE
        assert caidat.parent.parent is not None and caidat.parent.parent.code == "province-05.311"


def test_casablanca_has_a_district_per_arrondissement_under_its_prefecture_of_arrondissements(imported: None) -> None:
    arrondissements = Area.objects.filter(kind=AreaKind.ARRONDISSEMENT, province__code="06.141")
    districts = Unit.objects.filter(kind=UnitKind.DISTRICT).select_related("parent")
    assert districts.count() == arrondissements.count() == 16
    assert all(district.is_demo for district in districts)
    assert {district.parent.name_fr for district in districts if district.parent} >= {
        "Préfecture d'arrondissements d'Aïn-Chock",
        "Préfecture d'arrondissements de Moulay Rachid",
    }
    # Maârif, whose district answers before the pashalik-less prefecture.
    assert theft_at(33.5790, -7.6328) == "district-06.141.01.03"

"""
Routing over the square test geography (amane.geo.tests.factories):

    Grande Ville (urban, arrondissements West and East): a pashalik, two annexes drawn
    inside it (the north half, and the south-west quarter), a police unit and a council;
    Al Amane (urban): a police unit and a council; Douar Test (rural): a caïdat under a
    cercle, a gendarmerie brigade and a council; all under the province, under the wilaya.
"""

from dataclasses import dataclass

import pytest

from amane.authorities.models import RoutingRule, Unit, UnitKind
from amane.authorities.routing import route, routing_index, units_seeing
from amane.authorities.tests.factories import make_unit, square
from amane.geo.tests.factories import (
    CITY,
    CITY_EAST,
    CITY_WEST,
    PROVINCE,
    REGION,
    RURAL,
    URBAN,
    build_square_geography,
)
from amane.reports.models import Category

pytestmark = pytest.mark.django_db

# Points and the areas the locator gives them, arrondissement first.
NORTH_ANNEX = (-7.97, 31.28), (CITY_WEST, CITY, PROVINCE, REGION)
SOUTH_WEST_ANNEX = (-7.98, 31.22), (CITY_WEST, CITY, PROVINCE, REGION)
CITY_SOUTH_EAST = (-7.92, 31.22), (CITY_EAST, CITY, PROVINCE, REGION)
IN_AL_AMANE = (-7.95, 31.05), (URBAN, PROVINCE, REGION)
IN_DOUAR = (-7.84, 31.05), (RURAL, PROVINCE, REGION)


@dataclass
class Units:
    wilaya: Unit
    province: Unit
    pashalik: Unit
    north_annex: Unit
    south_west_annex: Unit
    city_police: Unit
    city_council: Unit
    urban_police: Unit
    cercle: Unit
    caidat: Unit
    gendarmerie: Unit


@pytest.fixture
def units() -> Units:
    build_square_geography()
    wilaya = make_unit("wilaya-99", UnitKind.WILAYA, areas=[REGION])
    province = make_unit("province-99.901", UnitKind.PROVINCE, areas=[PROVINCE], parent=wilaya)
    pashalik = make_unit("pashalik-city", UnitKind.PASHALIK, areas=[CITY], parent=province)
    cercle = make_unit("cercle-test", UnitKind.CERCLE, areas=[RURAL], parent=province)
    make_unit("council-urban", UnitKind.COMMUNE_COUNCIL, areas=[URBAN], parent=province)
    make_unit("council-rural", UnitKind.COMMUNE_COUNCIL, areas=[RURAL], parent=province)
    return Units(
        wilaya=wilaya,
        province=province,
        pashalik=pashalik,
        north_annex=make_unit(
            "annex-north", UnitKind.ANNEX, parent=pashalik, drawn_area=square(-8.00, 31.25, -7.90, 31.30)
        ),
        south_west_annex=make_unit(
            "annex-south-west", UnitKind.ANNEX, parent=pashalik, drawn_area=square(-8.00, 31.20, -7.95, 31.25)
        ),
        city_police=make_unit("police-city", UnitKind.POLICE, areas=[CITY], parent=province),
        city_council=make_unit("council-city", UnitKind.COMMUNE_COUNCIL, areas=[CITY], parent=province),
        urban_police=make_unit("police-urban", UnitKind.POLICE, areas=[URBAN], parent=province),
        cercle=cercle,
        caidat=make_unit("caidat-douar", UnitKind.CAIDAT, areas=[RURAL], parent=cercle),
        gendarmerie=make_unit("gendarmerie-rural", UnitKind.GENDARMERIE, areas=[RURAL], parent=province),
    )


def route_at(category: str, place: tuple[tuple[float, float], tuple[str, ...]]) -> tuple[str | None, list[str]]:
    (lon, lat), codes = place
    routing = route(category_id=Category.objects.get(code=category).pk, lon=lon, lat=lat, area_codes=codes)
    return (routing.responsible.code if routing.responsible else None), [unit.code for unit in routing.copies]


def test_a_theft_inside_a_drawn_annex_goes_to_the_annex_with_the_pashalik_and_police_in_copy(units: Units) -> None:
    responsible, copies = route_at("theft", NORTH_ANNEX)
    assert responsible == "annex-north"
    assert copies == ["pashalik-city", "police-city", "province-99.901"]
    assert route_at("theft", SOUTH_WEST_ANNEX)[0] == "annex-south-west"


def test_a_theft_in_the_city_outside_every_annex_goes_to_the_pashalik(units: Units) -> None:
    assert route_at("theft", CITY_SOUTH_EAST) == ("pashalik-city", ["police-city", "province-99.901"])


def test_a_theft_in_a_town_without_local_authority_goes_to_the_police(units: Units) -> None:
    assert route_at("theft", IN_AL_AMANE) == ("police-urban", ["province-99.901"])


def test_a_theft_in_the_countryside_goes_to_the_caidat_with_the_cercle_and_gendarmerie_in_copy(units: Units) -> None:
    assert route_at("theft", IN_DOUAR) == ("caidat-douar", ["cercle-test", "gendarmerie-rural", "province-99.901"])


def test_broken_lighting_goes_to_the_commune_council_with_the_local_authority_in_copy(units: Units) -> None:
    assert route_at("unsafe-space", NORTH_ANNEX) == (
        "council-city",
        ["annex-north", "pashalik-city", "province-99.901"],
    )
    assert route_at("unsafe-space", IN_DOUAR)[0] == "council-rural"


def test_domestic_violence_reaches_the_police_in_town_and_the_gendarmerie_in_the_countryside_alone(
    units: Units,
) -> None:
    assert route_at("domestic-violence", NORTH_ANNEX) == ("police-city", [])
    assert route_at("domestic-violence", IN_DOUAR) == ("gendarmerie-rural", [])


def test_a_place_that_no_unit_covers_is_unrouted() -> None:
    build_square_geography()
    assert route_at("theft", IN_DOUAR) == (None, [])


def test_a_category_without_rules_is_unrouted(units: Units) -> None:
    RoutingRule.objects.filter(category__code="other").delete()
    assert route_at("other", NORTH_ANNEX) == (None, [])


def test_a_drawn_area_beats_an_arrondissement_which_beats_the_commune_the_province_and_the_region() -> None:
    build_square_geography()
    levels = [("district-region", [REGION]), ("district-province", [PROVINCE]), ("district-commune", [CITY])]
    levels.append(("district-arrondissement", [CITY_WEST]))
    expected = ["district-region", "district-province", "district-commune", "district-arrondissement"]
    for (code, areas), winner in zip(levels, expected, strict=True):
        make_unit(code, UnitKind.DISTRICT, areas=areas)
        assert route_at("theft", SOUTH_WEST_ANNEX)[0] == winner
    make_unit("district-drawn", UnitKind.DISTRICT, drawn_area=square(-8.00, 31.20, -7.95, 31.25))
    assert route_at("theft", SOUTH_WEST_ANNEX)[0] == "district-drawn"
    # The drawing does not reach the north of the arrondissement, where its unit still answers.
    assert route_at("theft", NORTH_ANNEX)[0] == "district-arrondissement"


def test_of_two_drawn_areas_of_one_kind_holding_the_point_the_smaller_answers() -> None:
    build_square_geography()
    make_unit("annex-big", UnitKind.ANNEX, drawn_area=square(-8.00, 31.20, -7.90, 31.30))
    make_unit("annex-small", UnitKind.ANNEX, drawn_area=square(-7.99, 31.21, -7.97, 31.23))
    assert route_at("theft", SOUTH_WEST_ANNEX)[0] == "annex-small"
    assert route_at("theft", CITY_SOUTH_EAST)[0] == "annex-big"


def test_when_the_responsible_kind_is_not_first_the_kinds_after_it_are_tried_before_those_before_it(
    units: Units,
) -> None:
    theft = Category.objects.get(code="theft")
    RoutingRule.objects.filter(category=theft).update(responsible=False)
    RoutingRule.objects.filter(category=theft, kind=UnitKind.POLICE).update(responsible=True)
    assert route_at("theft", NORTH_ANNEX)[0] == "police-city"
    # No police in the countryside: the gendarmerie, after the police in the table, answers.
    assert route_at("theft", IN_DOUAR)[0] == "gendarmerie-rural"


def test_an_annex_is_seen_by_its_pashalik_province_and_wilaya(units: Units) -> None:
    seeing = [unit.code for unit in units_seeing(units.north_annex)]
    assert seeing == ["annex-north", "pashalik-city", "province-99.901", "wilaya-99"]
    assert [unit.code for unit in units_seeing(units.wilaya)] == ["wilaya-99"]


def test_a_unit_saved_after_a_routing_is_used_by_the_next_one(units: Units) -> None:
    assert route_at("theft", CITY_SOUTH_EAST)[0] == "pashalik-city"
    before = routing_index()
    make_unit("annex-south-east", UnitKind.ANNEX, drawn_area=square(-7.95, 31.20, -7.90, 31.25))
    assert route_at("theft", CITY_SOUTH_EAST)[0] == "annex-south-east"
    assert routing_index() is not before
    assert routing_index() is routing_index()

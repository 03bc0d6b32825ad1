"""Routing over the units of the square test geography (see conftest.py)."""

import pytest

from amane.authorities.models import RoutingRule, UnitKind
from amane.authorities.routing import route, routing_index, units_seeing
from amane.authorities.tests.factories import (
    CITY_SOUTH_EAST,
    IN_AL_AMANE,
    IN_DOUAR,
    NORTH_ANNEX,
    SOUTH_WEST_ANNEX,
    Units,
    make_unit,
    square,
)
from amane.geo.tests.factories import (
    CITY,
    CITY_WEST,
    PROVINCE,
    REGION,
    build_square_geography,
)
from amane.reports.models import Category

pytestmark = pytest.mark.django_db


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

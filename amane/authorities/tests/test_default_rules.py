"""The routing table that migration 0002 fills for the categories of the first release."""

import pytest

from amane.authorities.models import RoutingRule, UnitKind
from amane.reports.models import Category

pytestmark = pytest.mark.django_db


def kinds(category: str) -> list[str]:
    return list(RoutingRule.objects.filter(category__code=category).order_by("position").values_list("kind", flat=True))


def responsible(category: str) -> str:
    return RoutingRule.objects.get(category__code=category, responsible=True).kind


def test_every_category_has_exactly_one_responsible_kind_and_it_comes_first() -> None:
    for category in Category.objects.all():
        rules = list(RoutingRule.objects.filter(category=category).order_by("position"))
        assert [rule.responsible for rule in rules].count(True) == 1, category.code
        assert rules[0].responsible, category.code


def test_crime_goes_to_the_local_authority_with_the_police_or_gendarmerie_in_copy() -> None:
    for category in ("violence", "theft", "drugs"):
        assert responsible(category) == UnitKind.ANNEX
        assert {UnitKind.PASHALIK, UnitKind.CAIDAT, UnitKind.POLICE, UnitKind.GENDARMERIE} <= set(kinds(category))


def test_lighting_and_dumping_go_to_the_commune_council_with_the_local_authority_in_copy() -> None:
    assert responsible("unsafe-space") == UnitKind.COMMUNE_COUNCIL
    assert {UnitKind.ANNEX, UnitKind.PASHALIK, UnitKind.CAIDAT} <= set(kinds("unsafe-space"))


def test_confidential_categories_reach_only_the_police_or_the_gendarmerie() -> None:
    for category in Category.objects.filter(confidential=True):
        assert responsible(category.code) == UnitKind.POLICE
        assert kinds(category.code) == [UnitKind.POLICE, UnitKind.GENDARMERIE]


def test_every_category_can_fall_back_to_a_unit_that_every_place_has() -> None:
    # The import gives every commune a police or gendarmerie unit and every province its unit.
    for category in Category.objects.all():
        found = set(kinds(category.code))
        assert {UnitKind.POLICE, UnitKind.GENDARMERIE} <= found or {UnitKind.PROVINCE, UnitKind.PREFECTURE} <= found

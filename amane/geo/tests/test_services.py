"""Writes of geography: the census units."""

from dataclasses import replace

import pytest

from amane.geo.census import CensusUnit
from amane.geo.models import Area, AreaKind, CommuneType
from amane.geo.services import areas_upsert

pytestmark = pytest.mark.django_db

REGION = CensusUnit(AreaKind.REGION, "98", "جهة", "Région", population_2024=10_000)
COMMUNE = CensusUnit(
    AreaKind.COMMUNE, "98.981.01.01", "بلدة", "Bourg", CommuneType.URBAN, "98", None, "98", population_2024=4_000
)


def test_a_second_import_updates_the_units_in_place() -> None:
    areas_upsert(rows=[REGION, COMMUNE])
    renamed = replace(COMMUNE, name_fr="Bourg-Neuf", population_2024=4_500, alternate_names=("Borg", "برج"))
    counts = areas_upsert(rows=[REGION, renamed])
    assert (counts.created, counts.updated) == (0, 2)
    commune = Area.objects.get(code=COMMUNE.code)
    assert (commune.name_fr, commune.population_2024) == ("Bourg-Neuf", 4_500)
    assert commune.search_names == "Borg|برج"
    assert commune.region is not None and commune.region.code == REGION.code


def test_a_new_unit_is_linked_to_a_parent_created_with_it() -> None:
    counts = areas_upsert(rows=[REGION, COMMUNE])
    assert (counts.created, counts.updated) == (2, 0)
    assert Area.objects.get(code=COMMUNE.code).parent == Area.objects.get(code=REGION.code)

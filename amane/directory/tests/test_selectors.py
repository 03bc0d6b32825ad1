import pytest
from pytest_django import DjangoAssertNumQueries

from amane.authorities.models import UnitKind
from amane.authorities.tests.factories import Units, make_unit, officer_of, square
from amane.core.errors import NotFound
from amane.core.viewer import PUBLIC
from amane.directory.selectors import (
    commune_numbers,
    directory_entry_for,
    drawn_units_over,
    numbers_of_commune,
    unit_directory,
)
from amane.directory.services import directory_entry_delete
from amane.directory.tests.factories import AN_OFFICER, KEEPER, add_entry
from amane.geo.models import Area
from amane.geo.tests.factories import CITY, CITY_EAST, RURAL, URBAN

pytestmark = pytest.mark.django_db


def _local_units(code: str) -> set[str]:
    return {number.unit.code for number in commune_numbers(code=code).local if number.unit}


@pytest.fixture
def listed(units: Units) -> Units:
    """Every unit of the square geography lists one number."""
    for unit in (
        units.wilaya,
        units.province,
        units.pashalik,
        units.north_annex,
        units.south_west_annex,
        units.city_police,
        units.city_council,
        units.urban_police,
        units.cercle,
        units.caidat,
        units.gendarmerie,
    ):
        add_entry(unit)
    return units


class TestWhichUnitsReachACommune:
    def test_a_city_gets_its_own_units_its_drawn_annexes_and_its_province(self, listed: Units) -> None:
        assert _local_units(CITY) == {
            "province-99.901",
            "pashalik-city",
            "annex-north",
            "annex-south-west",
            "police-city",
            "council-city",
        }

    def test_a_rural_commune_gets_its_caidat_cercle_brigade_and_province_but_no_annex(self, listed: Units) -> None:
        assert _local_units(RURAL) == {"province-99.901", "cercle-test", "caidat-douar", "gendarmerie-rural"}

    def test_a_unit_covering_an_arrondissement_reaches_its_city(self, listed: Units) -> None:
        district = make_unit("district-east", UnitKind.DISTRICT, areas=[CITY_EAST], parent=listed.pashalik)
        add_entry(district)
        assert "district-east" in _local_units(CITY)
        assert "district-east" not in _local_units(URBAN)

    def test_an_annex_drawn_later_reaches_the_commune_it_lies_in(self, listed: Units) -> None:
        annex = make_unit("annex-al-amane", UnitKind.ANNEX, drawn_area=square(-7.99, 31.01, -7.95, 31.05))
        add_entry(annex)
        assert "annex-al-amane" in _local_units(URBAN)
        assert "annex-al-amane" not in _local_units(CITY)

    def test_the_drawn_units_over_a_commune_are_its_annexes(self, units: Units) -> None:
        assert drawn_units_over(commune_code=CITY) == {units.north_annex.pk, units.south_west_annex.pk}
        assert drawn_units_over(commune_code=RURAL) == frozenset()

    def test_the_numbers_are_one_query_then_none_until_an_entry_changes(
        self, listed: Units, django_assert_num_queries: DjangoAssertNumQueries
    ) -> None:
        city = Area.objects.get(code=CITY)
        drawn_units_over(commune_code=CITY)  # reads the routing index once
        with django_assert_num_queries(1):
            assert len(numbers_of_commune(commune=city).local) == 6
        with django_assert_num_queries(0):
            assert len(numbers_of_commune(commune=city).local) == 6
        add_entry(listed.city_council)
        with django_assert_num_queries(1):
            assert len(numbers_of_commune(commune=city).local) == 7


class TestNationalNumbers:
    @pytest.mark.parametrize(("code", "first"), [(URBAN, "19"), (CITY, "19"), (RURAL, "177")])
    def test_police_in_towns_gendarmerie_in_the_countryside_civil_protection_everywhere(
        self, units: Units, code: str, first: str
    ) -> None:
        national = commune_numbers(code=code).national
        assert [number.number for number in national] == [first, "15"]
        assert {number.scope for number in national} == {"national"}

    def test_an_unknown_commune_is_not_found(self, units: Units) -> None:
        with pytest.raises(NotFound):
            commune_numbers(code="00.000.00.00")

    def test_a_province_code_is_not_a_commune(self, units: Units) -> None:
        with pytest.raises(NotFound):
            commune_numbers(code="99.901")


class TestVersion:
    def test_the_version_changes_with_every_kind_of_edit(self, units: Units) -> None:
        first = add_entry(units.city_police)
        versions = [commune_numbers(code=CITY).version]
        second = add_entry(units.city_council)
        versions.append(commune_numbers(code=CITY).version)
        directory_entry_delete(viewer=KEEPER, actor=AN_OFFICER, entry_id=first.pk)
        versions.append(commune_numbers(code=CITY).version)
        second.hours = "8:00–18:00"
        second.save()
        versions.append(commune_numbers(code=CITY).version)
        assert len(set(versions)) == 4
        assert commune_numbers(code=CITY).version == versions[-1]

    def test_another_communes_edit_leaves_the_version_alone(self, units: Units) -> None:
        before = commune_numbers(code=CITY).version
        add_entry(units.gendarmerie)
        assert commune_numbers(code=CITY).version == before


class TestKeepersReads:
    def test_an_officer_reads_their_units_entries(self, units: Units) -> None:
        entry = add_entry(units.city_police)
        unit, entries = unit_directory(viewer=officer_of("police-city"), unit_code="police-city")
        assert (unit, entries) == (units.city_police, [entry])
        assert directory_entry_for(viewer=officer_of("police-city"), entry_id=entry.pk) == entry

    @pytest.mark.parametrize("viewer_of", [lambda: officer_of("police-urban"), lambda: PUBLIC])
    def test_another_unit_is_not_found_like_a_missing_one(self, units: Units, viewer_of: object) -> None:
        entry = add_entry(units.city_police)
        viewer = viewer_of()  # type: ignore[operator]
        with pytest.raises(NotFound):
            unit_directory(viewer=viewer, unit_code="police-city")
        with pytest.raises(NotFound):
            directory_entry_for(viewer=viewer, entry_id=entry.pk)
        with pytest.raises(NotFound):
            unit_directory(viewer=viewer, unit_code="no-such-unit")

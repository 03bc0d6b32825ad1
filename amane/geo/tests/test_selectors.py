"""The geo selectors that resolve a typed place: places_named and filing_location."""

import pytest

from amane.core.errors import NotFound
from amane.geo.models import Area, AreaKind, CommuneType
from amane.geo.selectors import FILING_KINDS, filing_location, places_named
from amane.geo.tests.factories import CITY_EAST, PROVINCE, REGION, SquareGeography, build_square_geography

pytestmark = pytest.mark.django_db


@pytest.fixture
def geography() -> SquareGeography:
    return build_square_geography()


def far_namesake(name_fr: str, name_ar: str) -> Area:
    """A rural commune of the same name in another province of the same region."""
    region = Area.objects.get(code=REGION)
    province = Area.objects.create(
        kind=AreaKind.PROVINCE,
        code="99.902",
        name_ar="إقليم بعيد",
        name_fr="Province lointaine",
        parent=region,
        region=region,
    )
    return Area.objects.create(
        kind=AreaKind.COMMUNE,
        code="99.902.05.01",
        name_ar=name_ar,
        name_fr=name_fr,
        subtype=CommuneType.RURAL,
        parent=province,
        province=province,
        region=region,
        population_2024=2_000,
        centroid_lat=32.0,
        centroid_lon=-6.0,
    )


class TestPlacesNamed:
    def test_a_name_borne_by_one_commune_is_its_sole_exact_match(self, geography: SquareGeography) -> None:
        named = places_named(name="al amane", kinds=FILING_KINDS)
        assert named.sole_exact is not None
        assert named.sole_exact.area == geography.urban
        assert named.sole_exact.province is not None and named.sole_exact.province.code == PROVINCE
        assert named.sole_exact.commune == geography.urban

    def test_an_arrondissement_is_found_and_files_under_its_city(self, geography: SquareGeography) -> None:
        named = places_named(name="المقاطعة الشرقية", kinds=FILING_KINDS)
        assert named.sole_exact is not None
        assert named.sole_exact.area == geography.city_east
        assert named.sole_exact.commune == geography.city
        assert named.sole_exact.province is not None and named.sole_exact.province.code == PROVINCE

    def test_a_name_borne_by_two_communes_has_no_sole_match_and_offers_both(self, geography: SquareGeography) -> None:
        namesake = far_namesake("Al Amane", "الأمان")
        named = places_named(name="Al Amane", kinds=FILING_KINDS)
        assert named.exact and named.sole_exact is None
        # The bigger first; each with its own province.
        assert [(m.area, m.province) for m in named.choices] == [
            (geography.urban, geography.urban.province),
            (namesake, namesake.province),
        ]

    def test_a_close_spelling_is_offered_but_never_exact(self, geography: SquareGeography) -> None:
        named = places_named(name="Al Amana", kinds=FILING_KINDS)
        assert not named.exact and named.sole_exact is None
        assert geography.urban in [m.area for m in named.choices]

    def test_kinds_limit_the_matches(self, geography: SquareGeography) -> None:
        assert places_named(name="Arrondissement Est", kinds=frozenset({AreaKind.COMMUNE.value})).matches == []
        provinces = places_named(name="Province test")
        assert [m.area.code for m in provinces.matches] == [PROVINCE]
        # A province is searched, but a report is never filed under it.
        assert provinces.matches[0].commune is None

    def test_an_exact_match_sorts_the_choices_from_the_close_ones(self, geography: SquareGeography) -> None:
        named = places_named(name="Grande Ville")
        assert [m.area for m in named.choices] == [geography.city]
        assert named.matches[0].exact and not any(m.exact for m in named.matches[1:])


class TestFilingLocation:
    def test_a_commune_is_filed_under_itself(self, geography: SquareGeography) -> None:
        location = filing_location(code=geography.rural.code)
        assert (location.commune, location.arrondissement) == (geography.rural, None)
        assert location.province.code == PROVINCE and location.region.code == REGION

    def test_an_arrondissement_is_filed_under_its_city_and_kept(self, geography: SquareGeography) -> None:
        location = filing_location(code=CITY_EAST)
        assert (location.commune, location.arrondissement) == (geography.city, geography.city_east)
        assert location.province.code == PROVINCE

    @pytest.mark.parametrize("code", [PROVINCE, REGION, "00.000.00.00", ""])
    def test_anything_else_is_not_found(self, geography: SquareGeography, code: str) -> None:
        with pytest.raises(NotFound):
            filing_location(code=code)

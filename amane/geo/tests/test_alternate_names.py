"""Other names of communes from GeoNames: which are kept, and which commune gets them."""

import pytest
from shapely.geometry import box

from amane.geo.alternate_names import commune_alternate_names, is_usable
from amane.geo.locator import CommuneLocator
from amane.geo.reference import ReferencePlace
from amane.text.normalise import name_key


@pytest.mark.parametrize("name", ["Mogador", "El Aaiún", "Ksar es Souk", "الصويرة", "دار البيضاء", "La'Youn"])
def test_names_people_type_are_kept(name: str) -> None:
    assert is_usable(name)


@pytest.mark.parametrize(
    "name",
    [
        "CMN",  # an airport code
        "wjdt-anjad",  # a machine transliteration
        "si ma la",
        "Ел Ајун",  # another script
        "O Aiún - العيون",  # two scripts in one name
        "ⴰⵏⴼⴰ",
        "Ab",
        "Zone 2",
        "Boujniba (Commune Urbaine)",
    ],
)
def test_codes_transliterations_and_other_scripts_are_dropped(name: str) -> None:
    assert not is_usable(name)


NAMES = {"01.001.01.01": "Tanger", "01.001.01.03": "Asilah", "02.001.01.01": "Ajdir", "03.001.01.01": "Ajdir"}
LOCATOR = CommuneLocator(
    [
        ("01.001.01.01", box(-6.0, 35.0, -5.9, 35.1)),
        ("01.001.01.03", box(-6.2, 35.0, -6.1, 35.1)),
        ("02.001.01.01", box(-4.0, 34.0, -3.9, 34.1)),
        ("03.001.01.01", box(-4.2, 34.0, -4.1, 34.1)),
    ]
)


def place(geonameid: int, name: str, lon: float, lat: float, *alternates: str, region: str = "01") -> ReferencePlace:
    keys = frozenset(name_key(n, fold=False) for n in (name, *alternates) if n.isascii())
    return ReferencePlace(geonameid, name, lon, lat, "MA", region, 1000, keys, alternates)


def test_a_place_lends_its_names_to_the_commune_of_its_name_that_it_lies_in() -> None:
    tangier = place(1, "Tangier", -5.95, 35.05, "Tanger", "Tingis", "TNG", "طنجة")
    assert commune_alternate_names([tangier], NAMES, LOCATOR) == {
        "01.001.01.01": ("Tangier", "Tanger", "Tingis", "طنجة")
    }


def test_a_place_outside_the_commune_of_its_name_lends_nothing() -> None:
    # A hamlet called Tanger that lies in Asilah is another place.
    assert commune_alternate_names([place(2, "Tanger", -6.15, 35.05, "Arzila")], NAMES, LOCATOR) == {}


def test_a_homonym_lends_nothing_unless_its_region_tells_which() -> None:
    in_region_2 = place(3, "Ajdir", -3.95, 34.05, "Ajdir Rif", region="02")
    no_region = place(4, "Ajdir", -3.95, 34.05, "Ajdir Rif", region="")
    assert commune_alternate_names([in_region_2], NAMES, LOCATOR) == {"02.001.01.01": ("Ajdir", "Ajdir Rif")}
    assert commune_alternate_names([no_region], NAMES, LOCATOR) == {}


def test_a_name_another_unit_bears_officially_is_not_lent() -> None:
    # GeoNames also calls Kénitra "Khenifra"; Khénifra is a commune of its own.
    kenitra = place(5, "Tanger", -5.95, 35.05, "Khenifra", "Tingis")
    official = {"01.001.01.01": ["Tanger", "طنجة"], "05.001.01.01": ["Khénifra", "خنيفرة"]}
    names = commune_alternate_names([kenitra], NAMES, LOCATOR, official_names=official)
    assert names == {"01.001.01.01": ("Tanger", "Tingis")}


def test_a_place_only_within_2_km_of_the_commune_of_its_name_lends_nothing() -> None:
    just_outside = place(6, "Tanger", -5.95, 35.11, "Tingis")  # 1.1 km north of the square
    assert LOCATOR.locate(just_outside.lon, just_outside.lat) == "01.001.01.01"
    assert commune_alternate_names([just_outside], NAMES, LOCATOR) == {}

import pytest

from amane.geo.places import Place, PlaceIndex

TANGER = Place("commune", "01.511.01.0", "طنجة", "Tanger", 1_275_428, ("Tangier", "Tanja"))
TARGUIST = Place("commune", "01.051.01.01", "تارجيست", "Targuist", 13_000)
CASABLANCA = Place("commune", "06.141.01.0", "الدار البيضاء", "Casablanca", 3_218_036, ("Casa",))
AIN_CHOCK = Place("arrondissement", "06.141.01.41", "عين الشق", "Aïn Chock", 300_000)
LAAYOUNE = Place("commune", "11.321.01.01", "العيون", "Laâyoune", 259_000)
TAROUDANT = Place("commune", "09.541.01.01", "تارودانت", "Taroudant", 85_000)
TAROUDANT_VILLAGE = Place("commune", "09.541.09.19", "تارودانت الشمالية", "Taroudant Nord", 4_000)

INDEX = PlaceIndex([TANGER, TARGUIST, CASABLANCA, AIN_CHOCK, LAAYOUNE, TAROUDANT, TAROUDANT_VILLAGE])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("طنجة", TANGER),
        ("طنجه", TANGER),
        ("Tangier", TANGER),
        ("tanger", TANGER),
        ("الدارالبيضاء", CASABLANCA),
        ("دار البيضاء", CASABLANCA),
        ("casa", CASABLANCA),
        ("Casablnca", CASABLANCA),
        ("عين الشق", AIN_CHOCK),
        ("Ain Chok", AIN_CHOCK),
        ("Laayoune", LAAYOUNE),
        ("El Ayoune", LAAYOUNE),
        ("لعيون", LAAYOUNE),
        ("Taroudannt", TAROUDANT),
        ("تارودانت", TAROUDANT),
    ],
)
def test_a_spelling_people_use_finds_the_place_first(query: str, expected: Place) -> None:
    assert INDEX.search(query)[0] == expected


def test_an_exact_name_ranks_before_a_longer_name_that_starts_with_it() -> None:
    assert INDEX.search("Taroudant")[:2] == [TAROUDANT, TAROUDANT_VILLAGE]


def test_a_query_can_be_limited_to_some_kinds() -> None:
    assert INDEX.search("عين الشق", kinds=frozenset({"commune"})) == []


def test_a_query_too_short_or_unknown_finds_nothing() -> None:
    assert INDEX.search("ط") == []
    assert INDEX.search("Zzyzx") == []


def test_a_commune_ranks_before_the_province_of_the_same_name() -> None:
    province = Place("province", "09.541", "تارودانت", "Taroudannt", 900_000)
    index = PlaceIndex([province, TAROUDANT])
    assert index.search("تارودانت") == [TAROUDANT, province]


def test_exact_returns_only_names_spelled_the_same_way() -> None:
    assert INDEX.exact("taroudant") == [TAROUDANT]
    assert INDEX.exact("Taroudan") == []


ANFA = Place("arrondissement", "06.141.01.11", "أنفا", "Anfa", 90_000)
CASABLANCA_WITH_ANFA = Place("commune", "06.141.01.0", "الدار البيضاء", "Casablanca", 3_218_036, ("Anfa",))


def test_an_official_name_ranks_before_the_same_alternate_name_of_a_bigger_place() -> None:
    index = PlaceIndex([CASABLANCA_WITH_ANFA, ANFA])
    assert index.search("Anfa") == [ANFA, CASABLANCA_WITH_ANFA]
    assert index.exact("Anfa") == [ANFA]


def test_exact_falls_back_to_alternate_names() -> None:
    index = PlaceIndex([CASABLANCA_WITH_ANFA, ANFA])
    assert index.exact("Anfa", kinds=frozenset({"commune"})) == [CASABLANCA_WITH_ANFA]
    assert INDEX.exact("Tanja") == [TANGER]
    assert INDEX.exact("Tanj") == []


def test_between_equal_alternate_matches_the_better_official_match_comes_first() -> None:
    # Both are called "El Aioun" by some; only one has it in its official name.
    sidi_mellouk = Place("commune", "02.111.01.01", "العيون سيدي ملوك", "El Aioun Sidi Mellouk", 40_000, ("El Aioun",))
    laayoune = Place("commune", "11.321.01.03", "العيون", "Laâyoune", 259_000, ("El Aioun",))
    assert PlaceIndex([laayoune, sidi_mellouk]).search("El Aioun") == [sidi_mellouk, laayoune]


def test_alternate_names_do_not_answer_two_letter_queries() -> None:
    casablanca = Place("commune", "06.141.01.0", "الدار البيضاء", "Casablanca", 3_218_036, ("Ad Dar al Bayda",))
    index = PlaceIndex([casablanca])
    assert index.search("Ad") == []
    assert index.search("Dar al Bayda") == [casablanca]

"""
Place search (amane/geo/places.py), without Django.

Mutation testing (`make mutation`): 307 of 321 mutants killed (95.6%). The survivors that
are truly equivalent:
- `names.pop("", None)` and `sounds.pop("", None)` with another key: an empty key or sound
  is never looked up (queries of fewer than two letters or consonants stop earlier) and is
  0% like any query;
- `score_cutoff` removed or None on the spelling scan: the same threshold is applied to the
  likeness afterwards, so the cutoff only spares work;
- `len(query_key) // 3` -> `/ 3`: an integer difference of lengths is at most x / 3 exactly
  when it is at most x // 3;
- `scores.alternate.get(entry, 0.0)` -> `1.0`: 1 - 5 is below any official score (>= 0);
- `_SEPARATOR` another control character: keys hold word characters only;
- (killed since by test_a_place_of_unknown_population_counts_as_none: `population = 1`).
Not equivalent and not killed: the threshold compared with `>` instead of `>=` and the
spelling cutoff 101 x 0.78 (a likeness of exactly 0.78 to 0.7878), RapidFuzz's default
scorer instead of `fuzz.ratio` (it differs only on keys of very unequal length, which the
length slack keeps out), and no cutoff on the near-sound scan (a same-script sound 0.78 to
0.85 alike with a spelling 0.74 to 0.78 alike).
"""

import pytest

from amane.geo.places import ALTERNATE_PENALTY, EXACT, Place, PlaceIndex, exact_score

TANGER = Place("commune", "01.511.01.0", "طنجة", "Tanger", 1_275_428, ("Tangier", "Tanja"))
TARGUIST = Place("commune", "01.051.01.01", "تارجيست", "Targuist", 13_000)
CASABLANCA = Place("commune", "06.141.01.0", "الدار البيضاء", "Casablanca", 3_218_036, ("Casa",))
AIN_CHOCK = Place("arrondissement", "06.141.01.41", "عين الشق", "Aïn Chock", 300_000)
LAAYOUNE = Place("commune", "11.321.01.01", "العيون", "Laâyoune", 259_000)
TAROUDANT = Place("commune", "09.541.01.01", "تارودانت", "Taroudant", 85_000)
TAROUDANT_VILLAGE = Place("commune", "09.541.09.19", "تارودانت الشمالية", "Taroudant Nord", 4_000)

INDEX = PlaceIndex([TANGER, TARGUIST, CASABLANCA, AIN_CHOCK, LAAYOUNE, TAROUDANT, TAROUDANT_VILLAGE])


def exact(index: PlaceIndex, query: str, kinds: frozenset[str] | None = None) -> list[Place]:
    """The places spelled exactly so, as the geo selector reads them."""
    scored = index.search_scored(query, limit=50, kinds=kinds)
    level = exact_score(scored)
    return [place for place, score in scored if score == level]


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
    assert exact(INDEX, "taroudant") == [TAROUDANT]
    assert exact(INDEX, "Taroudan") == []


ANFA = Place("arrondissement", "06.141.01.11", "أنفا", "Anfa", 90_000)
CASABLANCA_WITH_ANFA = Place("commune", "06.141.01.0", "الدار البيضاء", "Casablanca", 3_218_036, ("Anfa",))


def test_an_official_name_ranks_before_the_same_alternate_name_of_a_bigger_place() -> None:
    index = PlaceIndex([CASABLANCA_WITH_ANFA, ANFA])
    assert index.search("Anfa") == [ANFA, CASABLANCA_WITH_ANFA]
    assert exact(index, "Anfa") == [ANFA]


def test_exact_falls_back_to_alternate_names() -> None:
    index = PlaceIndex([CASABLANCA_WITH_ANFA, ANFA])
    assert exact(index, "Anfa", kinds=frozenset({"commune"})) == [CASABLANCA_WITH_ANFA]
    assert exact(INDEX, "Tanja") == [TANGER]
    assert exact(INDEX, "Tanj") == []


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


# The big towns under their official names only: the transliterations must come from the
# names themselves, not from GeoNames' alternate spellings.
TANGER_ONLY = Place("commune", "01.511.01.0", "طنجة", "Tanger", 1_275_428)
ANJRA = Place("commune", "01.571.03.01", "أنجرة", "Anjra", 9_000)
FES = Place("commune", "03.231.01.0", "فاس", "Fès", 1_256_172)
MARRAKECH = Place("commune", "07.351.01.0", "مراكش", "Marrakech", 1_070_838)
CASABLANCA_ONLY = Place("commune", "06.141.01.0", "الدار البيضاء", "Casablanca", 3_218_036)
KENITRA = Place("commune", "04.281.01.01", "القنيطرة", "Kénitra", 545_000)
KHENIFRA = Place("commune", "05.301.01.01", "خنيفرة", "Khenifra", 120_000)
OUJDA = Place("commune", "02.411.01.23", "وجدة", "Oujda", 572_000)
AGADIR = Place("commune", "09.001.01.01", "أكادير", "Agadir", 470_000)
GUERCIF = Place("commune", "02.251.01.01", "جرسيف", "Guercif", 100_000)
TOWNS = PlaceIndex([TANGER_ONLY, ANJRA, FES, MARRAKECH, CASABLANCA_ONLY, KENITRA, KHENIFRA, OUJDA, AGADIR, GUERCIF])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Tanja", TANGER_ONLY),
        ("Tanjah", TANGER_ONLY),
        ("Tangier", TANGER_ONLY),
        ("Fez", FES),
        ("Fes", FES),
        ("Marrakesh", MARRAKECH),
        ("Murrakush", MARRAKECH),
        ("Dar el Beida", CASABLANCA_ONLY),
        ("Dar Beida", CASABLANCA_ONLY),
        ("Kenitra", KENITRA),
        ("Qunaytira", KENITRA),
        ("Wajda", OUJDA),
        ("Ujda", OUJDA),
        ("Agadeer", AGADIR),
        ("Jarsif", GUERCIF),
    ],
)
def test_a_transliteration_finds_its_town_first(query: str, expected: Place) -> None:
    assert TOWNS.search(query)[0] == expected


def scores(index: PlaceIndex, query: str, limit: int = 10) -> list[tuple[str, float]]:
    return [(place.name_fr, round(score, 6)) for place, score in index.search_scored(query, limit=limit)]


def test_a_close_spelling_and_a_sound_score_their_likeness() -> None:
    # "Tanja" is spelled nearer "Anjra" (0.8, so 40) but is heard as "طنجة" (0.85 x 50).
    assert TOWNS.search_scored("Tanja", limit=2) == [(TANGER_ONLY, 42.5), (ANJRA, 40.0)]
    # Spelled 8/9 like "Fask", and heard the same: (8/9 + 2 x 1) / 3.
    fask = Place("commune", "10.261.05.03", "", "Fask", 2_000)
    assert scores(PlaceIndex([fask]), "Fasqo") == [("Fask", round(50 * (8 / 9 + 2) / 3, 6))]


def test_a_sound_counts_twice_against_the_spelling_in_one_script() -> None:
    # "Tangier" and "Tanger": spelling 12/13, sound identical: (12/13 + 2) / 3.
    index = PlaceIndex([Place("commune", "1", "", "Tanger", 10)])
    assert scores(index, "Tangier") == [("Tanger", round(50 * (12 / 13 + 2) / 3, 6))]


def test_a_sound_needs_two_consonants_and_a_near_sound_three() -> None:
    fes = PlaceIndex([FES])
    assert fes.search("Fz") == [FES]  # "fs", as "Fès" and "فاس" sound
    assert fes.search("Fa") == []  # "f" alone
    tanger = PlaceIndex([TANGER_ONLY])
    # "tnjrs" is 8/9 like "tnjr", the spelling 12/14 like "tanger".
    assert scores(tanger, "Tangiers") == [("Tanger", round(50 * (12 / 14 + 2 * 8 / 9) / 3, 6))]
    # "tnjs" is 0.75 like "tnjr" (not near), 6/7 like "طنجة"'s "tnj", x 0.85 across scripts: 0.73.
    assert tanger.search("Tnjs") == []


EQUAL = ("تست", "Test")


def test_ties_go_to_the_better_official_match_then_kind_then_population_then_code() -> None:
    region = Place("region", "01", *EQUAL, 9_000_000)
    province = Place("province", "01.511", *EQUAL, 2_000_000)
    arrondissement = Place("arrondissement", "01.511.01.03", *EQUAL, 400_000)
    small = Place("commune", "01.511.09.09", *EQUAL, 1_000)
    big = Place("commune", "01.511.09.11", *EQUAL, 5_000)
    twin = Place("commune", "01.511.09.05", *EQUAL, 5_000)
    other_kind = Place("cercle", "01.511.09", *EQUAL, 50_000_000)
    index = PlaceIndex([region, other_kind, small, province, twin, arrondissement, big])
    assert index.search("Test") == [twin, big, small, arrondissement, province, region, other_kind]


def test_an_alternate_name_loses_five_points_and_only_from_three_letters() -> None:
    tanger = Place("commune", "01.511.01.0", "طنجة", "Tanger", 1_000, ("Tingis",))
    index = PlaceIndex([tanger])
    assert index.search_scored("Tingis") == [(tanger, 95.0)]
    assert index.search_scored("Tin") == [(tanger, 75.0)]
    ti = PlaceIndex([Place("commune", "1", "", "Xyz", 1, ("Ti",))])
    assert ti.search("Ti") == []


@pytest.mark.parametrize(
    ("query", "score"),
    [("Taroudant", 100.0), ("Tarou", 80.0), ("Tar", 80.0), ("Nord", 70.0), ("roudant", 60.0)],
)
def test_each_kind_of_match_has_its_score(query: str, score: float) -> None:
    index = PlaceIndex([TAROUDANT_VILLAGE, Place("commune", "1", "", "Taroudant", 10)])
    assert index.search_scored(query, limit=1)[0][1] == score


def test_prefix_needs_three_letters_and_substring_four() -> None:
    index = PlaceIndex([Place("commune", "1", "", "Abcdefgh", 10)])
    assert index.search("Ab") == []
    assert index.search_scored("Abc") == [(index.search("Abc")[0], 80.0)]
    assert index.search("cde") == []
    assert index.search_scored("cdef")[0][1] == 60.0
    # A query found twice in a key, once at its start, is a prefix.
    repeated = PlaceIndex([Place("commune", "1", "", "Abcabc", 10)])
    assert repeated.search_scored("abc")[0][1] == 80.0


def test_exact_score_prefers_an_official_name_to_an_alternate_one() -> None:
    assert exact_score([(TANGER, EXACT - ALTERNATE_PENALTY), (TARGUIST, EXACT)]) == EXACT
    assert exact_score([(TANGER, 80.0), (TARGUIST, EXACT - ALTERNATE_PENALTY)]) == EXACT - ALTERNATE_PENALTY
    assert exact_score([(TANGER, 80.0)]) is None
    assert exact_score([]) is None


def test_a_search_gives_ten_places_unless_told_otherwise() -> None:
    index = PlaceIndex([Place("commune", f"{n:02d}", *EQUAL, n) for n in range(12)])
    assert len(index.search("Test")) == 10
    assert len(index.search_scored("Test")) == 10
    assert len(index.search("Test", limit=11)) == 11


def test_kinds_filter_keeps_later_places_after_an_excluded_one() -> None:
    province = Place("province", "01.511", *EQUAL, 2_000_000)
    commune = Place("commune", "01.511.09.11", *EQUAL, 5_000)
    assert PlaceIndex([province, commune]).search("Test", kinds=frozenset({"commune"})) == [commune]


# Vowels only: no sound, so that only the spelling and its length decide.
@pytest.mark.parametrize(
    ("query", "name", "found"),
    [
        ("aeiaeiaei", "aeioaeioaeia", True),  # 9 letters, 3 more: within the slack of 3
        ("aeiaeiaei", "aeioaeioaeioa", False),  # 4 more: beyond it
        ("aeiaeiaeiaei", "aeioaeioaeioaeio", True),  # 12 letters: a slack of 12 // 3 = 4
    ],
)
def test_a_close_spelling_may_differ_in_length_by_a_third(query: str, name: str, found: bool) -> None:
    place = Place("commune", "1", "", name.capitalize(), 10)
    assert (PlaceIndex([place]).search(query) == [place]) is found


def test_a_two_consonant_sound_finds_the_arabic_name_alone() -> None:
    # "fas" is spelled 0.67 like "fes": only "فاس"'s sound "fs" finds it, 0.85 x 50.
    assert scores(PlaceIndex([FES]), "Fas") == [("Fès", 42.5)]


def test_a_three_consonant_sound_near_a_longer_one_counts_with_the_spelling() -> None:
    # "tnr" is 6/7 like "tnjr" (near), and "tanir" 8/11 like "tanger": (8/11 + 2 x 6/7) / 3.
    assert scores(PlaceIndex([TANGER_ONLY]), "Tanir") == [("Tanger", round(50 * (8 / 11 + 12 / 7) / 3, 6))]


def test_a_query_found_twice_in_keys_counts_each_key() -> None:
    first = Place("commune", "1", "", "Abcdabcd", 10)
    second = Place("commune", "2", "", "Xabcdy", 20)
    assert scores(PlaceIndex([first, second]), "abcd") == [("Abcdabcd", 80.0), ("Xabcdy", 60.0)]


def test_a_place_of_unknown_population_counts_as_none() -> None:
    unknown = Place("commune", "2", *EQUAL)
    empty = Place("commune", "1", *EQUAL, 0)
    assert PlaceIndex([unknown, empty]).search("Test") == [empty, unknown]

"""
Place search over unit names, without Django.

A citizen types a town the way it is said at home: "الدارالبيضاء", "casa", "Laayoun",
"تارودانت", "Tanja". Each unit is indexed under the normalised keys of its Arabic and French
names (and any alternate spellings); a query is ranked exact key, then prefix, then the same
words, then substring, then close spelling (edit similarity), then the same sound (the
consonants of "Tanja" are those of "طنجة"), larger population first on ties so that
"Tanger" finds the city before a village of the same name, and communes before the
province or region that shares their name.

An alternate spelling ("Smara", "Mogador", "El Aaiun") ranks a little below the same
match on an official name, so that "Anfa", which GeoNames also gives as a name of
Casablanca, finds the arrondissement of Anfa before the city; between equal matches on
alternate names, the place whose official name matches better comes first ("El Aioun":
El Aioun Sidi Mellouk, then Laâyoune); alternate names answer queries of three letters or
more only.

The index is built once (some 6,000 keys for the 1,639 units) and answers in about a
millisecond: exact keys and words are dictionary lookups, prefixes and substrings one scan
of the keys joined in a single string, close spellings and sounds RapidFuzz's C loops.
"""

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from amane.text.normalise import has_arabic, name_key, sound_key, words

EXACT, PREFIX, SAME_WORDS, SUBSTRING = 100.0, 80.0, 70.0, 60.0
# A name spelled or heard like the query scores 50 x its likeness (39 to 50): the spelling's
# similarity, or, for a name that sounds the same or nearly, the similarity of spelling and
# of sound averaged with the sound counting twice.
# Across scripts the sound alone counts, a little below a sure spelling.
CLOSE_WEIGHT, SOUND_WEIGHT, CROSS_SCRIPT_WEIGHT = 50.0, 2.0, 0.85
ALTERNATE_PENALTY = 5.0
# Alternate names carry many short words ("Ad Dar al Bayda"): two letters match too much.
MIN_ALTERNATE_QUERY = 3
# Among equally good matches a citizen means the commune, not the province named after it.
KIND_ORDER = {"commune": 0, "arrondissement": 1, "province": 2, "region": 3}
CLOSE_SPELLING_THRESHOLD = 0.78
NEAR_SOUND_THRESHOLD = 0.85
# Sounds of one or two consonants ("fs", "nf") are shared by too many names to be near others,
# or to count in the same script ("Anfa" and "Anafi"): across scripts they must be the same.
MIN_NEAR_SOUND = 3
_SEPARATOR = "\n"


@dataclass(frozen=True)
class Place:
    kind: str
    code: str
    name_ar: str
    name_fr: str
    population: int = 0
    alternate_names: tuple[str, ...] = ()


class _Scores:
    """The best score of each entry's official names and of its alternate names."""

    def __init__(self) -> None:
        self.official: dict[int, float] = defaultdict(float)
        self.alternate: dict[int, float] = defaultdict(float)

    def add(self, entry: int, official: bool, score: float) -> None:
        table = self.official if official else self.alternate
        table[entry] = max(table[entry], score)


def exact_score(scored: Sequence[tuple[Place, float]]) -> float | None:
    """Return the score of the places spelled exactly so: an official name's, else an alternate's."""
    found = {score for _place, score in scored}
    return next((score for score in (EXACT, EXACT - ALTERNATE_PENALTY) if score in found), None)


class PlaceIndex:
    """An immutable index of places, built once; safe to share between threads."""

    def __init__(self, places: Iterable[Place]) -> None:
        self._places: list[Place] = []
        keys: list[str] = []
        self._key_entry: list[int] = []
        self._key_official: list[bool] = []
        self._key_arabic: list[bool] = []
        sounds: dict[str, set[int]] = defaultdict(set)
        self._by_key: dict[str, list[int]] = defaultdict(list)
        self._by_word: dict[str, set[int]] = defaultdict(set)
        for entry, place in enumerate(places):
            self._places.append(place)
            # Each spelling once, official if either official name has it.
            names: dict[str, tuple[bool, str]] = {}
            for position, name in enumerate([place.name_ar, place.name_fr, *place.alternate_names]):
                names.setdefault(name_key(name), (position < 2, name))
            names.pop("", None)
            for key, (official, name) in names.items():
                index = len(keys)
                keys.append(key)
                self._key_entry.append(entry)
                self._key_official.append(official)
                self._key_arabic.append(has_arabic(key))
                self._by_key[key].append(index)
                for word in words(name):
                    self._by_word[word].add(index)
                sounds[sound_key(name)].add(index)
        sounds.pop("", None)
        self._keys: Sequence[str] = tuple(keys)
        # All keys in one string: a substring is found by one regular expression scan, then
        # its key by bisection on where each key starts.
        self._joined = _SEPARATOR.join(keys)
        self._starts: list[int] = []
        offset = 0
        for key in keys:
            self._starts.append(offset)
            offset += len(key) + len(_SEPARATOR)
        self._by_sound = {sound: frozenset(indices) for sound, indices in sounds.items()}
        self._sounds: Sequence[str] = tuple(self._by_sound)

    def __len__(self) -> int:
        return len(self._places)

    def search(self, query: str, *, limit: int = 10, kinds: frozenset[str] | None = None) -> list[Place]:
        """Return the places whose names match `query`, best match first."""
        return [place for place, _score in self.search_scored(query, limit=limit, kinds=kinds)]

    def search_scored(
        self, query: str, *, limit: int = 10, kinds: frozenset[str] | None = None
    ) -> list[tuple[Place, float]]:
        """Return (place, score) pairs, best first; ties go to the official name, kind, population, code."""
        query_key = name_key(query)
        if len(query_key) < 2:
            return []
        scores = _Scores()
        self._match_spelling(query_key, frozenset(words(query)), scores)
        self._match_likeness(query_key, sound_key(query), scores)
        ranked = []
        for entry in sorted(scores.official.keys() | scores.alternate.keys()):
            place = self._places[entry]
            if kinds is not None and place.kind not in kinds:
                continue
            official = scores.official.get(entry, 0.0)
            score = official
            if official != EXACT and len(query_key) >= MIN_ALTERNATE_QUERY:
                score = max(official, scores.alternate.get(entry, 0.0) - ALTERNATE_PENALTY)
            if score:
                rank = KIND_ORDER.get(place.kind, len(KIND_ORDER))
                ranked.append((-score, -official, rank, -place.population, place.code, entry))
        ranked.sort()
        return [(self._places[entry], -score) for score, _o, _r, _p, _c, entry in ranked[:limit]]

    def _match_spelling(self, query_key: str, query_words: frozenset[str], scores: _Scores) -> None:
        for index in self._by_key.get(query_key, ()):
            self._add(scores, index, EXACT)
        if len(query_key) >= 3:
            self._match_substrings(query_key, scores)
        if query_words:
            postings = [self._by_word.get(word, set()) for word in query_words]
            for index in set.intersection(*postings):
                self._add(scores, index, SAME_WORDS)

    def _match_likeness(self, query_key: str, query_sound: str, scores: _Scores) -> None:
        """Score the keys spelled or sounding like the query: 50 x a likeness of 0.78 to 1."""
        slack = max(3, len(query_key) // 3)
        query_arabic = has_arabic(query_key)
        spelling: dict[int, float] = {}
        # The cutoffs only spare work: a likeness below the threshold is dropped below anyway.
        for key, similarity, index in process.extract_iter(
            query_key, self._keys, scorer=fuzz.ratio, score_cutoff=100 * CLOSE_SPELLING_THRESHOLD
        ):
            if abs(len(key) - len(query_key)) <= slack:
                spelling[int(index)] = similarity / 100
        sounding: dict[int, float] = {}
        if len(query_sound) >= 2:
            sounding = dict.fromkeys(self._by_sound.get(query_sound, ()), 1.0)
        if len(query_sound) >= MIN_NEAR_SOUND:
            for near, similarity, _position in process.extract_iter(
                query_sound, self._sounds, scorer=fuzz.ratio, score_cutoff=100 * NEAR_SOUND_THRESHOLD
            ):
                for index in self._by_sound[near]:
                    sounding.setdefault(index, similarity / 100)
        for index in spelling.keys() | sounding.keys():
            likeness = spelling.get(index, 0.0)
            sound = sounding.get(index)
            if sound is None:
                pass
            elif self._key_arabic[index] != query_arabic:
                # Across scripts only the sound compares: "Tanja" and "طنجة".
                likeness = max(likeness, CROSS_SCRIPT_WEIGHT * sound)
            elif len(query_sound) >= MIN_NEAR_SOUND:
                # The sound counts twice: "Tangier" is spelled 0.92 like "Tanger" and heard the same.
                spelled = fuzz.ratio(query_key, self._keys[index]) / 100
                likeness = max(likeness, (spelled + SOUND_WEIGHT * sound) / (1 + SOUND_WEIGHT))
            if likeness >= CLOSE_SPELLING_THRESHOLD:
                self._add(scores, index, CLOSE_WEIGHT * likeness)

    def _match_substrings(self, query_key: str, scores: _Scores) -> None:
        for found in re.finditer(re.escape(query_key), self._joined):
            # A query holds no separator, so a match lies inside one key, and a key that
            # starts with the query has its first match there.
            index = bisect.bisect_right(self._starts, found.start()) - 1
            if found.start() == self._starts[index]:
                self._add(scores, index, PREFIX)
            elif len(query_key) >= 4:
                self._add(scores, index, SUBSTRING)

    def _add(self, scores: _Scores, index: int, score: float) -> None:
        scores.add(self._key_entry[index], self._key_official[index], score)

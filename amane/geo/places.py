"""
Place search over unit names, without Django.

A citizen types a town the way it is said at home: "الدارالبيضاء", "casa", "Laayoun",
"تارودانت". Each unit is indexed under the normalised keys of its Arabic and French names
(and any alternate spellings); a query is ranked exact key, then prefix, then the same
words, then substring, then close spelling (edit similarity), larger population first on
ties so that "Tanger" finds the city before a village of the same name, and communes
before the province or region that shares their name.

An alternate spelling ("Smara", "Mogador", "El Aaiun") ranks a little below the same
match on an official name, so that "Anfa", which GeoNames also gives as a name of
Casablanca, finds the arrondissement of Anfa before the city; between equal matches on
alternate names, the place whose official name matches better comes first ("El Aioun":
El Aioun Sidi Mellouk, then Laâyoune); alternate names answer queries of three letters or
more only.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from amane.text.normalise import name_key, words

EXACT, PREFIX, SAME_WORDS, SUBSTRING = 100.0, 80.0, 70.0, 60.0
ALTERNATE_PENALTY = 5.0
# Alternate names carry many short words ("Ad Dar al Bayda"): two letters match too much.
MIN_ALTERNATE_QUERY = 3
# Among equally good matches a citizen means the commune, not the province named after it.
KIND_ORDER = {"commune": 0, "arrondissement": 1, "province": 2, "region": 3}
CLOSE_SPELLING_THRESHOLD = 0.78


@dataclass(frozen=True)
class Place:
    kind: str
    code: str
    name_ar: str
    name_fr: str
    population: int = 0
    alternate_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Entry:
    place: Place
    keys: tuple[str, ...]
    word_sets: tuple[frozenset[str], ...] = field(default_factory=tuple)
    official_keys: int = 0  # the first keys come from name_ar and name_fr, the rest are alternates


def _score(query_key: str, query_words: frozenset[str], entry: _Entry) -> tuple[float, float]:
    """The entry's score, and the part of it its official names earn (the first tie-break)."""
    official = _score_keys(query_key, query_words, entry.keys[: entry.official_keys], entry.word_sets)
    if official == EXACT or len(query_key) < MIN_ALTERNATE_QUERY:
        return official, official
    alternate = _score_keys(
        query_key, query_words, entry.keys[entry.official_keys :], entry.word_sets[entry.official_keys :]
    )
    return max(official, alternate - ALTERNATE_PENALTY), official


def _score_keys(
    query_key: str, query_words: frozenset[str], keys: Sequence[str], word_sets: Sequence[frozenset[str]]
) -> float:
    best = 0.0
    for key, word_set in zip(keys, word_sets, strict=False):
        if key == query_key:
            return EXACT
        if key.startswith(query_key) and len(query_key) >= 3:
            best = max(best, PREFIX)
        elif query_words and query_words <= word_set:
            best = max(best, SAME_WORDS)
        elif query_key in key and len(query_key) >= 4:
            best = max(best, SUBSTRING)
        elif best < SUBSTRING and abs(len(key) - len(query_key)) <= max(3, len(query_key) // 3):
            ratio = SequenceMatcher(None, query_key, key).ratio()
            if ratio >= CLOSE_SPELLING_THRESHOLD:
                best = max(best, 50.0 * ratio)
    return best


class PlaceIndex:
    """An immutable index of places; safe to share between threads."""

    def __init__(self, places: Iterable[Place]) -> None:
        entries = []
        for place in places:
            keys: list[str] = []
            word_sets: list[frozenset[str]] = []
            official = 0
            for position, name in enumerate([place.name_ar, place.name_fr, *place.alternate_names]):
                key = name_key(name)
                if key and key not in keys:
                    keys.append(key)
                    word_sets.append(frozenset(words(name)))
                if position == 1:
                    official = len(keys)
            entries.append(_Entry(place, tuple(keys), tuple(word_sets), official))
        self._entries: Sequence[_Entry] = tuple(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, *, limit: int = 10, kinds: frozenset[str] | None = None) -> list[Place]:
        """Return the places whose names match `query`, best match first."""
        return [place for place, _score in self.search_scored(query, limit=limit, kinds=kinds)]

    def exact(self, query: str, *, kinds: frozenset[str] | None = None) -> list[Place]:
        """Return the places named exactly so, else those with an alternate name spelled so, else []."""
        scored = self.search_scored(query, limit=50, kinds=kinds)
        for wanted in (EXACT, EXACT - ALTERNATE_PENALTY):
            places = [place for place, score in scored if score == wanted]
            if places:
                return places
        return []

    def search_scored(
        self, query: str, *, limit: int = 10, kinds: frozenset[str] | None = None
    ) -> list[tuple[Place, float]]:
        query_key = name_key(query)
        if len(query_key) < 2:
            return []
        query_words = frozenset(words(query))
        scored = []
        for entry in self._entries:
            if kinds is not None and entry.place.kind not in kinds:
                continue
            score, official = _score(query_key, query_words, entry)
            if score > 0:
                rank = KIND_ORDER.get(entry.place.kind, len(KIND_ORDER))
                scored.append((-score, -official, rank, -entry.place.population, entry.place.code, entry.place))
        scored.sort(key=lambda item: item[:5])
        return [(item[5], -item[0]) for item in scored[:limit]]

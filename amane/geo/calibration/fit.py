"""The fit of the latitude shift on the GeoNames places (see the package's docstring)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from amane.geo.locator import distances_m
from amane.geo.reference import (
    ReferencePlace,
    load_reference_places,
    match_places,
)
from amane.geo.shift import FloatArray, Shift

DEPTH_CLIP_M = 2000.0


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

"""
Lighter geometry for the web map.

The full boundaries (about 974,000 vertices for the 1,503 communes) are what the point
locator uses; a browser needs far fewer. ``simplify_all`` runs, per unit:

1. Douglas-Peucker simplification (``shapely.simplify`` with ``preserve_topology=True``,
   so a polygon never collapses or self-intersects) at ``tolerance`` degrees, 0.002 by
   default: about 200 m, under a pixel at the zoom levels a whole province fits on;
2. snapping to a 1e-5 degree grid (about 1 m) with ``shapely.set_precision``, which keeps
   the output valid, then rounding to 5 decimals so that GeoJSON carries short numbers.

Neighbours are simplified independently, so shared edges may part by up to the tolerance
(slivers or overlaps of a few hundred metres on the map); topology is not needed for
drawing, and the locator never sees these shapes.

Measured on the corrected communes (see docs/geography.md): 973,808 vertices become
111,969 at 0.001, 70,309 at 0.002 and 53,090 at 0.003, in under a second; at 0.002 the
whole country is 1.45 MB of GeoJSON geometry (0.38 MB gzipped).

Plain Python (shapely, numpy); no Django import.
"""

import time
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

DEFAULT_TOLERANCE = 0.002
DEFAULT_DECIMALS = 5


@dataclass(frozen=True)
class Simplified:
    geometries: dict[str, BaseGeometry]
    tolerance: float
    decimals: int
    vertices_before: int
    vertices_after: int
    fallbacks: tuple[str, ...]  # units whose simplified shape came out empty or invalid: kept unsimplified
    seconds: float

    @property
    def ratio(self) -> float:
        return self.vertices_after / self.vertices_before if self.vertices_before else 1.0

    def summary(self) -> str:
        return (
            f"{len(self.geometries)} units simplified at {self.tolerance:g} deg, {self.decimals} decimals: "
            f"{self.vertices_before:,} -> {self.vertices_after:,} vertices ({100 * self.ratio:.1f}%), "
            f"{len(self.fallbacks)} kept unsimplified, {self.seconds:.2f} s"
        )


def _snap(geometries: NDArray[np.object_], decimals: int) -> NDArray[np.object_]:
    def rounded(coords: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.round(coords, decimals)

    snapped = shapely.set_precision(geometries, 10.0**-decimals)
    return np.asarray(shapely.transform(snapped, rounded))


def simplify_all(
    geometries: Mapping[str, BaseGeometry],
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    decimals: int = DEFAULT_DECIMALS,
) -> Simplified:
    """Simplify every geometry of a mapping (vectorised); codes and order are kept."""
    started = time.perf_counter()
    codes = list(geometries)
    source = np.empty(len(codes), dtype=object)
    source[:] = [geometries[code] for code in codes]
    result = _snap(np.asarray(shapely.simplify(source, tolerance, preserve_topology=True)), decimals)
    bad = np.flatnonzero(shapely.is_empty(result) | ~shapely.is_valid(result))
    if len(bad):
        result[bad] = _snap(source[bad], decimals)
        still = bad[shapely.is_empty(result[bad]) | ~shapely.is_valid(result[bad])]
        result[still] = source[still]
    return Simplified(
        geometries=dict(zip(codes, result.tolist(), strict=True)),
        tolerance=tolerance,
        decimals=decimals,
        vertices_before=int(shapely.get_num_coordinates(source).sum()),
        vertices_after=int(shapely.get_num_coordinates(result).sum()),
        fallbacks=tuple(codes[i] for i in bad.tolist()),
        seconds=time.perf_counter() - started,
    )

"""
From public report cells to classified hotspots: the stages that the API and the benchmark share.

1. binning: the reports' public points, as distinct points and their counts (the database
   groups them, or `count_by_cell` over their resolution-9 cells), then the cell of the asked
   resolution that holds each point;
2. the lattice: the cells of the box, if any, and every cell holding a counted report;
3. weights: binary contiguity over the k-ring within the lattice;
4. Gi* z-scores and two-sided p-values;
5. classes under Benjamini-Hochberg at 90, 95 and 99 %.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import h3ronpy
import numpy as np

from amane.analytics.engine import hexgrid
from amane.analytics.engine.classes import classify
from amane.analytics.engine.getis_ord import gi_star, permutation_p

T = TypeVar("T")
Box = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat


@dataclass(frozen=True)
class Hotspots:
    resolution: int
    cells: np.ndarray  # uint64, sorted: the lattice
    counts: np.ndarray
    z: np.ndarray
    p: np.ndarray
    classes: np.ndarray  # int8 codes, amane.analytics.engine.classes.CLASS_NAMES
    p_sim: np.ndarray | None = None
    # Seconds per stage, for the benchmark.
    timings: dict[str, float] = field(default_factory=dict)

    def shown(self) -> np.ndarray:
        """Positions of the cells worth sending: a report in them or a class."""
        return np.flatnonzero((self.counts > 0) | (self.classes != 0))


def _timed(timings: dict[str, float], stage: str, work: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = work()
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started
    return result


def lattice_counts(
    lat: np.ndarray, lon: np.ndarray, counts: np.ndarray, resolution: int, box: Box | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The lattice of `resolution` and its counts, from counts per distinct public point."""
    occupied, occupied_counts = hexgrid.count_by_cell(hexgrid.cells_of_points(lat, lon, resolution), counts)
    if box is None:
        return occupied, occupied_counts
    lattice = hexgrid.lattice_cells(hexgrid.box_cells(*box, resolution), occupied)
    lattice_counts = np.zeros(len(lattice))
    lattice_counts[np.searchsorted(lattice, occupied)] = occupied_counts
    return lattice, lattice_counts


def public_points_of(report_cells: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct public points and their counts, from each report's resolution-9 public cell."""
    cells, counts = hexgrid.count_by_cell(report_cells)
    lat, lon = hexgrid.public_points(cells)
    return lat, lon, counts


def hotspots(
    lat: np.ndarray,
    lon: np.ndarray,
    counts: np.ndarray,
    *,
    resolution: int,
    box: Box | None = None,
    k: int = 1,
    permutations: int = 0,
    seed: int | None = None,
) -> Hotspots:
    """
    Classified cells from distinct public points and how many reports each holds.

    Without a box the lattice is the occupied cells and their k-ring, so that a lone cell is
    compared with the empty ground around it rather than only with other busy cells.
    """
    timings: dict[str, float] = {}
    cells, y = _timed(timings, "binning", lambda: lattice_counts(lat, lon, counts, resolution, box))
    if box is None:
        cells, y = _timed(timings, "weights", lambda: _with_surroundings(cells, y, k))
    contiguity = _timed(timings, "weights", lambda: hexgrid.Contiguity.k_ring(cells, k))
    gi = _timed(timings, "gi*", lambda: gi_star(y, contiguity))
    classes = _timed(timings, "fdr", lambda: classify(gi.z, gi.p))
    p_sim = None
    if permutations:
        p_sim = _timed(
            timings, "permutations", lambda: permutation_p(y, contiguity, permutations=permutations, seed=seed)
        )
    return Hotspots(resolution, cells, y, gi.z, gi.p, classes, p_sim, timings)


def _with_surroundings(cells: np.ndarray, counts: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The occupied cells and every cell within k steps of one, the latter with a count of zero."""
    if len(cells) == 0:
        return cells, counts
    around = hexgrid.as_cells(h3ronpy.grid_disk(cells, k, flatten=True))
    lattice = hexgrid.lattice_cells(cells, around)
    lattice_counts = np.zeros(len(lattice))
    lattice_counts[np.searchsorted(lattice, cells)] = counts
    return lattice, lattice_counts

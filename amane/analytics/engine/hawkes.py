"""
A self-exciting model of reports on a hexagonal lattice, day by day, fitted by EM.

Burglaries, thefts and assaults come in bursts: one makes others nearby more likely for a
while (the "near repeat"). Mohler et al. (2011, "Self-exciting point process modeling of
crime") model this as a Hawkes process; this is its discrete version on H3 cells and days,
which keeps every array the size of the lattice times the days. With counts N[t, c] of cell c
on day t, the expected count is

    lambda[t, c] = mu[c] + theta * sum_{t' < t} sum_{c'} f(t - t') g(c - c') N[t', c']

- mu[c]: the background, reports per day that owe nothing to earlier ones;
- theta: the branching ratio, how many further reports one report brings on average (< 1);
- f(d) = (1 - beta) beta^(d - 1), d = 1, 2, ...: the delay, geometric (exponential in
  discrete time), with mean 1 / (1 - beta) days;
- g(o) = exp(-|o|^2 / (2 sigma^2)) / Z(sigma): the displacement, a Gaussian of the distance
  |o| between cell centres (in cell spacings) over the offsets within `reach` steps, the cell
  itself included, Z making it sum to 1 over them.

Counts are Poisson given the past. EM (Veen and Schoenberg 2008; Mohler et al. 2011) splits
each day's reports between the background and every earlier report in reach, in proportion to
what each contributes to lambda, then sets each parameter to its best value given that split
(one conditional maximisation after the other, which still never lowers the likelihood). The
likelihood's compensator is kept exact: reports near the last day, or near the lattice's
edge, have offspring that fall outside the window, and counting them as observed would bias
theta down.

Memory is a few (days x cells) arrays plus the reports' (cell, day) pairs times the offsets,
taken in chunks; the loops run over EM iterations and, in simulation and prediction, over days.
"""

import math
from dataclasses import dataclass, replace

import h3.api.basic_int as h3i
import numpy as np
from scipy import fft, optimize, signal

from amane.analytics.engine import hexgrid
from amane.analytics.engine.hexgrid import hex_offsets

_CHUNK = 4_000_000  # entries of the (reports x offsets) gather taken at once
_RESOLUTION_SHIFT = 52


@dataclass(frozen=True)
class HexLattice:
    """Cells as local IJ coordinates (H3's, or any hexagonal patch), and the metres between centres."""

    i: np.ndarray
    j: np.ndarray
    spacing_m: float

    @property
    def n(self) -> int:
        return len(self.i)

    @classmethod
    def from_cells(cls, cells: np.ndarray) -> "HexLattice":
        """The lattice of H3 cells of one resolution (sorted, distinct, without pentagons)."""
        ij = hexgrid.local_ij(hexgrid.as_cells(cells))
        if ij is None:
            raise ValueError("these cells have no common local IJ coordinates")
        resolution = int((int(cells[0]) >> _RESOLUTION_SHIFT) & 0xF)
        # Centres of neighbouring hexagons are sqrt(3) edge lengths apart.
        spacing = float(h3i.average_hexagon_edge_length(resolution, unit="m")) * math.sqrt(3)
        return cls(ij[0], ij[1], spacing)

    def sources(self, reach: int) -> tuple[np.ndarray, np.ndarray]:
        """
        For every cell c and offset o within `reach` steps (o = (0, 0) first): the index of the
        cell c - o, or n where it lies off the lattice; and each offset's squared distance in
        cell spacings (local IJ axes are 120 degrees apart: |(a, b)|^2 = a^2 + b^2 - ab).
        """
        offsets = np.array([(0, 0), *hex_offsets(reach)], dtype=np.int64)
        width = int(self.j.max() - self.j.min()) + 1 + 2 * reach
        keys = (self.i - self.i.min() + reach) * width + (self.j - self.j.min() + reach)
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        wanted = keys[:, None] - (offsets[:, 0] * width + offsets[:, 1])[None, :]
        at = np.minimum(np.searchsorted(ordered, wanted), self.n - 1)
        table = np.where(ordered[at] == wanted, order[at], self.n)
        a, b = offsets[:, 0].astype(float), offsets[:, 1].astype(float)
        return table, a * a + b * b - a * b


@dataclass(frozen=True)
class Hawkes:
    """The model's parameters; a fit also records its log-likelihood and the EM steps taken."""

    background: np.ndarray  # mu, reports per cell per day
    branching: float  # theta
    decay: float  # beta: the delay's survival per day
    sigma: float  # the displacement's standard deviation, in cell spacings
    reach: int  # offsets within this many steps
    # The background's spatial smoothing, in cell spacings; 0 leaves one free rate per cell.
    smoothing: float = 0.0
    # Of the last model EM evaluated, one step before this one (a step never lowers it).
    log_likelihood: float = float("nan")
    iterations: int = 0

    @property
    def mean_delay_days(self) -> float:
        return 1.0 / (1.0 - self.decay)

    def displacement(self, squared: np.ndarray) -> np.ndarray:
        """g over the offsets whose squared distances are given."""
        return _gaussian(squared, self.sigma)


def _gaussian(squared: np.ndarray, sigma: float) -> np.ndarray:
    weights = np.exp(-0.5 * squared / (sigma * sigma))
    return weights / weights.sum()


def excitation(counts: np.ndarray, decay: float) -> np.ndarray:
    """sum_{t' < t} f(t - t') N[t', :] for every day t: the delay-weighted past, (days x cells)."""
    # f is the impulse response of e[t] = beta e[t-1] + (1 - beta) N[t-1].
    return signal.lfilter([0.0, 1.0 - decay], [1.0, -decay], counts, axis=0)


def _spread(table: np.ndarray, weights: np.ndarray, field: np.ndarray) -> np.ndarray:
    """sum_o g(o) field[..., c - o] for every cell c (field's last axis is the cells)."""
    padded = np.concatenate([field, np.zeros((*field.shape[:-1], 1))], axis=-1)
    out = np.zeros(field.shape)
    for column, weight in enumerate(weights):
        out += weight * padded[..., table[:, column]]
    return out


def intensity(model: Hawkes, counts: np.ndarray, lattice: HexLattice) -> np.ndarray:
    """lambda[t, c] for every day of the history and every cell, (days x cells)."""
    table, squared = lattice.sources(model.reach)
    spread = _spread(table, model.displacement(squared), excitation(np.asarray(counts, float), model.decay))
    return model.background[None, :] + model.branching * spread


def expected_counts(model: Hawkes, counts: np.ndarray, lattice: HexLattice, days: int) -> np.ndarray:
    """
    The expected reports per cell over the `days` after the history: the forecast.

    For a linear self-exciting process the expected future intensity follows the model's own
    recursion with each future day's counts replaced by their expectation.
    """
    counts = np.asarray(counts, dtype=np.float64)
    table, squared = lattice.sources(model.reach)
    g = model.displacement(squared)
    past = excitation(counts, model.decay)[-1] if len(counts) else np.zeros(lattice.n)
    last = counts[-1] if len(counts) else np.zeros(lattice.n)
    total = np.zeros(lattice.n)
    for _ in range(days):
        past = model.decay * past + (1.0 - model.decay) * last
        last = model.background + model.branching * _spread(table, g, past)
        total += last
    return total


def simulate(model: Hawkes, lattice: HexLattice, days: int, rng: np.random.Generator) -> np.ndarray:
    """Counts (days x cells) drawn from the model, day after day."""
    table, squared = lattice.sources(model.reach)
    g = model.displacement(squared)
    counts = np.zeros((days, lattice.n))
    past = np.zeros(lattice.n)
    last = np.zeros(lattice.n)
    for day in range(days):
        past = model.decay * past + (1.0 - model.decay) * last
        last = rng.poisson(model.background + model.branching * _spread(table, g, past)).astype(np.float64)
        counts[day] = last
    return counts


@dataclass(frozen=True)
class _Split:
    """What the E-step hands to the M-step."""

    log_likelihood: float
    background: np.ndarray  # reports per cell owed to the background
    by_offset: np.ndarray  # reports owed to earlier ones, by displacement
    by_delay: np.ndarray  # the same by delay in days, index d for d days (index 0 unused)


def fit(
    counts: np.ndarray,
    lattice: HexLattice,
    *,
    reach: int = 4,
    smoothing: float = 0.0,
    start: Hawkes | None = None,
    max_iterations: int = 300,
    tolerance: float = 1e-8,
) -> Hawkes:
    """
    The model of largest likelihood for counts (days x cells), by EM from `start` (or a
    neutral guess), until a cycle gains less than `tolerance` of the log-likelihood.

    Plain EM creeps along the ridge where background and triggering trade reports; SQUAREM
    (Varadhan and Roland 2008) takes two EM steps, leaps along their direction, and settles
    with a third, keeping the leap only if the likelihood did not fall. `iterations` counts
    EM steps.
    """
    counts = np.asarray(counts, dtype=np.float64)
    table, squared = lattice.sources(reach)
    model = _first_guess(counts, reach, smoothing)
    if start is not None and start.reach == reach and start.smoothing == smoothing:
        # EM never revives a background of zero: a cell quiet in the start's data but not in
        # these keeps a trace of the neutral guess.
        model = replace(start, background=np.maximum(start.background, 1e-3 * model.background))
    events = np.nonzero(counts)

    def step(current: Hawkes) -> tuple[Hawkes, float]:
        split = _expectation(current, counts, events, table, squared)
        return _maximisation(current, split, counts, table, squared, counts.shape[0]), split.log_likelihood

    steps, previous, best = 0, -math.inf, -math.inf
    while steps + 3 <= max_iterations:
        first, best = step(model)
        second, after_first = step(first)
        leap = _leap(model, first, second)
        with np.errstate(divide="ignore", invalid="ignore"):  # a leap may empty a cell that has reports
            settled, at_leap = step(leap) if leap is not None else (second, -math.inf)
        steps += 3
        model, best = (settled, at_leap) if math.isfinite(at_leap) and at_leap >= after_first else (second, after_first)
        if abs(best - previous) <= tolerance * abs(best):
            break
        previous = best
    return replace(model, log_likelihood=best, iterations=steps)


def _vector(model: Hawkes) -> np.ndarray:
    return np.concatenate([model.background, [model.branching, model.decay, model.sigma]])


def _leap(x0: Hawkes, x1: Hawkes, x2: Hawkes) -> Hawkes | None:
    """SQUAREM's extrapolation from three successive EM iterates, kept within the parameter space."""
    r = _vector(x1) - _vector(x0)
    v = _vector(x2) - _vector(x1) - r
    if not np.linalg.norm(v):
        return None
    alpha = min(-float(np.linalg.norm(r) / np.linalg.norm(v)), -1.0)
    leapt = _vector(x0) - 2.0 * alpha * r + alpha * alpha * v
    # A leap past zero would silence a cell for good (EM scales the background): a floor instead.
    background = np.maximum(leapt[:-3], 0.01 * x2.background)
    branching = max(float(leapt[-3]), 0.0)
    decay = min(max(float(leapt[-2]), 1e-6), 1 - 1e-6)
    sigma = min(max(float(leapt[-1]), 0.05), 4.0 * max(x0.reach, 1))
    return Hawkes(background, branching, decay, sigma, x0.reach, x0.smoothing)


def _first_guess(counts: np.ndarray, reach: int, smoothing: float) -> Hawkes:
    # Half of each cell's reports to the background, a week's delay, a cell's displacement.
    return Hawkes(counts.mean(axis=0) * 0.5, 0.5, math.exp(-1 / 7), 1.0, reach, smoothing)


def _expectation(
    model: Hawkes, counts: np.ndarray, events: tuple[np.ndarray, ...], table: np.ndarray, squared: np.ndarray
) -> _Split:
    days, cells = counts.shape
    g = model.displacement(squared)
    past = np.concatenate([excitation(counts, model.decay), np.zeros((days, 1))], axis=1)
    day, cell = events
    n = counts[day, cell]
    by_offset = np.zeros(len(g))
    background = np.zeros(cells)
    # Responsibilities handed back to the source cells, by day: correlated with the counts below.
    handed = np.zeros(days * (cells + 1))
    log_sum = 0.0
    step = max(1, _CHUNK // len(g))
    for at in range(0, len(n), step):
        d, c, m = day[at : at + step], cell[at : at + step], n[at : at + step]
        gathered = past[d[:, None], table[c]]  # (reports, offsets): the sources' delayed counts
        rate = model.background[c] + model.branching * (gathered @ g)
        ratio = m / rate
        log_sum += float(m @ np.log(rate))
        background += np.bincount(c, weights=ratio * model.background[c], minlength=cells)
        by_offset += model.branching * g * (ratio @ gathered)
        flat = d[:, None] * (cells + 1) + table[c]
        handed += np.bincount(flat.ravel(), weights=(ratio[:, None] * g).ravel(), minlength=len(handed))
    reaching = _reaching(table, g)
    compensator = days * model.background.sum() + model.branching * float(past[:, :cells].sum(axis=0) @ reaching)
    by_delay = model.branching * _delays(model.decay, handed.reshape(days, cells + 1)[:, :cells], counts)
    return _Split(log_sum - compensator, background, by_offset, by_delay)


def _reaching(table: np.ndarray, g: np.ndarray) -> np.ndarray:
    """The share of each cell's offspring that lands on the lattice (g is symmetric)."""
    return (table < len(table)) @ g


def _delays(decay: float, handed: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """f(d) sum_t sum_c handed[t, c] N[t - d, c] for d = 0 .. days - 1, by FFT along the days."""
    days = counts.shape[0]
    size = fft.next_fast_len(2 * days, real=True)
    product = (fft.rfft(handed, size, axis=0) * np.conj(fft.rfft(counts, size, axis=0))).sum(axis=1)
    lagged = np.maximum(fft.irfft(product, size)[:days], 0.0)  # round-off below zero where nothing is
    d = np.arange(days)
    return np.where(d >= 1, (1.0 - decay) * decay ** np.maximum(d - 1, 0), 0.0) * lagged


def _maximisation(
    model: Hawkes, split: _Split, counts: np.ndarray, table: np.ndarray, squared: np.ndarray, days: int
) -> Hawkes:
    # How much of each day's reports' delay falls before the window closes: sum_{d <= T-1-t} f(d).
    horizon = (days - 1) - np.arange(days)
    landing = counts @ _reaching(table, model.displacement(squared))  # per day
    triggered = float(split.by_offset.sum())
    theta = triggered / max(float(landing @ (1.0 - model.decay**horizon)), 1e-300)
    lags = np.maximum(np.arange(days) - 1, 0)
    on_time, waited = float(split.by_delay.sum()), float(split.by_delay @ lags)

    def delay_loss(decay: float) -> float:
        fitness = on_time * math.log1p(-decay) + waited * math.log(decay)
        return -fitness + theta * float(landing @ (1.0 - decay**horizon))

    decay = float(optimize.minimize_scalar(delay_loss, bounds=(1e-6, 1 - 1e-6), method="bounded").x)
    closing = counts.T @ (1.0 - decay**horizon)  # per source cell

    def displacement_loss(log_sigma: float) -> float:
        g = _gaussian(squared, math.exp(log_sigma))
        fitness = float(split.by_offset @ np.log(np.maximum(g, 1e-300)))
        return -fitness + theta * float(closing @ _reaching(table, g))

    bounds = (math.log(0.05), math.log(4.0 * max(model.reach, 1)))
    sigma = math.exp(optimize.minimize_scalar(displacement_loss, bounds=bounds, method="bounded").x)
    background = _smoothed(split.background, table, squared, model.smoothing) / days
    return Hawkes(background, theta, decay, sigma, model.reach, model.smoothing)


def _smoothed(background: np.ndarray, table: np.ndarray, squared: np.ndarray, smoothing: float) -> np.ndarray:
    """
    The background reports spread by a Gaussian of `smoothing` spacings over the model's
    offsets, their total kept (Mohler et al. smooth the background the same way, by a kernel).

    With a few reports per cell, a free rate per cell takes bursts for background; smoothing
    lets a cell's rate borrow from its neighbours'. It makes the M-step a smoothed one
    (EMS, Silverman et al. 1990) rather than an exact maximisation.
    """
    if smoothing <= 0.0:
        return background
    spread = _spread(table, _gaussian(squared, smoothing), background)
    total = spread.sum()
    return spread * (background.sum() / total) if total > 0 else spread

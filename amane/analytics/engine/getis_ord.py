"""
Getis-Ord Gi* with binary weights: the analytical z-scores and conditional randomisation.

The conventions are esda's `G_Local(y, w, transform="B", star=True)`, so that the figures can
be checked against it: every cell counts itself among its neighbours (self weight 1), the
variance is the population variance of the counts, and

    G*_i = sum_j w_ij y_j / sum_j y_j,    E[G*_i] = W_i / n,
    Var[G*_i] = W_i (n - W_i) / (n - 1) / n^2 * s^2 / ybar^2,

with W_i the number of cells in i's neighbourhood, itself included. The p-values here are
two-sided (esda's `p_norm` is one-sided).
"""

from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.special import ndtr

from amane.analytics.engine.hexgrid import Contiguity


@dataclass(frozen=True)
class GiStar:
    statistic: np.ndarray
    expected: np.ndarray
    variance: np.ndarray
    z: np.ndarray
    p: np.ndarray


def two_sided_p(z: np.ndarray) -> np.ndarray:
    """The two-sided p-value of a standard normal z-score."""
    return 2.0 * ndtr(-np.abs(z))


def gi_star(counts: np.ndarray, contiguity: Contiguity) -> GiStar:
    """
    Gi* for every cell of the lattice.

    Where the counts do not vary (all zero, or all equal) there is no pattern to find: z is 0
    and p is 1, where esda would divide by zero.
    """
    y = np.asarray(counts, dtype=np.float64)
    n = len(y)
    total = y.sum()
    cardinality = contiguity.neighbour_counts + 1.0
    statistic = (contiguity.neighbour_sums(y) + y) / total if total else np.zeros(n)
    expected = cardinality / n if n else np.zeros(0)
    mean = total / n if n else 0.0
    spread = (y * y).sum() / n - mean * mean if n else 0.0
    if n < 2 or mean == 0.0 or spread <= 0.0:
        zeros = np.zeros(n)
        return GiStar(statistic, expected, zeros, zeros, np.ones(n))
    variance = cardinality * (n - cardinality) / (n - 1) / n**2 * spread / mean**2
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(variance > 0, (statistic - expected) / np.sqrt(variance), 0.0)
    return GiStar(statistic, expected, variance, z, two_sided_p(z))


def permutation_p(
    counts: np.ndarray,
    contiguity: Contiguity,
    *,
    permutations: int = 999,
    seed: int | None = None,
    count_ties: bool = True,
) -> np.ndarray:
    """
    Pseudo p-values by conditional randomisation, esda's `p_sim` in distribution.

    Each cell keeps its own count and its neighbours are drawn, without replacement, from the
    other cells' counts; the p-value is (m + 1) / (permutations + 1), where m counts the draws
    at least as extreme as what was observed, folded to the nearer tail as esda does.

    Only the number of neighbours and the cell's own count shape that distribution, so the cells
    are grouped by the two and each group's draws are made once: the work grows with the number
    of groups, not with the lattice (esda draws per cell). Cells without neighbours get p = 1.

    With counts, a draw often equals what was observed. Such a tie counts as "at least as
    extreme", the rule esda states; esda itself compares floating-point quotients computed two
    ways, so that its ties fall below the observed value for some totals and above for others
    (docs/observatory.md). `count_ties=False` counts only draws strictly beyond the observed.
    """
    y = np.asarray(counts, dtype=np.float64)
    n = len(y)
    k = contiguity.neighbour_counts
    observed = contiguity.neighbour_sums(y)
    p = np.ones(n)
    if n < 3 or permutations < 1:
        return p
    rng = np.random.default_rng(seed)
    draws = _draws_without_replacement(rng, n - 1, int(k.max()), permutations)
    order = np.argsort(y, kind="stable")
    sorted_y = y[order]
    groups = np.unique(np.stack([k, y]), axis=1)
    for size, own in groups.T:
        size = int(size)
        if size == 0:
            continue
        members = np.flatnonzero((k == size) & (y == own))
        # The others' counts: the sorted counts with one copy of the cell's own removed.
        skip = int(np.searchsorted(sorted_y, own, side="right")) - 1
        chosen = draws[:, :size]
        simulated = np.sort(sorted_y[chosen + (chosen >= skip)].sum(axis=1))
        side: Literal["left", "right"] = "left" if count_ties else "right"
        larger = permutations - np.searchsorted(simulated, observed[members], side=side)
        larger = np.minimum(larger, permutations - larger)
        p[members] = (larger + 1.0) / (permutations + 1.0)
    return p


def _draws_without_replacement(rng: np.random.Generator, population: int, size: int, rows: int) -> np.ndarray:
    """`rows` draws of `size` distinct indices below `population` (uniform over such draws)."""
    if size == 0:
        return np.empty((rows, 0), dtype=np.int64)
    if size > population:
        raise ValueError("more neighbours than other cells")
    if population <= 4 * size or population <= 64:
        return np.argsort(rng.random((rows, population)), axis=1)[:, :size]
    out = rng.integers(0, population, size=(rows, size))
    while True:
        ordered = np.sort(out, axis=1)
        repeated = (ordered[:, 1:] == ordered[:, :-1]).any(axis=1)
        if not repeated.any():
            return out
        out[repeated] = rng.integers(0, population, size=(int(repeated.sum()), size))

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

    The draws are shared: rows of distinct positions among all the lattice's sorted counts,
    made once per number of neighbours. A cell's own count sits at one of those positions (the
    last copy of its value); a row that does not hold that position is a uniform draw from the
    others, so each cell takes the first `permutations` rows without its own position. Rows
    that hold it are rare (about k / n of them), so every cell's sums are the shared sums, sorted
    once, with a handful of rows swapped for spare ones (`_beyond`): the work grows with the
    lattice by one search per cell, where esda draws per cell. Cells without neighbours get p = 1.

    With counts, a draw often equals what was observed. Such a tie counts as "at least as
    extreme", the rule esda states; esda itself compares floating-point quotients computed two
    ways, so that its ties fall below the observed value for some totals and above for others
    (docs/observatory.md). `count_ties=False` counts only draws strictly beyond the observed.
    """
    y = np.asarray(counts, dtype=np.float64)
    n = len(y)
    k = contiguity.neighbour_counts
    p = np.ones(n)
    if n < 3 or permutations < 1:
        return p
    observed = contiguity.neighbour_sums(y)
    ordered = np.sort(y)
    own = np.searchsorted(ordered, y, side="right") - 1
    largest = int(k.max())
    rows = rows_needed(permutations, n, largest)
    draws = _draws_without_replacement(np.random.default_rng(seed), n, largest, rows)
    side: Literal["left", "right"] = "left" if count_ties else "right"
    for size in range(1, largest + 1):
        members = np.flatnonzero(k == size)
        if len(members):
            sums = ordered[draws[:, :size]].sum(axis=1)
            skips = _Skips.of(draws[:, :size], own[members], permutations)
            larger = _beyond(sums, skips, observed[members], permutations, side)
            larger = np.minimum(larger, permutations - larger)
            p[members] = (larger + 1.0) / (permutations + 1.0)
    return p


def rows_needed(permutations: int, n: int, size: int) -> int:
    """
    Rows to draw so that every cell finds `permutations` rows without its own position: a row
    holds a given position with probability size / n, so a cell skips about
    permutations * size / (n - size) of them; the spare rows cover that with a wide margin.
    """
    expected = permutations * size / max(n - size, 1)
    return permutations + int(expected + 8.0 * np.sqrt(expected + 1.0) + 16.0)


@dataclass(frozen=True)
class _Skips:
    """For the cells of one neighbour count: their own positions as lines, and each line's skipped rows."""

    line: np.ndarray  # each cell's line (its own position among those present)
    skipped: np.ndarray  # per line: how many of its first rows hold its position
    entry_line: np.ndarray  # the skipped rows, line by line
    entry_row: np.ndarray

    @classmethod
    def of(cls, chosen: np.ndarray, own: np.ndarray, permutations: int) -> "_Skips":
        positions, line = np.unique(own, return_inverse=True)
        hit_rows, hit_columns = np.nonzero(np.isin(chosen, positions))
        hit_line = np.searchsorted(positions, chosen[hit_rows, hit_columns])
        order = np.lexsort((hit_rows, hit_line))
        hit_line, hit_rows = hit_line[order], hit_rows[order]
        # A line takes its first P rows without its position, so it skips j of the first P + j.
        total = len(chosen)
        key = hit_line.astype(np.int64) * total + hit_rows
        start = np.arange(len(positions), dtype=np.int64) * total
        skipped = np.zeros(len(positions), dtype=np.int64)
        while True:
            found = np.searchsorted(key, start + permutations + skipped) - np.searchsorted(key, start)
            if np.array_equal(found, skipped):
                break
            skipped = found
        if (permutations + skipped > total).any():
            raise RuntimeError("too few spare rows of draws")  # rows_needed makes this vanishingly rare
        used = hit_rows < permutations + skipped[hit_line]
        return cls(line.ravel(), skipped, hit_line[used], hit_rows[used])


def _beyond(
    sums: np.ndarray, skips: _Skips, observed: np.ndarray, permutations: int, side: Literal["left", "right"]
) -> np.ndarray:
    """
    How many of each cell's rows have a sum at least (side "left") or strictly (side "right")
    above what it observed: those among the first P rows, plus the spare rows it takes in place
    of the skipped ones, minus the skipped ones.
    """
    first = np.sort(sums[:permutations])
    larger = permutations - np.searchsorted(first, observed, side=side)

    def beyond(values: np.ndarray, at: np.ndarray | slice) -> np.ndarray:
        return values >= observed[at] if side == "left" else values > observed[at]

    taken = skips.skipped[skips.line]
    for extra, value in enumerate(sums[permutations : permutations + int(skips.skipped.max(initial=0))]):
        larger += beyond(value, slice(None)) & (taken > extra)
    if len(skips.entry_row):
        per_line = np.bincount(skips.entry_line, minlength=len(skips.skipped))
        first_entry = np.cumsum(per_line) - per_line
        repeats = per_line[skips.line]
        cells = np.repeat(np.arange(len(observed)), repeats)
        within = np.arange(len(cells)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
        values = sums[skips.entry_row[first_entry[skips.line[cells]] + within]]
        larger -= np.bincount(cells, weights=beyond(values, cells), minlength=len(observed)).astype(np.int64)
    return larger


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

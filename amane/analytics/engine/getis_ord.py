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

# Elements of the largest temporary array in `permutation_p`: 256k doubles, 2 MB, reused
# chunk after chunk (fresh memory is slow to touch).
_BUDGET = 1 << 18
# Corrected sums (rows x distinct counts) held at once: 4M doubles, 32 MB.
_SUMS = 1 << 22
# Rows of corrected sums from which one search beats comparing each cell with each row.
_FEW_ROWS = 24
# Cells sharing a line of corrected sums beyond which sorting the line beats comparing each.
_CROWDED = 8


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

    Only the number of neighbours and the cell's own count shape that distribution, so the
    draws are made once per number of neighbours and shared by every cell that has it (esda
    draws per cell); `_beyond` says how the cell's own count enters. Cells without neighbours
    get p = 1.

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
    rng = np.random.default_rng(seed)
    draws = _draws_without_replacement(rng, n - 1, int(k.max()), permutations)
    values = _SortedValues.of(y)
    side: Literal["left", "right"] = "left" if count_ties else "right"
    for size in range(1, int(k.max()) + 1):
        members = np.flatnonzero(k == size)
        if len(members):
            larger = _beyond(values, draws[:, :size], y[members], observed[members], side)
            larger = np.minimum(larger, permutations - larger)
            p[members] = (larger + 1.0) / (permutations + 1.0)
    return p


@dataclass(frozen=True)
class _SortedValues:
    """The lattice's counts sorted, the steps between neighbours, and where each value ends."""

    ordered: np.ndarray
    steps: np.ndarray  # ordered[i + 1] - ordered[i]
    distinct: np.ndarray
    last: np.ndarray  # the position of each distinct value's last copy in `ordered`

    @classmethod
    def of(cls, y: np.ndarray) -> "_SortedValues":
        ordered = np.sort(y)
        steps = np.diff(ordered)
        last = np.append(np.flatnonzero(steps), len(ordered) - 1)
        return cls(ordered, steps, ordered[last], last)


def _beyond(
    values: _SortedValues, chosen: np.ndarray, own: np.ndarray, observed: np.ndarray, side: Literal["left", "right"]
) -> np.ndarray:
    """
    How many rows of `chosen` (draws of positions among the others) give each cell a sum of
    neighbours at least (side "left") or strictly (side "right") above what it observed.

    A cell's others are the sorted counts with one copy of its own removed: position c among
    them is position c + (c >= last) in the sorted counts, `last` being the position of the
    last copy of its own count. A row's sum is thus the sum over the shared positions plus a
    correction, the steps between consecutive sorted counts at the drawn positions from `last`
    on. Counts are integers with many ties, so steps are zero nearly everywhere: most rows
    need no correction for any cell, and are sorted once; the few others are corrected per
    distinct count (`_corrected_sums`), or per cell where those would be too many.
    """
    base = values.ordered[chosen].sum(axis=1)
    affected = (values.steps[chosen] != 0).any(axis=1)
    plain = np.sort(base[~affected])
    larger = len(plain) - np.searchsorted(plain, observed, side=side)
    rows = np.flatnonzero(affected)
    if not len(rows):
        return larger
    present, line = np.unique(np.searchsorted(values.distinct, own), return_inverse=True)
    if len(rows) * len(present) <= _SUMS:
        sums = _corrected_sums(values, present, chosen[rows], base[rows])
        return larger + _counted(sums, line, observed, side)
    for part in _chunks(len(own), len(rows) * chosen.shape[1]):
        drawn = chosen[rows][:, :, None]
        shift = (drawn >= values.last[present[line[part]]]) * values.steps[drawn]
        above = base[rows][:, None] + shift.sum(axis=1) - observed[part]
        larger[part] += (above >= 0 if side == "left" else above > 0).sum(axis=0)
    return larger


def _counted(sums: np.ndarray, line: np.ndarray, observed: np.ndarray, side: Literal["left", "right"]) -> np.ndarray:
    """
    How many of the sums on each cell's line are at least (or above) its observed sum. A line
    shared by many cells is sorted and searched; one held by a few cells (most of the counts
    of a lattice are held by one or two) is compared row by row, which costs less than its sort.
    """
    larger = np.zeros(len(line), dtype=np.int64)
    crowded = np.bincount(line, minlength=len(sums)) > _CROWDED
    searched_cells = np.flatnonzero(crowded[line])
    if len(searched_cells):
        renumbered = np.cumsum(crowded) - 1
        found = _searched(sums[crowded], renumbered[line[searched_cells]], observed[searched_cells], side)
        if found is None:
            searched_cells = np.empty(0, dtype=np.int64)
        else:
            larger[searched_cells] = found
    compared = np.setdiff1d(np.arange(len(line)), searched_cells, assume_unique=True)
    for part in _chunks(len(compared), sums.shape[1]):
        cells = compared[part]
        above = sums[line[cells]] - observed[cells, None]
        larger[cells] = (above >= 0 if side == "left" else above > 0).sum(axis=1)
    return larger


def _searched(
    sums: np.ndarray, rank: np.ndarray, observed: np.ndarray, side: Literal["left", "right"]
) -> np.ndarray | None:
    """
    How many of the sums for each cell's count (its line of `sums`) are at least (or above) its
    observed sum, by one search, where the sums are integers; None where they are not, or where
    the rows are few enough for a comparison with each to be quicker.

    Each line, sorted, is lifted into a band of its own (line times the span of the values):
    one sorted array then holds them all, and a cell's observed sum lifted into its line's
    band falls among that line's sums only. Integers stay exact in doubles.
    """
    lines, rows = sums.shape
    if rows < _FEW_ROWS or not _integral(sums) or not _integral(observed):
        return None
    low = min(float(sums.min()), float(observed.min()))
    span = max(float(sums.max()), float(observed.max())) - low + 1.0
    if span * lines >= 2.0**52:
        return None
    lifted = np.sort(sums, axis=1)
    lifted += np.arange(lines)[:, None] * span - low
    found = np.searchsorted(lifted.ravel(), observed - low + rank * span, side=side) - rank * rows
    return rows - found


def _integral(values: np.ndarray) -> bool:
    return bool((values == np.round(values)).all())


def _corrected_sums(values: _SortedValues, present: np.ndarray, chosen: np.ndarray, base: np.ndarray) -> np.ndarray:
    """
    The sum of each row (columns) for a cell of each present count (lines; `present` ranks
    the counts among the distinct ones).

    A drawn step at position c applies to the counts whose last copy is at c or before: it is
    added on the line of the largest present count among those, then lines are summed from
    the last one up. Lines are contiguous, so that sorting and searching them walks memory in
    order.
    """
    rows, size = chosen.shape
    steps = values.steps[chosen]
    hit = steps != 0
    line = np.searchsorted(present, np.searchsorted(values.last, chosen[hit]), side="right") - 1
    row = np.repeat(np.arange(rows), size)[hit.ravel()]
    kept = line >= 0
    # Built with the last line first, so that summing "from the last one up" runs forward and
    # in place: a fresh array of this size costs more to touch than the sums cost to add.
    flipped = np.zeros((len(present), rows))
    np.add.at(flipped, (len(present) - 1 - line[kept], row[kept]), steps[hit][kept])
    np.cumsum(flipped, axis=0, out=flipped)
    flipped += base
    return flipped[::-1]


def _chunks(total: int, per_item: int) -> list[slice]:
    """Slices of `total` items such that each slice times `per_item` stays within the budget."""
    step = max(1, _BUDGET // max(1, per_item))
    return [slice(start, start + step) for start in range(0, total, step)]


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

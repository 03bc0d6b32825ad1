"""
The Mann-Kendall trend test over many series at once: rows are cells, columns are months.

The test asks whether later values tend to exceed earlier ones, without assuming a linear
trend or normal noise. For a series x_1..x_n,

    S = sum_{i<j} sign(x_j - x_i),
    Var(S) = [n(n-1)(2n+5) - sum_g t_g(t_g-1)(2t_g+5)] / 18,

where t_g is the size of each group of tied values; z = (S - 1)/sqrt(Var S) for S > 0,
(S + 1)/sqrt(Var S) for S < 0 (the continuity correction) and 0 for S = 0, and p is two-sided
from the normal. The conventions are pymannkendall's `original_test`, so that the figures can
be checked against it. The loops run over lags (at most a few dozen months), never over cells.
"""

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr, ndtri

INCREASING, NO_TREND, DECREASING = 1, 0, -1
TREND_NAMES = {INCREASING: "increasing", NO_TREND: "no trend", DECREASING: "decreasing"}
# Cells per block: the lag loop then works on arrays that stay in the cache.
_BLOCK = 1 << 15


@dataclass(frozen=True)
class MannKendall:
    s: np.ndarray
    var_s: np.ndarray
    z: np.ndarray
    p: np.ndarray
    trend: np.ndarray  # INCREASING, NO_TREND or DECREASING at the test's alpha
    length: int  # months per series

    @property
    def tau(self) -> np.ndarray:
        """Kendall's tau as pymannkendall reports it: S over the number of pairs."""
        pairs = self.length * (self.length - 1) / 2
        return self.s / pairs if pairs else np.zeros_like(self.s)


def mann_kendall(series: np.ndarray, alpha: float = 0.05) -> MannKendall:
    """The test for every row of `series` (cells x months), without missing values."""
    x = _compact(np.atleast_2d(np.asarray(series)))
    rows, n = x.shape
    s = np.empty(rows)
    ties = np.empty(rows)
    for start in range(0, rows, _BLOCK):
        block = x[start : start + _BLOCK]
        s[start : start + _BLOCK] = _score(np.ascontiguousarray(block.T))
        ties[start : start + _BLOCK] = _tie_term(block)
    var_s = (n * (n - 1) * (2 * n + 5) - ties) / 18.0
    z = _z_score(s, var_s)
    p = 2.0 * ndtr(-np.abs(z))
    significant = np.abs(z) > ndtri(1.0 - alpha / 2.0)
    trend = np.where(significant, np.sign(z), NO_TREND).astype(np.int8)
    return MannKendall(s, var_s, z, p, trend, n)


def _compact(x: np.ndarray) -> np.ndarray:
    """Counts as 16-bit integers where they fit: only order matters, and comparisons run faster."""
    if np.issubdtype(x.dtype, np.integer) and x.size:
        low, high = int(x.min()), int(x.max())
        if np.iinfo(np.int16).min <= low and high <= np.iinfo(np.int16).max:
            return x.astype(np.int16)
        return x
    return x.astype(np.float64, copy=False)


def _score(months_by_cells: np.ndarray) -> np.ndarray:
    """S for each column of a (months x cells) block, one lag at a time."""
    n = months_by_cells.shape[0]
    s = np.zeros(months_by_cells.shape[1], dtype=np.int32)
    for lag in range(1, n):
        later, earlier = months_by_cells[lag:], months_by_cells[:-lag]
        signs = (later > earlier).view(np.int8) - (later < earlier).view(np.int8)
        s += signs.sum(axis=0, dtype=np.int32)
    return s.astype(np.float64)


def _tie_term(cells_by_months: np.ndarray) -> np.ndarray:
    """
    sum_g t_g(t_g-1)(2t_g+5) for each row.

    In a sorted row, the k-th member of a tied group adds f(k) - f(k-1) with
    f(t) = t(t-1)(2t+5); the additions telescope to f(t) over the group, so no group needs
    to be found explicitly: f(k) - f(k-1) = 6(k^2 - 1).
    """
    ordered = np.sort(cells_by_months, axis=1)
    repeats = np.ascontiguousarray((ordered[:, 1:] == ordered[:, :-1]).T)
    earlier_in_group = np.zeros(len(ordered), dtype=np.int32)  # k - 1
    total = np.zeros(len(ordered), dtype=np.int64)
    for repeat in repeats:
        earlier_in_group += 1
        earlier_in_group *= repeat
        total += earlier_in_group * (earlier_in_group + 2)  # k^2 - 1
    return 6.0 * total


def _z_score(s: np.ndarray, var_s: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        corrected = (s - np.sign(s)) / np.sqrt(var_s)
    return np.where(s == 0, 0.0, corrected)


def sen_slope(series: np.ndarray) -> np.ndarray:
    """
    Sen's slope of each row: the median of (x_j - x_i) / (j - i) over all pairs i < j.

    Memory grows with cells times pairs, so rows are taken in blocks.
    """
    x = np.atleast_2d(np.asarray(series, dtype=np.float64))
    rows, n = x.shape
    if n < 2:
        return np.full(rows, np.nan)
    first, second = np.triu_indices(n, k=1)
    span = (second - first).astype(np.float64)
    out = np.empty(rows)
    block = max(1, (1 << 22) // len(first))
    for start in range(0, rows, block):
        part = x[start : start + block]
        out[start : start + block] = np.median((part[:, second] - part[:, first]) / span, axis=1)
    return out

"""
How well a hotspot map predicts where the next period's reports fall: PAI and PEI*.

A predictor gives every cell of the study area a score; the map flags the highest-scoring
cells covering a share of the area (1 %, 5 %, 10 %), and the next period's reports then fall
in them or not. The cells are taken to have equal areas (H3 cells of one resolution over a
city or a region differ by well under 1 %), so that the area share is the share of cells.

- Predictive Accuracy Index (Chainey, Tompson and Uhlig 2008):
  PAI = hit rate / area share = (reports in the flagged cells / all reports) / (k / n),
  with k flagged cells out of n. 1 is no better than flagging cells at random.
- PEI* (after Hunt 2016): PAI over the best PAI any map could reach with the same k cells,
  that of the k cells with the most reports in the next period itself. It runs from 0 to 1
  and is 1 for a map that ranks the k busiest cells first, in any order.

Exact rules, so that two implementations give the same figures:

- k = max(1, round(share * n)) cells, Python's round (half to even), at most n; the area share
  reported and used is k / n, not the share asked for.
- Ties in the score: the cells scoring above the k-th highest score are flagged; the r
  remaining places go to the m cells scoring exactly that k-th score, each flagged with
  weight r / m. Hits are then the expected hits when the tie is broken uniformly at random,
  so that a predictor cannot gain or lose by the order in which cells happen to be stored
  (last month's counts tie in thousands of empty cells).
- The best map's hits are the sum of the k largest next-period counts, whatever the ties.
- With no report in the next period, PAI and PEI* are undefined (NaN).
"""

from dataclasses import dataclass

import numpy as np

AREA_SHARES = (0.01, 0.05, 0.10)


@dataclass(frozen=True)
class Accuracy:
    share: float  # the share of the area asked for
    cells: int  # k, the cells flagged
    area_share: float  # k / n
    hit_rate: float  # share of the next period's reports in the flagged cells
    pai: float
    pei_star: float


def flagged_cells(share: float, n: int) -> int:
    """How many of n cells make `share` of the area: round(share * n), at least 1, at most n."""
    if not 0.0 < share <= 1.0:
        raise ValueError("the area share lies in (0, 1]")
    return min(n, max(1, round(share * n)))


def flag_weights(score: np.ndarray, k: int) -> np.ndarray:
    """
    Each cell's weight in the top k by score: 1 above the k-th score, r / m among the m cells
    tied at it (r places left), 0 below. The weights add up to k.
    """
    s = np.asarray(score, dtype=np.float64)
    if np.isnan(s).any():
        raise ValueError("scores must not be NaN")
    weights = np.zeros(len(s))
    k = min(k, len(s))
    if k <= 0:
        return weights
    threshold = np.partition(s, len(s) - k)[len(s) - k]
    above = s > threshold
    tied = s == threshold
    weights[above] = 1.0
    weights[tied] = (k - int(above.sum())) / int(tied.sum())
    return weights


def best_hits(actual: np.ndarray, k: int) -> float:
    """The most reports any k cells hold: the sum of the k largest counts."""
    y = np.asarray(actual, dtype=np.float64)
    return float(np.partition(y, len(y) - k)[len(y) - k :].sum()) if k else 0.0


def accuracy(score: np.ndarray, actual: np.ndarray, share: float) -> Accuracy:
    """PAI and PEI* of a score per cell against the next period's counts per cell, at one area share."""
    s = np.asarray(score, dtype=np.float64)
    y = np.asarray(actual, dtype=np.float64)
    if s.shape != y.shape or s.ndim != 1 or len(s) == 0:
        raise ValueError("one score and one count per cell, for at least one cell")
    n = len(s)
    k = flagged_cells(share, n)
    area = k / n
    total = float(y.sum())
    if total <= 0.0:
        return Accuracy(share, k, area, float("nan"), float("nan"), float("nan"))
    hits = float(flag_weights(s, k) @ y)
    best = best_hits(y, k)
    hit_rate = hits / total
    return Accuracy(share, k, area, hit_rate, hit_rate / area, hits / best)


def accuracies(score: np.ndarray, actual: np.ndarray, shares: tuple[float, ...] = AREA_SHARES) -> tuple[Accuracy, ...]:
    """`accuracy` at each area share, 1 %, 5 % and 10 % by default."""
    return tuple(accuracy(score, actual, share) for share in shares)

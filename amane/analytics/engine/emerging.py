"""
Emerging hot spots: how each cell's hot or cold status has evolved over the months.

Each month, Gi* and the false discovery rate classes say which cells are significant hot or
cold spots. Each cell then has a history of statuses and a series of Gi* z-scores, whose
Mann-Kendall trend is the trend of the "intensity of clustering". The categories are those of
ArcGIS Pro's Emerging Hot Spot Analysis; `docs/observatory-emerging.md` states them as they are
implemented here, with the choices made where ArcGIS's definitions overlap:

- the final month decides the family: a cell significant in the final month is labelled by
  the side it is on then (hot or cold), whatever its past;
- among cells significant in the final month on the same side: at least 90 % of the months on
  that side gives intensifying, diminishing or persistent (by the trend of z); otherwise a
  past on the other side gives oscillating; otherwise earlier months on the same side, before
  the final uninterrupted run, give sporadic; otherwise the run is all there has been, and
  gives new (one month) or consecutive (two or more);
- a cell not significant in the final month but on one side for at least 90 % of the months
  is historical; every other cell is none.

Everything is computed for all cells at once: the loops run over months, never over cells.
"""

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.special import ndtri

from amane.analytics.engine.classes import CONFIDENCE_LEVELS
from amane.analytics.engine.getis_ord import two_sided_p
from amane.analytics.engine.hexgrid import Contiguity
from amane.analytics.engine.trend import DECREASING, INCREASING, MannKendall, mann_kendall

NONE, NEW, CONSECUTIVE, INTENSIFYING, PERSISTENT, DIMINISHING, SPORADIC, OSCILLATING, HISTORICAL = range(9)
_KINDS = {
    NEW: "new",
    CONSECUTIVE: "consecutive",
    INTENSIFYING: "intensifying",
    PERSISTENT: "persistent",
    DIMINISHING: "diminishing",
    SPORADIC: "sporadic",
    OSCILLATING: "oscillating",
    HISTORICAL: "historical",
}
# Codes: positive for hot spots, negative for cold spots, 0 for none.
CATEGORY_NAMES = {0: "none"} | {c: f"{k}-hot" for c, k in _KINDS.items()} | {-c: f"{k}-cold" for c, k in _KINDS.items()}


@dataclass(frozen=True)
class EmergingHotSpots:
    category: np.ndarray  # int8 per cell, names in CATEGORY_NAMES
    z: np.ndarray  # Gi* z-scores, cells x months
    classes: np.ndarray  # FDR classes (3..-3), cells x months
    intensity_trend: MannKendall  # of each cell's z-scores: the trend of the clustering
    count_trend: MannKendall  # of each cell's counts


def emerging_hot_spots(
    counts: np.ndarray, contiguity: Contiguity, *, alpha: float = 0.05, min_level: int = 1
) -> EmergingHotSpots:
    """
    Label every cell of a (cells x months) count matrix.

    A month's hot spot is a cell whose FDR class is at least `min_level` (1: 90 %, 2: 95 %,
    3: 99 %); the trends are significant at `alpha`.
    """
    counts = np.asarray(counts)
    z = monthly_gi_star_z(counts, contiguity)
    classes = monthly_fdr_classes(z)
    intensity = mann_kendall(z, alpha)
    category = categorise(classes, intensity.trend, min_level=min_level)
    return EmergingHotSpots(category, z, classes, intensity, mann_kendall(counts, alpha))


def monthly_gi_star_z(counts: np.ndarray, contiguity: Contiguity) -> np.ndarray:
    """
    `getis_ord.gi_star(counts[:, m], contiguity).z` for every month m at once.

    The neighbour sums of all months are one sparse product, a single pass over the pairs,
    where month by month they would be one pass per month. The formula is gi_star's, with the
    variance split into a factor per cell and one per month, so that the (cells x months)
    arrays are worked in place; the tests hold the two equal.
    """
    y = np.asarray(counts, dtype=np.float64)
    n, months = y.shape
    if n < 2:
        return np.zeros((n, months))
    links = sparse.csr_array((np.ones(len(contiguity.sources)), (contiguity.sources, contiguity.targets)), shape=(n, n))
    cardinality = contiguity.neighbour_counts + 1.0
    per_cell = cardinality * (n - cardinality) / (n - 1) / n**2
    total = y.sum(axis=0)
    mean = total / n
    spread = np.einsum("ij,ij->j", y, y) / n - mean * mean
    varying = (mean != 0.0) & (spread > 0.0)
    per_month = np.where(varying, spread, 1.0) / np.where(varying, mean, 1.0) ** 2
    with np.errstate(divide="ignore"):
        cell_scale = np.where(per_cell > 0, 1.0 / np.sqrt(per_cell), 0.0)
    z = links @ y
    z += y
    z *= np.where(varying, 1.0 / np.where(varying, total, 1.0), 0.0)
    z -= (cardinality / n)[:, None]
    z *= cell_scale[:, None]
    z *= np.where(varying, 1.0 / np.sqrt(per_month), 0.0)
    return z


def fdr_classes(z: np.ndarray) -> np.ndarray:
    """`classes.classify(z, two_sided_p(z))` for one month, found as in `monthly_fdr_classes`."""
    return monthly_fdr_classes(np.asarray(z, dtype=np.float64)[:, None])[:, 0]


def monthly_fdr_classes(z: np.ndarray) -> np.ndarray:
    """
    `classes.classify(z[:, m], two_sided_p(z[:, m]))` for every month m of a (cells x months)
    matrix of z-scores.

    The Benjamini-Hochberg bound at alpha is at most alpha, and a p-value's rank among all the
    month's p-values is its rank among those below alpha, so only those (a few per cent of the
    cells, usually) are sorted, once for the three levels, and only their p-values computed.
    """
    n, months = z.shape
    largest = max(alpha for alpha, _ in CONFIDENCE_LEVELS)
    # A little below the largest level's z, so that p, as in classify, decides at the edge.
    cells, month_of = np.nonzero(np.abs(z) > ndtri(1.0 - largest / 2.0) - 1e-6)
    candidates = z[cells, month_of]
    p = two_sided_p(candidates)
    kept = p < largest
    cells, month_of, p, candidates = cells[kept], month_of[kept], p[kept], candidates[kept]
    level = np.zeros(len(p), dtype=np.int8)
    order = np.lexsort((p, month_of))
    starts = np.searchsorted(month_of[order], np.arange(months + 1))
    for month in range(months):
        members = order[starts[month] : starts[month + 1]]
        level[members] = _levels(p[members], n)
    classes = np.zeros((n, months), dtype=np.int8)
    classes[cells, month_of] = np.where(candidates > 0, level, -level)
    return classes


def _levels(p_sorted: np.ndarray, n: int) -> np.ndarray:
    """Class levels (0..3) of a month's p-values below the largest alpha, given sorted."""
    ranks = np.arange(1, len(p_sorted) + 1)
    level = np.zeros(len(p_sorted), dtype=np.int8)
    for alpha, code in sorted(CONFIDENCE_LEVELS, reverse=True):
        bounds = ranks * alpha / n
        passing = np.flatnonzero(p_sorted < bounds)
        bound = float(bounds[passing[-1]]) if len(passing) else alpha / n
        level[p_sorted < bound] = code
    return level


def categorise(classes: np.ndarray, intensity_trend: np.ndarray, *, min_level: int = 1) -> np.ndarray:
    """
    The category of each cell from its monthly classes (cells x months, codes 3..-3) and the
    Mann-Kendall verdict on its z-scores (INCREASING, NO_TREND or DECREASING).
    """
    classes = np.atleast_2d(classes)
    hot = _side(classes >= min_level, classes <= -min_level, intensity_trend)
    cold = _side(classes <= -min_level, classes >= min_level, -np.asarray(intensity_trend))
    final_hot = classes[:, -1] >= min_level
    final_cold = classes[:, -1] <= -min_level
    category = np.where(final_hot, hot, np.where(final_cold, -cold, 0))
    idle = ~final_hot & ~final_cold
    category[idle & (hot == HISTORICAL)] = HISTORICAL
    category[idle & (cold == HISTORICAL)] = -HISTORICAL
    return category.astype(np.int8)


def _side(this: np.ndarray, other: np.ndarray, rising: np.ndarray) -> np.ndarray:
    """
    The category on one side (hot, or cold with roles swapped), as if the final month were
    significant on that side; HISTORICAL or NONE where it is not.

    `rising` is the trend of the intensity on this side: INCREASING means intensifying.
    """
    cells, months = this.shape
    times = this.sum(axis=1)
    mostly = 10 * times >= 9 * months  # at least 90 %, without rounding
    final_run = np.where(this.all(axis=1), months, np.argmin(this[:, ::-1], axis=1))
    quiet_now = ~this[:, -1]
    # Each assignment overrides the ones before it: they run from the weakest claim to the
    # strongest, the reverse of the order in which the docs' table reads.
    out = np.full(cells, NONE, dtype=np.int8)
    out[final_run == 1] = NEW
    out[final_run >= 2] = CONSECUTIVE
    out[times > final_run] = SPORADIC
    out[other.any(axis=1)] = OSCILLATING
    out[mostly] = PERSISTENT
    out[mostly & (rising == INCREASING)] = INTENSIFYING
    out[mostly & (rising == DECREASING)] = DIMINISHING
    out[quiet_now] = NONE
    out[quiet_now & mostly] = HISTORICAL
    return out


def category_names(codes: np.ndarray) -> list[str]:
    return [CATEGORY_NAMES[int(c)] for c in codes]

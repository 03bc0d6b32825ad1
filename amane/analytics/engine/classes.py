"""
Hot and cold spots at 90, 95 and 99 % under Benjamini-Hochberg false discovery rate control.

Testing thousands of cells at 5 % would find hundreds of "hotspots" by chance alone. The
Benjamini-Hochberg procedure keeps the expected share of false discoveries among the cells
called significant below alpha: sort the n p-values, find the largest rank k whose p-value is
below k * alpha / n, and call significant every cell whose p-value is below that bound. The
bound is esda's `fdr(p, alpha)`, which returns alpha / n when nothing passes.
"""

import numpy as np

CONFIDENCE_LEVELS = ((0.01, 3), (0.05, 2), (0.10, 1))
CLASS_NAMES = {3: "hot-99", 2: "hot-95", 1: "hot-90", 0: "none", -1: "cold-90", -2: "cold-95", -3: "cold-99"}


def fdr_bound(p: np.ndarray, alpha: float) -> float:
    """The p-value below which Benjamini-Hochberg at `alpha` rejects (esda's `fdr`)."""
    n = len(p)
    if n == 0:
        return 0.0
    ranked = np.sort(p)
    bounds = np.arange(1, n + 1) * alpha / n
    passing = np.flatnonzero(ranked < bounds)
    return float(bounds[passing[-1]]) if len(passing) else alpha / n


def classify(z: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Class codes from 3 (hot at 99 %) to -3 (cold at 99 %), 0 for none; names in CLASS_NAMES."""
    level = np.zeros(len(p), dtype=np.int8)
    for alpha, code in reversed(CONFIDENCE_LEVELS):
        level[p < fdr_bound(p, alpha)] = code
    return np.where(z > 0, level, -level).astype(np.int8)


def class_names(codes: np.ndarray) -> list[str]:
    return [CLASS_NAMES[int(c)] for c in codes]

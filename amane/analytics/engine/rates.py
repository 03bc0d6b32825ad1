"""
Rates per 1,000 inhabitants per commune, smoothed by global empirical Bayes (Marshall 1991).

A commune of 800 people with two reports has a raw rate of 2.5 per 1,000 and would top a
national ranking by chance; Casablanca's rate rests on thousands of reports and barely moves.
Marshall's global estimator shrinks each raw rate r_i = e_i / n_i towards the overall rate
b = sum(e) / sum(n), by a weight that grows with the commune's population:

    s2 = sum(n_i (r_i - b)^2) / sum(n)       (population-weighted variance of the rates)
    a  = s2 - b / mean(n)                    (the variance of the true rates, by moments)
    w_i = a / (a + b / n_i)
    smoothed_i = w_i r_i + (1 - w_i) b

Marshall sets a to 0 when the moment estimate is negative (the rates vary less than Poisson
noise alone would make them): every commune then gets the overall rate. esda's
`Empirical_Bayes` computes the same without that floor; both agree whenever a >= 0.
"""

from dataclasses import dataclass

import numpy as np

PER = 1000.0


@dataclass(frozen=True)
class SmoothedRates:
    raw: np.ndarray  # events per inhabitant
    smoothed: np.ndarray
    weight: np.ndarray  # how much of each raw rate survives the shrinking, 0 to 1
    overall: float  # b, the prior mean
    prior_variance: float  # a, floored at 0

    def per_thousand(self) -> tuple[np.ndarray, np.ndarray]:
        return self.raw * PER, self.smoothed * PER


def empirical_bayes(events: np.ndarray, population: np.ndarray) -> SmoothedRates:
    """Return raw and smoothed rates; every population must be positive."""
    e = np.asarray(events, dtype=np.float64)
    n = np.asarray(population, dtype=np.float64)
    if e.shape != n.shape:
        raise ValueError("events and population differ in length")
    if len(n) == 0:
        empty = np.empty(0)
        return SmoothedRates(empty, empty, empty, 0.0, 0.0)
    if np.any(n <= 0):
        raise ValueError("every population must be positive")
    raw = e / n
    overall = float(e.sum() / n.sum())
    variance = float(np.sum(n * (raw - overall) ** 2) / n.sum())
    prior_variance = max(variance - overall / float(n.mean()), 0.0)
    weight = _weights(prior_variance, overall, n)
    return SmoothedRates(raw, weight * raw + (1.0 - weight) * overall, weight, overall, prior_variance)


def _weights(prior_variance: float, overall: float, n: np.ndarray) -> np.ndarray:
    # a = 0: the rates vary no more than chance would make them; all take the overall rate.
    if prior_variance == 0.0:
        return np.zeros_like(n)
    return prior_variance / (prior_variance + overall / n)


def ranks(values: np.ndarray) -> np.ndarray:
    """Return 1 for the highest value, ties sharing the best rank ("competition" ranking)."""
    v = np.asarray(values, dtype=np.float64)
    order = np.sort(v)[::-1]
    return np.searchsorted(-order, -v, side="left") + 1

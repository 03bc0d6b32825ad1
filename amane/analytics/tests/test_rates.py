"""Empirical-Bayes rates equal Marshall's published formula and esda's smoother."""

import warnings

import numpy as np
import pytest

from amane.analytics.engine.rates import empirical_bayes, ranks


def marshall(e: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Marshall (1991), global estimator, written out term by term."""
    k = len(e)
    b = sum(e) / sum(n)
    s2 = sum(n[i] * (e[i] / n[i] - b) ** 2 for i in range(k)) / sum(n)
    a = max(s2 - b / (sum(n) / k), 0.0)
    out = []
    for i in range(k):
        c = a / (a + b / n[i]) if a > 0 else 0.0
        out.append(b + c * (e[i] / n[i] - b))
    return np.array(out)


def esda_smoothed(e: np.ndarray, n: np.ndarray) -> np.ndarray:
    from esda.smoothing import Empirical_Bayes

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.asarray(Empirical_Bayes(e, n).r).ravel()


def overdispersed(seed: int, k: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """Communes from 500 to 3 million people whose true rates differ (a > 0)."""
    rng = np.random.default_rng(seed)
    n = np.round(np.exp(rng.uniform(np.log(500), np.log(3e6), k)))
    true_rates = rng.gamma(2.0, 0.002, k)
    return rng.poisson(n * true_rates).astype(float), n


@pytest.mark.parametrize("seed", range(5))
def test_smoothed_rates_equal_the_published_formula_and_esda(seed: int) -> None:
    e, n = overdispersed(seed)
    result = empirical_bayes(e, n)
    assert result.prior_variance > 0
    np.testing.assert_allclose(result.smoothed, marshall(e, n), rtol=0, atol=1e-10)
    np.testing.assert_allclose(result.smoothed, esda_smoothed(e, n), rtol=0, atol=1e-10)
    np.testing.assert_allclose(result.raw, e / n, rtol=0, atol=1e-15)


def test_rates_that_vary_less_than_chance_all_take_the_overall_rate() -> None:
    n = np.random.default_rng(7).integers(1000, 5000, 200).astype(float)
    e = np.round(n * 0.001)  # as even as counts can be: less spread than Poisson noise alone
    result = empirical_bayes(e, n)
    assert result.prior_variance == 0
    np.testing.assert_allclose(result.smoothed, e.sum() / n.sum(), rtol=0, atol=1e-15)
    np.testing.assert_allclose(result.smoothed, marshall(e, n), rtol=0, atol=1e-10)


def test_a_small_commune_is_shrunk_more_than_a_large_one_with_the_same_raw_rate() -> None:
    e = np.array([2.0, 5000.0, 100.0, 40.0])
    n = np.array([800.0, 2_000_000.0, 300_000.0, 10_000.0])
    result = empirical_bayes(e, n)
    assert result.weight[0] < result.weight[1]
    assert abs(result.smoothed[0] - result.overall) < abs(result.raw[0] - result.overall)


def test_smoothed_rates_per_thousand_and_ranks() -> None:
    e, n = overdispersed(11, k=50)
    result = empirical_bayes(e, n)
    raw, smoothed = result.per_thousand()
    np.testing.assert_allclose(raw, 1000 * e / n)
    order = ranks(smoothed)
    assert order[np.argmax(smoothed)] == 1
    assert sorted(order) == list(range(1, 51))


def test_ties_share_the_best_rank() -> None:
    assert ranks(np.array([3.0, 5.0, 3.0, 1.0])).tolist() == [2, 1, 2, 4]


def test_a_commune_without_inhabitants_is_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        empirical_bayes(np.array([1.0, 2.0]), np.array([100.0, 0.0]))


def test_no_commune_gives_no_rate() -> None:
    assert len(empirical_bayes(np.empty(0), np.empty(0)).smoothed) == 0

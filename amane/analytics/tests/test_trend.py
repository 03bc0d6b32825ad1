"""Mann-Kendall over many series equals pymannkendall's `original_test`, series by series."""

import numpy as np
import pymannkendall
import pytest

from amane.analytics.engine.trend import DECREASING, INCREASING, NO_TREND, TREND_NAMES, mann_kendall, sen_slope


def _reference(series: np.ndarray, alpha: float = 0.05) -> dict[str, np.ndarray]:
    results = [pymannkendall.original_test(row, alpha) for row in series]
    return {
        "s": np.array([r.s for r in results], dtype=float),
        "var_s": np.array([r.var_s for r in results], dtype=float),
        "z": np.array([r.z for r in results], dtype=float),
        "p": np.array([r.p for r in results], dtype=float),
        "tau": np.array([r.Tau for r in results], dtype=float),
        "slope": np.array([r.slope for r in results], dtype=float),
        "trend": np.array([r.trend for r in results]),
    }


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("length", [4, 5, 7, 10, 12, 24, 36])
def test_equals_pymannkendall_on_series_with_ties(seed: int, length: int) -> None:
    rng = np.random.default_rng(seed * 100 + length)
    # Small integers tie often; a drift makes some series trend.
    drift = rng.normal(0, 0.3, size=(60, 1)) * np.arange(length)
    series = np.round(rng.integers(0, 4, size=(60, length)) + drift)
    ours, theirs = mann_kendall(series), _reference(series)
    for name in ("s", "var_s", "z", "p", "tau"):
        np.testing.assert_allclose(getattr(ours, name), theirs[name], rtol=1e-12, atol=1e-12, err_msg=name)
    assert [TREND_NAMES[int(t)] for t in ours.trend] == list(theirs["trend"])


def test_all_three_verdicts_occur_in_the_comparison() -> None:
    rng = np.random.default_rng(7)
    drift = rng.normal(0, 0.3, size=(60, 1)) * np.arange(24)
    series = np.round(rng.integers(0, 4, size=(60, 24)) + drift)
    assert set(mann_kendall(series).trend.tolist()) == {INCREASING, NO_TREND, DECREASING}


def test_alpha_decides_the_verdict_as_in_pymannkendall() -> None:
    rng = np.random.default_rng(3)
    series = np.round(rng.integers(0, 5, size=(200, 12)) + rng.normal(0, 0.2, (200, 1)) * np.arange(12))
    for alpha in (0.01, 0.1, 0.3):
        ours = [TREND_NAMES[int(t)] for t in mann_kendall(series, alpha).trend]
        assert ours == list(_reference(series, alpha)["trend"])


def test_continuous_series_without_ties() -> None:
    series = np.random.default_rng(1).normal(size=(40, 20))
    ours, theirs = mann_kendall(series), _reference(series)
    np.testing.assert_allclose(ours.var_s, 20 * 19 * 45 / 18)
    np.testing.assert_allclose(ours.z, theirs["z"], rtol=1e-12, atol=1e-12)


def test_a_constant_series_has_no_trend_and_no_variance() -> None:
    result = mann_kendall(np.full((1, 10), 3.0))
    assert result.s[0] == 0
    assert result.var_s[0] == 0
    assert result.z[0] == 0
    assert result.p[0] == 1
    assert result.trend[0] == NO_TREND


def test_a_rising_series_is_increasing_and_a_falling_one_decreasing() -> None:
    rising = np.arange(12.0)
    result = mann_kendall(np.vstack([rising, rising[::-1]]))
    assert result.s.tolist() == [66, -66]
    assert result.trend.tolist() == [INCREASING, DECREASING]


def test_the_tie_correction_counts_each_group() -> None:
    # Groups of sizes 3, 2 and 1: t(t-1)(2t+5) sums to 66 + 18 + 0.
    series = np.array([[1, 1, 1, 2, 2, 3]], dtype=float)
    n = 6
    assert mann_kendall(series).var_s[0] == pytest.approx((n * (n - 1) * (2 * n + 5) - 84) / 18)


def test_many_cells_give_the_same_answer_as_one_at_a_time() -> None:
    rng = np.random.default_rng(11)
    series = rng.poisson(2.0, size=(70_000, 9)).astype(float)
    together = mann_kendall(series)
    for row in (0, 32_767, 32_768, 69_999):
        alone = mann_kendall(series[row : row + 1])
        assert together.s[row] == alone.s[0]
        assert together.var_s[row] == alone.var_s[0]


@pytest.mark.parametrize("length", [2, 5, 13, 24])
def test_sen_slope_equals_pymannkendall(length: int) -> None:
    series = np.random.default_rng(length).integers(0, 6, size=(30, length)).astype(float)
    np.testing.assert_allclose(sen_slope(series), _reference(series)["slope"], rtol=1e-12, atol=1e-12)


def test_sen_slope_of_a_line_is_its_slope() -> None:
    assert sen_slope(2.5 * np.arange(10.0) + 1)[0] == pytest.approx(2.5)


def test_integer_counts_give_the_same_test_as_their_floats() -> None:
    counts = np.random.default_rng(12).poisson(3.0, size=(500, 15))
    as_ints, as_floats = mann_kendall(counts), mann_kendall(counts.astype(float))
    assert (as_ints.s == as_floats.s).all()
    assert (as_ints.var_s == as_floats.var_s).all()
    large = counts * 40_000  # beyond 16 bits: compared as they are
    assert (mann_kendall(large).s == as_floats.s).all()

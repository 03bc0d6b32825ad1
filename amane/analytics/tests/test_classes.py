"""Hot and cold classes: Benjamini-Hochberg bounds equal esda's fdr."""

import numpy as np
import pytest

from amane.analytics.engine import classes


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.10])
def test_the_bound_equals_esdas(seed: int, alpha: float) -> None:
    import esda

    rng = np.random.default_rng(seed)
    p = np.concatenate([rng.uniform(0, 1, 400), rng.uniform(0, 0.002, rng.integers(0, 40))])
    # Ties, as counts produce them.
    p = np.round(p, 4)
    assert classes.fdr_bound(p, alpha) == pytest.approx(esda.fdr(p, alpha), rel=1e-15)


def test_when_nothing_passes_the_bound_is_bonferronis() -> None:
    p = np.full(50, 0.5)
    assert classes.fdr_bound(p, 0.05) == pytest.approx(0.05 / 50)


def test_classes_follow_the_sign_and_the_strictest_level_passed() -> None:
    z = np.array([5.0, 3.0, 2.0, -5.0, 0.3, -0.2])
    p = np.array([1e-7, 0.003, 0.03, 1e-7, 0.7, 0.8])
    codes = classes.classify(z, p)
    assert classes.class_names(codes)[0] == "hot-99"
    assert classes.class_names(codes)[3] == "cold-99"
    assert classes.class_names(codes)[4:] == ["none", "none"]
    # The weaker ones pass only at the levels whose bound they are under.
    for position in (1, 2):
        level = int(abs(codes[position]))
        expected = max(
            (code for alpha, code in classes.CONFIDENCE_LEVELS if p[position] < classes.fdr_bound(p, alpha)), default=0
        )
        assert level == expected


def test_many_tests_raise_the_bar() -> None:
    # A single p of 0.004 is hot at 99 % alone, and not among a thousand unremarkable cells.
    assert classes.classify(np.array([3.0]), np.array([0.004]))[0] == 3
    p = np.concatenate([[0.004], np.linspace(0.2, 1, 999)])
    assert classes.classify(np.full(1000, 1.0), p)[0] == 0

"""
PAI and PEI* follow their written definitions: small cases worked by hand, and on random data
the average over every way of breaking the ties, enumerated.
"""

import itertools
import math

import numpy as np
import pytest

from amane.analytics.engine.prediction import accuracies, accuracy, flag_weights, flagged_cells


def brute_force_hits(score: np.ndarray, actual: np.ndarray, k: int) -> float:
    """The hits of the top k cells, averaged over every order of the cells that the scores allow."""
    total, orders = 0.0, 0
    for order in itertools.permutations(range(len(score))):
        # Sorting by score, ties in the order of this permutation: each tie-break once per permutation.
        ranked = sorted(order, key=lambda cell: -score[cell])
        total += sum(actual[cell] for cell in ranked[:k])
        orders += 1
    return total / orders


def test_a_hand_worked_case_without_ties() -> None:
    # 10 cells, 20 reports next month; 10 % of the area is the top cell, which holds 6 of them.
    score = np.array([9.0, 1, 2, 3, 4, 5, 6, 7, 8, 0])
    actual = np.array([6.0, 0, 1, 0, 2, 0, 3, 0, 8, 0])
    result = accuracy(score, actual, 0.10)
    assert result.cells == 1
    assert result.area_share == pytest.approx(0.1)
    assert result.hit_rate == pytest.approx(6 / 20)
    assert result.pai == pytest.approx((6 / 20) / 0.1)
    # The best single cell holds 8.
    assert result.pei_star == pytest.approx(6 / 8)


def test_tied_cells_share_the_places_left() -> None:
    # Top 2 of 5: cell 0 is above, cells 1, 2 and 3 tie for the last place: each counts 1/3.
    score = np.array([5.0, 2, 2, 2, 1])
    actual = np.array([1.0, 3, 0, 6, 10])
    weights = flag_weights(score, 2)
    assert weights.tolist() == pytest.approx([1, 1 / 3, 1 / 3, 1 / 3, 0])
    result = accuracy(score, actual, 0.4)
    assert result.hit_rate == pytest.approx((1 + 3 / 3 + 0 + 6 / 3) / 20)
    assert result.pei_star == pytest.approx(4 / 16)


def test_a_map_that_ranks_the_busiest_cells_first_has_pei_star_one() -> None:
    actual = np.array([0.0, 5, 1, 7, 0, 2, 2, 0, 0, 9])
    for share in (0.1, 0.2, 0.5):
        assert accuracy(actual * 3 + 1, actual, share).pei_star == pytest.approx(1.0)


def test_a_flat_score_is_as_good_as_chance() -> None:
    actual = np.random.default_rng(0).poisson(2.0, 200).astype(float)
    for result in accuracies(np.zeros(200), actual):
        assert result.pai == pytest.approx(1.0)


def test_the_number_of_cells_is_the_rounded_share_at_least_one() -> None:
    assert flagged_cells(0.01, 50) == 1
    assert flagged_cells(0.01, 250) == 2  # 2.5 rounds half to even
    assert flagged_cells(0.05, 1000) == 50
    assert flagged_cells(1.0, 7) == 7
    with pytest.raises(ValueError, match="area share"):
        flagged_cells(0.0, 10)


def test_no_report_next_period_leaves_the_indices_undefined() -> None:
    result = accuracy(np.arange(10.0), np.zeros(10), 0.1)
    assert math.isnan(result.pai) and math.isnan(result.pei_star)


@pytest.mark.parametrize("seed", range(12))
def test_random_cases_equal_the_average_over_every_tie_break(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 8))
    score = rng.integers(0, 3, n).astype(float)  # few distinct values: many ties
    actual = rng.integers(0, 4, n).astype(float)
    actual[0] += 1  # at least one report
    share = float(rng.choice([0.2, 0.34, 0.5, 0.75]))
    result = accuracy(score, actual, share)
    k = result.cells
    hits = brute_force_hits(score, actual, k)
    best = max(sum(actual[list(cells)]) for cells in itertools.combinations(range(n), k))
    assert result.hit_rate == pytest.approx(hits / actual.sum())
    assert result.pai == pytest.approx(hits / actual.sum() / (k / n))
    assert result.pei_star == pytest.approx(hits / best)
    assert 0.0 <= result.pei_star <= 1.0 + 1e-12

"""
Emerging hot spots: each category read off a small hand-built history, the vectorised labels
against a cell-by-cell reading of the definitions, and Gi* and the FDR classes of every month
against `getis_ord.gi_star` and `classes.classify`.

A history is written one character per month: H a significant hot spot, C a cold spot, . neither.
"""

import numpy as np
import pytest

from amane.analytics.engine.classes import classify
from amane.analytics.engine.emerging import (
    CATEGORY_NAMES,
    categorise,
    category_names,
    emerging_hot_spots,
    fdr_classes,
    monthly_fdr_classes,
    monthly_gi_star_z,
)
from amane.analytics.engine.getis_ord import gi_star, two_sided_p
from amane.analytics.engine.hexgrid import Contiguity, box_cells
from amane.analytics.engine.trend import DECREASING, INCREASING, NO_TREND, mann_kendall

_CODES = {"H": 2, "C": -2, ".": 0}


def label(history: str, trend: int = NO_TREND) -> str:
    classes = np.array([[_CODES[month] for month in history]], dtype=np.int8)
    return category_names(categorise(classes, np.array([trend], dtype=np.int8)))[0]


def test_a_cell_hot_only_in_the_last_month_is_a_new_hot_spot() -> None:
    assert label(".........H") == "new-hot"


def test_a_cell_cold_only_in_the_last_month_is_a_new_cold_spot() -> None:
    assert label(".........C") == "new-cold"


def test_an_uninterrupted_final_run_with_nothing_before_is_consecutive() -> None:
    assert label(".......HHH") == "consecutive-hot"
    assert label("........CC") == "consecutive-cold"


def test_a_final_run_of_eighty_percent_is_still_consecutive() -> None:
    assert label("..HHHHHHHH") == "consecutive-hot"


def test_hot_ninety_percent_of_months_with_a_rising_intensity_is_intensifying() -> None:
    assert label(".HHHHHHHHH", INCREASING) == "intensifying-hot"


def test_hot_ninety_percent_of_months_with_a_falling_intensity_is_diminishing() -> None:
    assert label("HHHHHHHHHH", DECREASING) == "diminishing-hot"


def test_hot_ninety_percent_of_months_without_a_trend_is_persistent() -> None:
    assert label("HHHH.HHHHH", NO_TREND) == "persistent-hot"


def test_cold_spots_intensify_as_their_z_scores_fall() -> None:
    assert label("CCCCCCCCCC", DECREASING) == "intensifying-cold"
    assert label("CCCCCCCCCC", INCREASING) == "diminishing-cold"
    assert label("CCCCCCCCCC", NO_TREND) == "persistent-cold"


def test_the_ninety_percent_threshold_counts_months_without_rounding() -> None:
    # 22 of 24 months is 91.7 %, 21 of 24 is 87.5 %.
    assert label(".." + "H" * 22) == "persistent-hot"
    assert label("H." + "H" * 21 + ".") == "historical-hot"
    assert label("..." + "H" * 21) == "consecutive-hot"
    assert label("H.." + "H" * 20 + ".") == "none"


def test_on_again_off_again_without_a_cold_past_is_sporadic() -> None:
    assert label("H..H...H.H") == "sporadic-hot"
    assert label("HH.....HHH") == "sporadic-hot"
    assert label(".C...C...C") == "sporadic-cold"


def test_a_hot_final_month_after_a_cold_past_is_oscillating() -> None:
    assert label("C...H.H..H") == "oscillating-hot"
    assert label("H.H...H..C") == "oscillating-cold"


def test_a_cold_past_outranks_new_and_consecutive() -> None:
    assert label("C........H") == "oscillating-hot"
    assert label("..C....HHH") == "oscillating-hot"


def test_hot_ninety_percent_of_months_but_not_the_last_is_historical() -> None:
    assert label("HHHHHHHHH.") == "historical-hot"
    assert label("CCCCCCCCC.", DECREASING) == "historical-cold"


def test_the_final_month_outranks_a_hot_history() -> None:
    # 90 % hot, then cold: the cell is labelled by what it is now.
    assert label("HHHHHHHHHC") == "oscillating-cold"


def test_a_cell_not_significant_in_the_last_month_and_rarely_before_is_none() -> None:
    assert label("HHH.......") == "none"
    assert label("..........") == "none"
    assert label("HHHHHHHH..", INCREASING) == "none"


def test_the_trend_only_matters_for_cells_hot_most_of_the_time() -> None:
    assert label("........HH", INCREASING) == "consecutive-hot"
    assert label(".........H", DECREASING) == "new-hot"


def test_min_level_decides_which_classes_count_as_significant() -> None:
    classes = np.array([[0, 0, 0, 0, 0, 0, 0, 0, 0, 1]], dtype=np.int8)
    trend = np.array([NO_TREND], dtype=np.int8)
    assert category_names(categorise(classes, trend, min_level=1)) == ["new-hot"]
    assert category_names(categorise(classes, trend, min_level=2)) == ["none"]


def by_definition(history: str, trend: int) -> str:
    """The definitions, one cell at a time, as docs/observatory-emerging.md states them."""
    months = len(history)
    if history[-1] == ".":
        for side, name in (("H", "hot"), ("C", "cold")):
            if history.count(side) >= 0.9 * months - 1e-9:
                return f"historical-{name}"
        return "none"
    side, other, name = ("H", "C", "hot") if history[-1] == "H" else ("C", "H", "cold")
    rising = trend if side == "H" else -trend
    if history.count(side) >= 0.9 * months - 1e-9:
        kind = {INCREASING: "intensifying", DECREASING: "diminishing"}.get(rising, "persistent")
        return f"{kind}-{name}"
    if other in history:
        return f"oscillating-{name}"
    run = months - len(history.rstrip(side))
    if side in history[:-run]:
        return f"sporadic-{name}"
    return f"{'new' if run == 1 else 'consecutive'}-{name}"


@pytest.mark.parametrize("months", [10, 13, 24])
def test_every_cell_labelled_as_the_definitions_read(months: int) -> None:
    rng = np.random.default_rng(months)
    cells = 20_000
    # Cells that lean hot, lean cold or neither, so that every category turns up.
    lean = rng.choice([0.0, 0.8, 0.97], size=(cells, 1))
    draw = rng.random((cells, months))
    side = np.where(rng.random((cells, 1)) < 0.5, "H", "C")
    other = np.where(side == "H", "C", "H")
    grid = np.where(draw < lean, side, np.where(draw > 0.97, other, "."))
    histories = ["".join(row) for row in grid]
    trends = rng.choice([INCREASING, NO_TREND, DECREASING], size=cells).astype(np.int8)
    classes = np.vectorize(_CODES.get, otypes=[np.int8])(grid)
    ours = category_names(categorise(classes, trends))
    assert ours == [by_definition(h, int(t)) for h, t in zip(histories, trends, strict=True)]
    assert set(ours) == set(CATEGORY_NAMES.values())


@pytest.fixture(scope="module")
def lattice() -> tuple[np.ndarray, Contiguity]:
    cells = box_cells(-7.70, 33.52, -7.56, 33.62, 8)
    return cells, Contiguity.k_ring(cells, 1)


def _months(lattice: tuple[np.ndarray, Contiguity], months: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.poisson(1.0, size=(len(lattice[0]), months)).astype(float)


def test_monthly_gi_star_equals_gi_star_month_by_month(lattice: tuple[np.ndarray, Contiguity]) -> None:
    counts = _months(lattice, 12, 1)
    counts[:, 3] = 0.0  # a month without reports
    counts[:, 4] = 2.0  # a month where every cell has the same count
    z = monthly_gi_star_z(counts, lattice[1])
    for month in range(counts.shape[1]):
        np.testing.assert_allclose(z[:, month], gi_star(counts[:, month], lattice[1]).z, rtol=1e-12, atol=1e-12)


def test_monthly_fdr_classes_equal_classify_month_by_month(lattice: tuple[np.ndarray, Contiguity]) -> None:
    counts = _months(lattice, 8, 2)
    # Hot spots in some months and cold ones in others, so that every level is used.
    counts[:40, ::2] += 6
    counts[:, 1::2] += 3
    counts[-60:, 1::2] = 0
    z = monthly_gi_star_z(counts, lattice[1])
    classes = monthly_fdr_classes(z)
    for month in range(counts.shape[1]):
        gi = gi_star(counts[:, month], lattice[1])
        expected = classify(gi.z, gi.p)
        assert (classes[:, month] == expected).all()
        assert (fdr_classes(gi.z) == expected).all()
    assert set(np.unique(classes)) == {-3, -2, -1, 0, 1, 2, 3}


def test_fdr_classes_of_uniform_p_values_at_the_edges() -> None:
    rng = np.random.default_rng(5)
    z = np.concatenate([rng.normal(size=5000), [1.6448536269514722, -1.959963984540054, 5.0, -5.0]])
    assert (fdr_classes(z) == classify(z, two_sided_p(z))).all()


def test_a_cluster_that_appears_in_the_last_month_is_a_new_hot_spot(
    lattice: tuple[np.ndarray, Contiguity],
) -> None:
    cells, contiguity = lattice
    counts = _months(lattice, 12, 3)
    centre = len(cells) // 2
    cluster = np.append(contiguity.targets[contiguity.sources == centre], centre)
    counts[cluster, -1] += 12
    result = emerging_hot_spots(counts, contiguity)
    assert CATEGORY_NAMES[int(result.category[centre])] == "new-hot"


def test_a_cluster_that_grows_every_month_is_an_intensifying_hot_spot(
    lattice: tuple[np.ndarray, Contiguity],
) -> None:
    cells, contiguity = lattice
    counts = _months(lattice, 12, 4)
    centre = len(cells) // 3
    cluster = np.append(contiguity.targets[contiguity.sources == centre], centre)
    counts[cluster] += 8 + 2 * np.arange(12)
    result = emerging_hot_spots(counts, contiguity)
    assert CATEGORY_NAMES[int(result.category[centre])] == "intensifying-hot"
    assert result.count_trend.trend[centre] == INCREASING


def test_a_quarter_that_empties_in_the_last_months_is_a_consecutive_cold_spot(
    lattice: tuple[np.ndarray, Contiguity],
) -> None:
    cells, contiguity = lattice
    counts = np.random.default_rng(5).poisson(4.0, size=(len(cells), 12)).astype(float)
    centre = len(cells) // 4
    ring = np.append(contiguity.targets[contiguity.sources == centre], centre)
    quarter = np.unique(np.append(contiguity.targets[np.isin(contiguity.sources, ring)], ring))
    counts[quarter, -3:] = 0.0
    result = emerging_hot_spots(counts, contiguity)
    assert CATEGORY_NAMES[int(result.category[centre])] == "consecutive-cold"


def test_the_trends_are_mann_kendall_of_z_and_of_counts(lattice: tuple[np.ndarray, Contiguity]) -> None:
    counts = _months(lattice, 10, 6)
    result = emerging_hot_spots(counts, lattice[1])
    assert (result.count_trend.s == mann_kendall(counts).s).all()
    assert (result.intensity_trend.s == mann_kendall(result.z).s).all()
    assert result.category.shape == (len(lattice[0]),)

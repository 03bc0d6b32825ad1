"""Gi* equals esda's G_Local(transform="B", star=True) on the same binary weights."""

import numpy as np
import pytest

from amane.analytics.engine import getis_ord, hexgrid
from amane.analytics.tests import references

CASABLANCA = (-7.70, 33.50, -7.50, 33.64)


def clustered_counts(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    counts = rng.poisson(1.5, n).astype(float)
    hot = rng.choice(n, size=max(1, n // 40), replace=False)
    counts[hot] += rng.poisson(12, len(hot))
    return counts


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("k", [1, 2])
def test_z_scores_equal_esdas_on_synthetic_counts(seed: int, k: int) -> None:
    cells = hexgrid.box_cells(*CASABLANCA, 8)
    y = clustered_counts(len(cells), seed)
    ours = getis_ord.gi_star(y, hexgrid.Contiguity.k_ring(cells, k))
    theirs = references.esda_g_local(y, references.esda_weights(cells.tolist(), k))
    np.testing.assert_allclose(ours.z, theirs.Zs, rtol=0, atol=1e-9)
    np.testing.assert_allclose(ours.statistic, theirs.Gs, rtol=0, atol=1e-12)
    np.testing.assert_allclose(ours.expected, theirs.EGs, rtol=0, atol=1e-12)


def test_z_scores_equal_esdas_on_cardiffs_juvenile_offenders() -> None:
    lat, lon = references.juvenile_offenders()
    box = (float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max()))
    occupied, counts = hexgrid.count_by_cell(hexgrid.cells_of_points(lat, lon, 8))
    cells = hexgrid.lattice_cells(hexgrid.box_cells(*box, 8), occupied)
    y = np.zeros(len(cells))
    y[np.searchsorted(cells, occupied)] = counts
    assert y.sum() == 168 and len(cells) > 100
    ours = getis_ord.gi_star(y, hexgrid.Contiguity.k_ring(cells))
    theirs = references.esda_g_local(y, references.esda_weights(cells.tolist()))
    np.testing.assert_allclose(ours.z, theirs.Zs, rtol=0, atol=1e-9)


def test_p_values_are_two_sided() -> None:
    cells = hexgrid.box_cells(*CASABLANCA, 8)
    y = clustered_counts(len(cells), 4)
    ours = getis_ord.gi_star(y, hexgrid.Contiguity.k_ring(cells))
    theirs = references.esda_g_local(y, references.esda_weights(cells.tolist()))
    np.testing.assert_allclose(ours.p, 2 * theirs.p_norm, rtol=1e-12, atol=1e-15)


def test_counts_without_variation_show_no_pattern() -> None:
    cells = hexgrid.box_cells(*CASABLANCA, 8)
    contiguity = hexgrid.Contiguity.k_ring(cells)
    for y in (np.zeros(len(cells)), np.full(len(cells), 3.0)):
        result = getis_ord.gi_star(y, contiguity)
        assert not result.z.any() and (result.p == 1).all()


def test_permutation_p_values_agree_with_esdas_within_monte_carlo_error() -> None:
    # Values without ties (weighted counts): esda's floating-point ties are out of play.
    cells = hexgrid.box_cells(*CASABLANCA, 8)
    y = clustered_counts(len(cells), 5) * np.random.default_rng(5).uniform(0.5, 1.5, len(cells))
    contiguity = hexgrid.Contiguity.k_ring(cells)
    permutations = 2999
    ours = getis_ord.permutation_p(y, contiguity, permutations=permutations, seed=11)
    theirs = references.esda_g_local(y, references.esda_weights(cells.tolist()), permutations, seed=12).p_sim
    # Two independent estimates of the same probability: their difference has a standard
    # error of sqrt(2 p (1 - p) / permutations); the folding and the +1 add 1 / (permutations + 1).
    p = np.clip((ours + theirs) / 2, 1 / permutations, 0.5)
    bound = 5 * np.sqrt(2 * p * (1 - p) / permutations) + 2 / (permutations + 1)
    assert (np.abs(ours - theirs) <= bound).all()
    assert abs(np.mean(ours - theirs)) < 0.005


def test_a_draw_equal_to_the_observed_counts_as_extreme_unless_told_otherwise() -> None:
    cells = hexgrid.box_cells(*CASABLANCA, 8)
    y = clustered_counts(len(cells), 6)
    contiguity = hexgrid.Contiguity.k_ring(cells)
    with_ties = getis_ord.permutation_p(y, contiguity, permutations=999, seed=3)
    without = getis_ord.permutation_p(y, contiguity, permutations=999, seed=3)
    strict = getis_ord.permutation_p(y, contiguity, permutations=999, seed=3, count_ties=False)
    assert (with_ties == without).all()  # the seed makes it repeatable
    # Above the middle of the null, fewer draws are strictly beyond than at least as far.
    observed, expected = contiguity.neighbour_sums(y), contiguity.neighbour_counts * y.mean()
    high = observed > 2 * expected
    assert (strict[high] <= with_ties[high]).all() and (strict[high] < with_ties[high]).any()


def test_a_cluster_is_rarer_than_chance_under_permutations() -> None:
    cells = hexgrid.box_cells(*CASABLANCA, 8)
    y = np.random.default_rng(2).poisson(2, len(cells)).astype(float)
    centre = len(cells) // 2
    contiguity = hexgrid.Contiguity.k_ring(cells)
    y[centre] = 40
    y[contiguity.targets[contiguity.sources == centre]] = 25
    p = getis_ord.permutation_p(y, contiguity, permutations=999, seed=1)
    assert p[centre] == pytest.approx(1 / 1000)
    assert np.median(p) > 0.05


def permutation_p_cell_by_cell(
    y: np.ndarray, contiguity: hexgrid.Contiguity, draws: np.ndarray, permutations: int, side: str
) -> np.ndarray:
    """
    The rule stated plainly: each cell takes, from the shared rows of positions among the sorted
    counts, the first `permutations` rows that leave out its own position (the last copy of its
    value), and compares their sums with what it observed.
    """
    p = np.ones(len(y))
    observed, sizes = contiguity.neighbour_sums(y), contiguity.neighbour_counts
    ordered = np.sort(y)
    for cell in np.flatnonzero(sizes):
        own = np.searchsorted(ordered, y[cell], side="right") - 1
        rows = draws[:, : sizes[cell]]
        simulated = ordered[rows[~(rows == own).any(axis=1)][:permutations]].sum(axis=1)
        assert len(simulated) == permutations
        beyond = int((simulated >= observed[cell]).sum() if side == "left" else (simulated > observed[cell]).sum())
        p[cell] = (min(beyond, permutations - beyond) + 1) / (permutations + 1)
    return p


@pytest.mark.parametrize("box", [CASABLANCA, (-7.62, 33.58, -7.60, 33.60)], ids=["city", "six cells"])
@pytest.mark.parametrize("values", ["counts", "weighted counts"])
@pytest.mark.parametrize("k", [1, 2])
def test_shared_draws_give_each_cell_the_p_value_of_its_own_draws(
    box: tuple[float, float, float, float], values: str, k: int
) -> None:
    # Sorting the shared sums once and swapping, cell by cell, the few rows that hold its own
    # position for spare ones must equal taking each cell's rows one by one, for the very same
    # draws; on a tiny lattice most rows hold a given position and many spares are taken.
    cells = hexgrid.box_cells(*box, 8)
    rng = np.random.default_rng(k)
    y = clustered_counts(len(cells), k)
    if values == "weighted counts":
        y *= rng.uniform(0.5, 1.5, len(cells))
    contiguity = hexgrid.Contiguity.k_ring(cells, k)
    largest = int(contiguity.neighbour_counts.max())
    rows = getis_ord.rows_needed(499, len(cells), largest)
    draws = getis_ord._draws_without_replacement(np.random.default_rng(9), len(cells), largest, rows)
    for ties, side in ((True, "left"), (False, "right")):
        ours = getis_ord.permutation_p(y, contiguity, permutations=499, seed=9, count_ties=ties)
        assert ours.tolist() == permutation_p_cell_by_cell(y, contiguity, draws, 499, side).tolist()


def test_draws_are_distinct_within_each_permutation() -> None:
    rng = np.random.default_rng(0)
    for population, size in ((10, 6), (1000, 6), (100, 18)):
        draws = getis_ord._draws_without_replacement(rng, population, size, 500)
        assert draws.shape == (500, size) and draws.max() < population
        assert all(len(set(row)) == size for row in draws.tolist())

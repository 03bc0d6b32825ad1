"""Reports near sensitive places: great-circle counts, Poisson tails and BH, against references."""

import numpy as np
import pytest
from scipy import stats

from amane.analytics.engine import proximity
from amane.analytics.engine.hexgrid import great_circle_m


def scattered(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Points around Casablanca, within about 15 km."""
    rng = np.random.default_rng(seed)
    return 33.57 + rng.normal(0, 0.06, n), -7.59 + rng.normal(0, 0.07, n)


@pytest.mark.parametrize(("seed", "radius_m"), [(0, 300.0), (1, 500.0), (2, 1500.0)])
def test_counts_equal_brute_force_great_circle_distances(seed: int, radius_m: float) -> None:
    place_lat, place_lon = scattered(seed, 60)
    lat, lon = scattered(seed + 100, 4000)
    weights = np.random.default_rng(seed).integers(1, 5, 4000).astype(float)
    found = proximity.counts_within(place_lat, place_lon, lat, lon, radius_m, weights)
    distances = great_circle_m(place_lat[:, None], place_lon[:, None], lat[None, :], lon[None, :])
    np.testing.assert_array_equal(found, ((distances <= radius_m) * weights).sum(axis=1))


def test_the_disc_is_the_spherical_cap() -> None:
    radius_m = 500.0
    flat = np.pi * (radius_m / 1000) ** 2
    assert proximity.disc_area_km2(radius_m) == pytest.approx(flat, rel=1e-8)
    assert proximity.disc_area_km2(radius_m) < flat


def test_expected_is_density_times_the_disc_clipped_to_the_area_measured() -> None:
    expected = proximity.expected_counts(np.array([10.0, 10.0]), 1000.0, area_km2=np.array([100.0, 1.5]))
    np.testing.assert_allclose(expected, [10 * proximity.disc_area_km2(1000.0), 15.0])


def test_p_values_equal_scipy_poisson_upper_tail() -> None:
    rng = np.random.default_rng(3)
    observed = rng.integers(0, 30, 500).astype(float)
    expected = rng.uniform(0.1, 20, 500)
    reference = np.array(
        [1.0 - stats.poisson.cdf(k - 1, mu) if k > 0 else 1.0 for k, mu in zip(observed, expected, strict=True)]
    )
    np.testing.assert_allclose(proximity.upper_tail(observed, expected), reference, rtol=1e-9, atol=1e-12)


def test_q_values_equal_scipy_benjamini_hochberg() -> None:
    p = np.random.default_rng(4).uniform(0, 1, 400) ** 3
    np.testing.assert_allclose(proximity.benjamini_hochberg(p), stats.false_discovery_control(p), rtol=1e-12)


def test_a_place_with_a_cluster_is_flagged_and_quiet_ones_are_not() -> None:
    rng = np.random.default_rng(5)
    place_lat, place_lon = scattered(6, 40)
    lat, lon = scattered(7, 2000)
    cluster_lat = place_lat[0] + rng.normal(0, 0.0005, 60)
    cluster_lon = place_lon[0] + rng.normal(0, 0.0005, 60)
    all_lat, all_lon = np.concatenate([lat, cluster_lat]), np.concatenate([lon, cluster_lon])
    density = np.full(40, len(all_lat) / (np.pi * 15.0**2))
    result = proximity.proximity(place_lat, place_lon, all_lat, all_lon, radius_m=300.0, density_per_km2=density)
    assert result.flagged()[0]
    assert result.flagged().sum() <= 3


def test_no_places_or_no_reports_give_zero_counts() -> None:
    assert len(proximity.counts_within(np.empty(0), np.empty(0), np.ones(3), np.ones(3), 100.0)) == 0
    np.testing.assert_array_equal(proximity.counts_within(np.ones(2), np.ones(2), np.empty(0), np.empty(0), 100.0), 0)

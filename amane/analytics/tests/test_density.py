"""
The binned density equals `scipy.stats.gaussian_kde` on the same grid and bandwidth, within the
binning error that `binning_error_bound` states (docs/observatory-emerging.md derives it).
"""

import math

import numpy as np
import pytest
from scipy import stats

from amane.analytics.engine import density as density_module
from amane.analytics.engine.density import Grid, binning_error_bound, density, local_metres, scott_covariance

FLOOR = 0.01  # the error is bounded where the density is at least 1 % of its maximum


def clustered_points(seed: int, n: int = 4000) -> tuple[np.ndarray, np.ndarray]:
    """Two overlapping clusters, one elongated and tilted, and a thin background."""
    rng = np.random.default_rng(seed)
    a = rng.multivariate_normal([0, 0], [[1.0, 0.3], [0.3, 0.6]], size=n // 2)
    b = rng.multivariate_normal([2.5, 1.5], [[0.2, -0.12], [-0.12, 0.15]], size=n // 3)
    c = rng.uniform(-3, 5, size=(n - len(a) - len(b), 2))
    points = np.vstack([a, b, c])
    return points[:, 0], points[:, 1]


def grid_for_bound(covariance: np.ndarray, bound: float, box: tuple[float, float, float, float]) -> Grid:
    """A square-step grid over the box whose binning bound is `bound`."""
    precision = np.linalg.inv(covariance)
    step = math.sqrt(bound / ((2 * math.log(1 / FLOOR) - 1) / 8 * (precision[0, 0] + precision[1, 1])))
    x_min, y_min, x_max, y_max = box
    nx, ny = int((x_max - x_min) / step) + 1, int((y_max - y_min) / step) + 1
    return Grid(x_min, y_min, step, step, nx, ny)


def relative_error(
    surface: np.ndarray, x: np.ndarray, y: np.ndarray, grid: Grid, kde: stats.gaussian_kde
) -> tuple[float, np.ndarray]:
    gx, gy = grid.nodes()
    exact = kde(np.vstack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    dense = exact >= FLOOR * exact.max()
    return float((np.abs(surface - exact)[dense] / exact[dense]).max()), exact


def test_scott_covariance_is_gaussian_kdes_default() -> None:
    x, y = clustered_points(1)
    kde = stats.gaussian_kde(np.vstack([x, y]))
    np.testing.assert_allclose(scott_covariance(x, y), kde.covariance, rtol=1e-12)


def test_weighted_scott_covariance_is_gaussian_kdes_default() -> None:
    x, y = clustered_points(2)
    weights = np.random.default_rng(2).uniform(0.1, 3.0, len(x))
    kde = stats.gaussian_kde(np.vstack([x, y]), weights=weights)
    np.testing.assert_allclose(scott_covariance(x, y, weights), kde.covariance, rtol=1e-12)


@pytest.mark.parametrize(("seed", "bound"), [(3, 0.01), (4, 0.02)])
def test_matches_gaussian_kde_within_the_binning_bound(bound: float, seed: int) -> None:
    x, y = clustered_points(seed)
    covariance = scott_covariance(x, y)
    grid = grid_for_bound(covariance, bound, (-3.5, -3.0, 5.0, 4.0))
    assert binning_error_bound(grid, covariance, FLOOR) == pytest.approx(bound)
    error, _ = relative_error(density(x, y, grid, covariance), x, y, grid, stats.gaussian_kde(np.vstack([x, y])))
    assert error <= bound


def test_weights_count_as_gaussian_kdes_weights() -> None:
    x, y = clustered_points(5)
    weights = np.random.default_rng(5).uniform(0.0, 4.0, len(x))
    covariance = scott_covariance(x, y, weights)
    grid = grid_for_bound(covariance, 0.02, (-3.5, -3.0, 5.0, 4.0))
    kde = stats.gaussian_kde(np.vstack([x, y]), weights=weights)
    error, _ = relative_error(density(x, y, grid, covariance, weights), x, y, grid, kde)
    assert error <= 0.02


def test_points_binned_in_chunks_give_the_surface_of_all_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    x, y = clustered_points(7)
    weights = np.random.default_rng(7).uniform(0.1, 3.0, len(x))
    grid = Grid.spanning(-3, -2, 5, 4, 60, 50)
    covariance = scott_covariance(x, y, weights)
    whole = density(x, y, grid, covariance, weights)
    monkeypatch.setattr(density_module, "_CHUNK", 333)
    np.testing.assert_allclose(density(x, y, grid, covariance, weights), whole, rtol=1e-10, atol=1e-14)


def test_points_outside_the_grid_still_warm_its_edge() -> None:
    x, y = clustered_points(6)
    covariance = scott_covariance(x, y)
    # Only the lower-left quarter of the data's box: the clusters straddle the edges.
    grid = grid_for_bound(covariance, 0.02, (-2.0, -2.0, 1.0, 0.8))
    kde = stats.gaussian_kde(np.vstack([x, y]))
    error, exact = relative_error(density(x, y, grid, covariance), x, y, grid, kde)
    assert error <= 0.02
    assert exact[:, -1].max() > 0.2 * exact.max()  # the right edge is warm indeed


def test_points_beyond_the_kernels_reach_count_in_the_total_only() -> None:
    grid = Grid(0.0, 0.0, 0.1, 0.1, 21, 21)
    covariance = np.eye(2) * 0.04
    near = density([1.0], [1.0], grid, covariance)
    with_far = density([1.0, 50.0], [1.0, 50.0], grid, covariance)
    np.testing.assert_allclose(with_far, near / 2, rtol=1e-12, atol=1e-15)


def test_the_surface_integrates_to_one_when_the_grid_holds_the_mass() -> None:
    x, y = clustered_points(7)
    covariance = scott_covariance(x, y)
    grid = grid_for_bound(covariance, 0.02, (-8.0, -8.0, 10.0, 9.0))
    surface = density(x, y, grid, covariance)
    assert surface.sum() * grid.dx * grid.dy == pytest.approx(1.0, abs=1e-6)


def test_a_point_on_a_node_gives_the_kernel_itself() -> None:
    grid = Grid(-2.0, -2.0, 0.05, 0.05, 81, 81)
    covariance = np.array([[0.2, 0.08], [0.08, 0.1]])
    surface = density([0.5], [-0.25], grid, covariance)
    gx, gy = grid.nodes()
    exact = stats.multivariate_normal([0.5, -0.25], covariance).pdf(np.dstack([gx, gy]))
    # Exact wherever the kernel is not cut (it is cut at CUTOFF standard deviations).
    within = exact >= 1e-5 * exact.max()
    np.testing.assert_allclose(surface[within], exact[within], rtol=1e-9)
    assert surface[~within].max() <= 1e-5 * exact.max()


@pytest.mark.parametrize("offset", [(0.5, 0.5), (0.5, 0.0), (0.3, 0.7)])
@pytest.mark.parametrize("covariance", [[[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.8], [0.8, 1.0]], [[1.0, 0.0], [0.0, 4.0]]])
def test_a_single_point_between_nodes_stays_within_the_bound(
    offset: tuple[float, float], covariance: list[list[float]]
) -> None:
    step = 0.2
    grid = Grid(-7.0, -7.0, step, step, 71, 71)
    px, py = offset[0] * step, offset[1] * step
    surface = density([px], [py], grid, np.array(covariance))
    gx, gy = grid.nodes()
    exact = stats.multivariate_normal([px, py], covariance).pdf(np.dstack([gx, gy]))
    dense = exact >= FLOOR * exact.max()
    error = (np.abs(surface - exact)[dense] / exact[dense]).max()
    assert error <= binning_error_bound(grid, np.array(covariance), FLOOR)


def test_the_error_is_second_order_in_the_grid_step() -> None:
    x, y = clustered_points(8)
    covariance = scott_covariance(x, y)
    kde = stats.gaussian_kde(np.vstack([x, y]))
    coarse = grid_for_bound(covariance, 0.08, (-3.0, -3.0, 4.0, 4.0))
    fine = Grid(coarse.x0, coarse.y0, coarse.dx / 2, coarse.dy / 2, 2 * coarse.nx - 1, 2 * coarse.ny - 1)
    coarse_error, _ = relative_error(density(x, y, coarse, covariance), x, y, coarse, kde)
    fine_error, _ = relative_error(density(x, y, fine, covariance), x, y, fine, kde)
    assert 2.5 < coarse_error / fine_error < 6.0


def test_no_points_and_no_weight_give_a_cold_surface() -> None:
    grid = Grid(0.0, 0.0, 1.0, 1.0, 5, 4)
    assert (density(np.empty(0), np.empty(0), grid, np.eye(2)) == 0).all()
    assert density(np.empty(0), np.empty(0), grid, np.eye(2)).shape == (4, 5)
    assert (density([1.0, 2.0], [1.0, 2.0], grid, np.eye(2), weights=[0.0, 0.0]) == 0).all()


def test_a_bandwidth_from_one_point_is_refused() -> None:
    with pytest.raises(ValueError, match="two points"):
        scott_covariance(np.array([1.0]), np.array([2.0]))


def test_grid_nodes_run_from_the_origin_by_the_steps() -> None:
    grid = Grid.spanning(10.0, 20.0, 12.0, 23.0, 5, 4)
    assert grid.xs.tolist() == [10.0, 10.5, 11.0, 11.5, 12.0]
    assert grid.ys.tolist() == [20.0, 21.0, 22.0, 23.0]
    gx, gy = grid.nodes()
    assert gx.shape == gy.shape == (4, 5)
    assert (gx[2, 3], gy[2, 3]) == (11.5, 22.0)


def test_a_grid_spanning_a_box_needs_two_nodes_each_way() -> None:
    with pytest.raises(ValueError, match="two nodes"):
        Grid.spanning(0.0, 0.0, 1.0, 1.0, 1, 5)


def test_local_metres_measure_along_the_parallel_and_the_meridian() -> None:
    x, y = local_metres(np.array([-7.6, -7.5, -7.6]), np.array([33.6, 33.6, 33.7]), -7.6, 33.6)
    degree = 6_371_008.8 * math.pi / 180
    np.testing.assert_allclose(x, [0.0, 0.1 * degree * math.cos(math.radians(33.6)), 0.0], atol=1e-6)
    np.testing.assert_allclose(y, [0.0, 0.0, 0.1 * degree], atol=1e-6)


def test_local_degrees_undo_local_metres() -> None:
    from amane.analytics.engine.density import local_degrees, local_metres

    rng = np.random.default_rng(5)
    lon, lat = rng.uniform(-9, -1, 50), rng.uniform(28, 35, 50)
    x, y = local_metres(lon, lat, -5.0, 31.5)
    back_lon, back_lat = local_degrees(x, y, -5.0, 31.5)
    assert np.allclose(back_lon, lon, atol=1e-12) and np.allclose(back_lat, lat, atol=1e-12)

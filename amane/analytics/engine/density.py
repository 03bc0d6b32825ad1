"""
A kernel density surface on a regular grid, for the heat layer: binned, then convolved by FFT.

The exact Gaussian kernel density at a node sums one kernel per report, which for a million
reports and a 512 x 512 grid is 2.6e11 kernel evaluations. Instead each report's weight is
shared among the four nodes around it (linear, "cloud-in-cell" binning: the nearer a node, the
larger its share), and the binned weights are convolved with the kernel sampled at node
offsets, by FFT. The result is normalised like `scipy.stats.gaussian_kde`: it integrates to 1.

Binning moves each report's mass by less than one grid step while keeping its centre of mass,
so the error is second order: relative to the density it is about dx^2 / h^2, where h is the
bandwidth along the axis (`docs/observatory-emerging.md` derives the bound the tests assert).
Reports just outside the grid still warm its edge: the binning grid extends beyond the visible
one by the kernel's reach (`CUTOFF` standard deviations), and reports beyond that reach count
in the normalisation only.
"""

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import fft

# The kernel is cut where it has fallen below exp(-CUTOFF^2 / 2) ~ 4e-6 of its peak.
CUTOFF = 5.0
# Points binned at a time.
_CHUNK = 1 << 17
_EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class Grid:
    """Nodes at (x0 + i dx, y0 + j dy), i < nx, j < ny; surfaces are indexed [j, i]."""

    x0: float
    y0: float
    dx: float
    dy: float
    nx: int
    ny: int

    @property
    def xs(self) -> np.ndarray:
        return self.x0 + self.dx * np.arange(self.nx)

    @property
    def ys(self) -> np.ndarray:
        return self.y0 + self.dy * np.arange(self.ny)

    def nodes(self) -> tuple[np.ndarray, np.ndarray]:
        """The x and y of every node, each of shape (ny, nx)."""
        return np.meshgrid(self.xs, self.ys)

    @classmethod
    def spanning(cls, x_min: float, y_min: float, x_max: float, y_max: float, nx: int, ny: int) -> "Grid":
        """The grid whose corner nodes are the corners of the box."""
        if nx < 2 or ny < 2:
            raise ValueError("a grid spanning a box needs at least two nodes each way")
        return cls(x_min, y_min, (x_max - x_min) / (nx - 1), (y_max - y_min) / (ny - 1), nx, ny)


def local_metres(
    lon: np.ndarray, lat: np.ndarray, centre_lon: float, centre_lat: float
) -> tuple[np.ndarray, np.ndarray]:
    """
    Longitudes and latitudes as metres east and north of a centre (equirectangular).

    Over a city or a region the distortion is small (a scale error of about tan(lat) times the
    latitude offset in radians), and it lets the bandwidth be given in metres.
    """
    scale = math.radians(1.0) * _EARTH_RADIUS_M
    x = (np.asarray(lon, dtype=np.float64) - centre_lon) * scale * math.cos(math.radians(centre_lat))
    y = (np.asarray(lat, dtype=np.float64) - centre_lat) * scale
    return x, y


def local_degrees(x: np.ndarray, y: np.ndarray, centre_lon: float, centre_lat: float) -> tuple[np.ndarray, np.ndarray]:
    """The inverse of `local_metres`: longitudes and latitudes of points east and north of a centre."""
    scale = math.radians(1.0) * _EARTH_RADIUS_M
    lon = centre_lon + np.asarray(x, dtype=np.float64) / (scale * math.cos(math.radians(centre_lat)))
    lat = centre_lat + np.asarray(y, dtype=np.float64) / scale
    return lon, lat


def scott_covariance(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """
    `gaussian_kde`'s default bandwidth: the weighted data covariance times Scott's factor squared.

    Scott's factor is n_eff^(-1/6) in two dimensions, n_eff = (sum w)^2 / sum w^2.
    """
    data = np.vstack([np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)])
    w = np.ones(data.shape[1]) if weights is None else np.asarray(weights, dtype=np.float64)
    if data.shape[1] < 2:
        raise ValueError("a bandwidth from the data needs at least two points")
    w = w / w.sum()
    n_eff = 1.0 / (w * w).sum()
    return np.cov(data, aweights=w, bias=False) * n_eff ** (-2.0 / 6.0)


def density(
    x: ArrayLike, y: ArrayLike, grid: Grid, covariance: ArrayLike, weights: ArrayLike | None = None
) -> np.ndarray:
    """The Gaussian kernel density of the points at the grid's nodes, shape (ny, nx)."""
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    w = None if weights is None else np.asarray(weights, dtype=np.float64)
    sigma = np.asarray(covariance, dtype=np.float64)
    total = float(len(xs) if w is None else w.sum())
    if len(xs) == 0 or total == 0.0:
        return np.zeros((grid.ny, grid.nx))
    reach_x = math.ceil(CUTOFF * math.sqrt(sigma[0, 0]) / grid.dx)
    reach_y = math.ceil(CUTOFF * math.sqrt(sigma[1, 1]) / grid.dy)
    binned = _linear_binning(xs, ys, w, grid, reach_x, reach_y)
    kernel = _kernel(grid, sigma, reach_x, reach_y)
    shape = (fft.next_fast_len(binned.shape[0], real=True), fft.next_fast_len(binned.shape[1], real=True))
    wrapped = np.zeros(shape)
    # The kernel's centre at index (0, 0), negative offsets wrapped to the end: the circular
    # convolution is then exact on the visible nodes, as the padded grid is wide enough.
    rows = np.arange(-reach_y, reach_y + 1) % shape[0]
    cols = np.arange(-reach_x, reach_x + 1) % shape[1]
    wrapped[np.ix_(rows, cols)] = kernel
    smooth = fft.irfft2(fft.rfft2(binned, shape) * fft.rfft2(wrapped), shape)
    surface = smooth[reach_y : reach_y + grid.ny, reach_x : reach_x + grid.nx] / total
    # FFT round-off leaves tiny negative values where there is no mass at all.
    return np.maximum(surface, 0.0)


def binning_error_bound(grid: Grid, covariance: ArrayLike, floor: float = 0.01) -> float:
    """
    The relative error that binning allows where a report's kernel is at least `floor` of its
    peak (to second order in the grid step; the docs derive it):

        (2 ln(1/floor) - 1) / 8 * (dx^2 P_xx + dy^2 P_yy),   P = covariance^-1.

    Where the surface is at least `floor` of its maximum, the reports that make it are mostly
    within that reach, and the averaged error is usually several times smaller.
    """
    precision = np.linalg.inv(np.asarray(covariance, dtype=np.float64))
    reach = 2.0 * math.log(1.0 / floor) - 1.0
    return reach / 8.0 * (grid.dx**2 * precision[0, 0] + grid.dy**2 * precision[1, 1])


def _linear_binning(
    x: np.ndarray, y: np.ndarray, w: np.ndarray | None, grid: Grid, reach_x: int, reach_y: int
) -> np.ndarray:
    """Each weight shared among its cell's four nodes, on the grid widened by the reach."""
    width, height = grid.nx + 2 * reach_x, grid.ny + 2 * reach_y
    # Per cell (named by its lower-left node): the weight, and its first moments and cross
    # moment within the cell; the four nodes' shares are sums of these, so four histograms
    # serve for all four corners. Points are read in chunks: fresh memory is slow to touch,
    # and the chunks' temporaries are reused.
    moments = np.zeros((4, width * height))
    for start in range(0, len(x), _CHUNK):
        part = slice(start, start + _CHUNK)
        _add_moments(moments, x[part], y[part], None if w is None else w[part], grid, reach_x, reach_y)
    mass, east, north, both = (m.reshape(height, width) for m in moments)
    binned = mass - east - north + both
    binned[:, 1:] += (east - both)[:, :-1]
    binned[1:, :] += (north - both)[:-1, :]
    binned[1:, 1:] += both[:-1, :-1]
    return binned


def _add_moments(
    moments: np.ndarray, x: np.ndarray, y: np.ndarray, w: np.ndarray | None, grid: Grid, reach_x: int, reach_y: int
) -> None:
    """Add the points' weight, east and north moments and cross moment to their cells' histograms."""
    width, height = grid.nx + 2 * reach_x, grid.ny + 2 * reach_y
    u = (x - grid.x0) * (1.0 / grid.dx) + reach_x
    v = (y - grid.y0) * (1.0 / grid.dy) + reach_y
    inside = (u >= 0) & (u < width - 1) & (v >= 0) & (v < height - 1)
    if not inside.all():
        u, v = u[inside], v[inside]
        w = None if w is None else w[inside]
    i = u.astype(np.int64)  # floor, as u >= 0
    j = v.astype(np.int64)
    corner = j * width + i
    fx, fy = u - i, v - j
    if w is not None:
        fx *= w
        fy *= w
    size = width * height
    moments[0] += np.bincount(corner, weights=w, minlength=size)
    moments[1] += np.bincount(corner, weights=fx, minlength=size)
    moments[2] += np.bincount(corner, weights=fy, minlength=size)
    fx *= v - j
    moments[3] += np.bincount(corner, weights=fx, minlength=size)


def _kernel(grid: Grid, covariance: np.ndarray, reach_x: int, reach_y: int) -> np.ndarray:
    """The Gaussian of the given covariance at every node offset within the reach."""
    ox = grid.dx * np.arange(-reach_x, reach_x + 1)
    oy = grid.dy * np.arange(-reach_y, reach_y + 1)
    dx, dy = np.meshgrid(ox, oy)
    precision = np.linalg.inv(covariance)
    quadratic = precision[0, 0] * dx * dx + 2 * precision[0, 1] * dx * dy + precision[1, 1] * dy * dy
    return np.exp(-0.5 * quadratic) / (2 * math.pi * math.sqrt(np.linalg.det(covariance)))

"""
Reports near sensitive places (a school first), against what the surrounding density predicts.

"The café by the school" question: are there more reports within a few hundred metres of
this school than the neighbourhood's average density would put there? For each place:

    observed = reports within `radius_m` (great-circle) of the place
    expected = density x disc area, the disc clipped to the area the density was measured on
    p        = P(X >= observed) for X ~ Poisson(expected)   (upper tail: only excess matters)

then Benjamini-Hochberg across the places keeps the expected share of false alarms among
the places flagged below alpha. Distances are found with a k-d tree over 3-D unit vectors:
a great-circle radius r is the chord 2 sin(r / 2R) on the unit sphere, so the tree's
Euclidean ball is exactly the spherical disc, with no projection error near the Sahara or Tangier.
"""

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree
from scipy.stats import poisson

EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class Proximity:
    observed: np.ndarray  # reports within the radius of each place
    expected: np.ndarray
    p: np.ndarray  # Poisson upper tail
    q: np.ndarray  # Benjamini-Hochberg adjusted p-values across the places

    def flagged(self, alpha: float = 0.05) -> np.ndarray:
        return self.q <= alpha


def unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Points on the unit sphere, one row per (lat, lon) in degrees."""
    phi, lam = np.radians(np.asarray(lat, dtype=np.float64)), np.radians(np.asarray(lon, dtype=np.float64))
    cos_phi = np.cos(phi)
    return np.column_stack((cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)))


def chord(radius_m: float) -> float:
    return float(2.0 * np.sin(radius_m / (2.0 * EARTH_RADIUS_M)))


def disc_area_km2(radius_m: float) -> float:
    """The area of a spherical cap of great-circle radius `radius_m`."""
    # 2 pi R^2 (1 - cos(r/R)), written with the half-angle sine: 1 - cos loses digits for small r.
    return float(4.0 * np.pi * (EARTH_RADIUS_M * np.sin(radius_m / (2.0 * EARTH_RADIUS_M))) ** 2 / 1e6)


def counts_within(
    place_lat: np.ndarray,
    place_lon: np.ndarray,
    point_lat: np.ndarray,
    point_lon: np.ndarray,
    radius_m: float,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """For each place, the (weighted) number of points within `radius_m` along the great circle."""
    places = np.asarray(place_lat).size
    if places == 0 or np.asarray(point_lat).size == 0:
        return np.zeros(places)
    w = np.ones(np.asarray(point_lat).size) if weights is None else np.asarray(weights, dtype=np.float64)
    tree = cKDTree(unit_vectors(point_lat, point_lon))
    # A hair over the chord: a point exactly on the circle is counted despite rounding.
    found = tree.query_ball_point(unit_vectors(place_lat, place_lon), chord(radius_m) * (1 + 1e-12))
    return np.array([w[i].sum() if i else 0.0 for i in found])


def expected_counts(density_per_km2: np.ndarray, radius_m: float, area_km2: np.ndarray | None = None) -> np.ndarray:
    """Density times the disc's area, the disc never larger than the area the density was measured on."""
    disc = np.full(np.shape(density_per_km2), disc_area_km2(radius_m))
    if area_km2 is not None:
        disc = np.minimum(disc, np.asarray(area_km2, dtype=np.float64))
    return np.asarray(density_per_km2, dtype=np.float64) * disc


def upper_tail(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """P(X >= observed) for X ~ Poisson(expected); 1 when nothing was observed."""
    k = np.asarray(observed, dtype=np.float64)
    return np.where(k > 0, poisson.sf(k - 1, np.asarray(expected, dtype=np.float64)), 1.0)


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Adjusted p-values (q): place i is flagged at level alpha when q_i <= alpha."""
    p = np.asarray(p, dtype=np.float64)
    n = len(p)
    if n == 0:
        return p.copy()
    order = np.argsort(p)
    scaled = p[order] * n / np.arange(1, n + 1)
    # The running minimum from the largest p down makes q monotone in p.
    q_sorted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    q = np.empty(n)
    q[order] = q_sorted
    return q


def proximity(
    place_lat: np.ndarray,
    place_lon: np.ndarray,
    point_lat: np.ndarray,
    point_lon: np.ndarray,
    *,
    radius_m: float,
    density_per_km2: np.ndarray,
    area_km2: np.ndarray | None = None,
    weights: np.ndarray | None = None,
) -> Proximity:
    """Observed and expected reports around each place, with the Poisson p and BH q values."""
    observed = counts_within(place_lat, place_lon, point_lat, point_lon, radius_m, weights)
    expected = expected_counts(density_per_km2, radius_m, area_km2)
    p = upper_tail(observed, expected)
    return Proximity(observed, expected, p, benjamini_hochberg(p))

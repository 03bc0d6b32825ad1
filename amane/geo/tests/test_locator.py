"""
The point locator on hand-drawn squares: pure, fast, no database and no real data.

The squares sit at 33 N, where a degree of longitude is about 93.5 km and a degree of
latitude about 110.9 km, so the 2 km rule is tested in real metres.
"""

import math
import threading

import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, box

from amane.geo.locator import AdminLocator, CommuneLocator, distance_m, metres_per_degree

# West square A, east square B, a 0.01 degree (~935 m) north-south gap between them.
A = box(-7.00, 33.00, -6.90, 33.10)
B = box(-6.89, 33.00, -6.80, 33.10)
# C lies inside A (an enclave whose hole was never cut); D is a two-part unit farther east.
C = box(-6.97, 33.03, -6.95, 33.05)
D = MultiPolygon([box(-6.70, 33.00, -6.65, 33.05), box(-6.62, 33.00, -6.60, 33.02)])

PER_LON, PER_LAT = (float(v) for v in metres_per_degree(33.05))


def east_of(lon: float, metres: float) -> float:
    return lon + metres / PER_LON


def north_of(lat: float, metres: float) -> float:
    return lat + metres / PER_LAT


@pytest.fixture(scope="module")
def locator() -> CommuneLocator:
    return CommuneLocator([("A", A), ("B", B), ("C", C), ("D", D)])


def test_metres_per_degree_matches_the_ellipsoid() -> None:
    per_lon, per_lat = metres_per_degree(0.0)
    assert float(per_lon) == pytest.approx(111_319.5, abs=1.0)
    assert float(per_lat) == pytest.approx(110_574.3, abs=1.0)
    per_lon, per_lat = metres_per_degree(33.0)
    assert float(per_lon) == pytest.approx(93_453, rel=1e-3)
    assert float(per_lat) == pytest.approx(110_900, rel=1e-3)


def test_distance_is_in_metres() -> None:
    # 0.01 degree of longitude east of A's edge at 33.05 N.
    assert distance_m(A, -6.89, 33.05) == pytest.approx(0.01 * PER_LON, rel=1e-6)
    # Straight north of A's north-east corner, 1500 m.
    assert distance_m(A, -6.90, north_of(33.10, 1500)) == pytest.approx(1500, rel=1e-4)
    # Diagonal from the corner: both axes in metres, not in degrees.
    d = distance_m(A, east_of(-6.90, 300), north_of(33.10, 400))
    assert d == pytest.approx(500, rel=1e-3)
    assert distance_m(A, -6.95, 33.05) == 0.0
    assert math.isinf(distance_m(A, -5.0, 33.05, reach_m=10_000))


def test_inside(locator: CommuneLocator) -> None:
    assert locator.locate(-6.99, 33.01) == "A"
    assert locator.locate(-6.85, 33.05) == "B"
    assert locator.locate(-6.61, 33.01) == "D"  # the second part of a multipolygon
    assert locator.locate(-6.90, 33.05) == "A"  # on the edge counts as inside


def test_the_smaller_of_two_overlapping_polygons_wins(locator: CommuneLocator) -> None:
    assert locator.locate(-6.96, 33.04) == "C"
    assert locator.locate(-6.98, 33.04) == "A"


def test_sliver_gap_goes_to_the_nearest_within_2_km(locator: CommuneLocator) -> None:
    # 300 m east of A, 635 m west of B.
    assert locator.locate(east_of(-6.90, 300), 33.05) == "A"
    # 700 m east of A, 235 m west of B.
    assert locator.locate(east_of(-6.90, 700), 33.05) == "B"


def test_reach_ends_at_2_km(locator: CommuneLocator) -> None:
    assert locator.locate(-6.95, north_of(33.10, 1_900)) == "A"
    assert locator.locate(-6.95, north_of(33.10, 2_100)) is None
    # 2 km of longitude is 0.0214 degree here, not 0.018: metres, not degrees.
    assert locator.locate(east_of(-6.60, 1_950), 33.01) == "D"
    assert locator.locate(east_of(-6.60, 2_050), 33.01) is None


def test_far_away_is_none(locator: CommuneLocator) -> None:
    assert locator.locate(-6.85, 33.20) is None
    assert locator.locate(-10.0, 30.0) is None
    assert locator.locate(float("nan"), 33.05) is None


def test_nearest_reports_the_distance(locator: CommuneLocator) -> None:
    found = locator.nearest(-6.85, north_of(33.10, 5_000), reach_m=10_000)
    assert found is not None
    code, metres = found
    assert code == "B"
    assert metres == pytest.approx(5_000, rel=1e-3)
    assert locator.nearest(-6.85, 34.0, reach_m=10_000) is None


def test_batch_equals_single(locator: CommuneLocator) -> None:
    rng = np.random.default_rng(7)
    lons = rng.uniform(-7.05, -6.55, 3_000)
    lats = rng.uniform(32.95, 33.15, 3_000)
    lons[:3] = [np.nan, -6.96, east_of(-6.90, 700)]
    lats[:3] = [33.0, 33.04, 33.05]
    batch = locator.locate_many(lons, lats)
    single = [locator.locate(float(x), float(y)) for x, y in zip(lons, lats, strict=True)]
    assert batch == single
    assert {"A", "B", "C", "D", None} <= set(batch)
    located = locator.locate_indices(lons, lats)
    # The 2 km rule was used exactly where the point is in no polygon but was placed.
    in_polygon = np.zeros(len(lons), dtype=bool)
    for geometry in (A, B, C, D):
        in_polygon |= shapely.intersects_xy(geometry, lons, lats)
    assert np.array_equal(located.by_distance, located.found & ~in_polygon)


def test_shared_between_threads(locator: CommuneLocator) -> None:
    rng = np.random.default_rng(11)
    lons = rng.uniform(-7.05, -6.55, 20_000)
    lats = rng.uniform(32.95, 33.15, 20_000)
    expected = locator.locate_many(lons, lats)
    results: list[list[str | None]] = [[] for _ in range(4)]

    def work(k: int) -> None:
        results[k] = locator.locate_many(lons, lats)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results)


def test_excluded_areas_get_no_reach() -> None:
    enclave = box(-6.8990, 33.02, -6.8920, 33.08)  # inside the gap between A and B
    locator = CommuneLocator([("A", A), ("B", B)], excluded=[enclave])
    assert locator.locate(-6.8950, 33.05) is None
    assert locator.locate(-6.8950, 33.01) in {"A", "B"}  # in the gap, outside the enclave


def test_zero_reach_and_edge_cases() -> None:
    strict = CommuneLocator([("A", A), ("B", B)], max_distance_m=0)
    assert strict.locate(east_of(-6.90, 300), 33.05) is None
    assert strict.locate(-6.95, 33.05) == "A"
    empty = CommuneLocator([])
    assert empty.locate(-6.95, 33.05) is None
    assert empty.locate_many([1.0, 2.0], [3.0, 4.0]) == [None, None]
    assert CommuneLocator([("A", A)]).locate_many([], []) == []
    with pytest.raises(ValueError, match="unique"):
        CommuneLocator([("A", A), ("A", B)])
    with pytest.raises(ValueError, match="same length"):
        CommuneLocator([("A", A)]).locate_many([1.0], [1.0, 2.0])


def test_admin_locator_keeps_arrondissements_inside_their_city() -> None:
    city = box(-7.00, 33.00, -6.90, 33.10)
    west, east = box(-7.00, 33.00, -6.95, 33.10), box(-6.95, 33.00, -6.90, 33.10)
    neighbour = box(-6.899, 33.00, -6.80, 33.10)  # 90 m east of the city
    admin = AdminLocator(
        communes=[("CITY", city), ("N", neighbour)],
        arrondissements=[("CITY-W", west), ("CITY-E", east)],
        city_of={"CITY-W": "CITY", "CITY-E": "CITY"},
    )
    assert admin.locate(-6.98, 33.05).arrondissement == "CITY-W"
    assert admin.locate(-6.92, 33.05).arrondissement == "CITY-E"
    # In the neighbour, 500 m from the city: the commune, and no arrondissement.
    there = admin.locate(east_of(-6.90, 500), 33.05)
    assert (there.commune, there.arrondissement) == ("N", None)
    # Off the city's north edge, within reach: the city and its nearest arrondissement.
    north = admin.locate(-6.98, north_of(33.10, 800))
    assert (north.commune, north.arrondissement) == ("CITY", "CITY-W")
    assert admin.locate(-6.98, 34.0).commune is None

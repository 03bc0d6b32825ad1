"""
The point locator on hand-drawn squares: pure, fast, no database and no real data.

The squares sit at 33 N, where a degree of longitude is about 93.5 km and a degree of
latitude about 110.9 km, so the 2 km rule is tested in real metres.

Mutants that survive because they change nothing a caller can see (equivalent), each checked by
hand: its diff read, and the mutant run against the real code on awkward input (NaN and +-inf in
either coordinate, the poles, reaches of 0, 0.5 m and 2 km, no units, no points, exclusions, a
multipolygon's and a concave unit's empty bounding-box corners).
- _prepared (probe = None, point_on_surface/intersects_xy/get_x/get_y on None) and
  CommuneLocator.__init__ (self._tree.query(None) or geoms[:2]): warm-up lookups whose results
  are thrown away; the geometries are still prepared, the warm-up only builds GEOS's lazy indexes
  ahead of the first query, which no Python API can observe.
- _read_only writeable = None: None is falsy, so the array is made read-only the same way.
- zip(..., strict=None / False / absent) in AdminLocator.locate_many: both sides are built from
  the same input and always have equal lengths, so strict never fires.
- dtype dropped or None in distances_m (asarray of geometries, empty zeros) and in locate_many
  (in_city bools): numpy infers object, float64 and bool_ from these values anyway.
- reshape(-2) in _flat_points: numpy takes any negative size as the unknown dimension.
- distances_m measuring to 3-D origins (np.zeros((n, 3))): GEOS distances are 2-D, Z is ignored.
- locate_indices returning early only with no points and no units (or -> and): the full path gives
  the same all -1 answer, as an empty tree or an empty batch finds nothing.
- locate_indices finite = isfinite(x) | isfinite(y): a point with one coordinate NaN or infinite
  then reaches the 2 km rule, but its search box matches no unit or its distances are NaN or
  infinite and dropped, so it is still nowhere.
- locate_indices running the nearest search with nothing left (and -> or) or with a reach of 0
  (> -> >=): nothing left finds nothing, and a reach of 0 finds only a unit 0 m away, which
  already holds the point by rule 1.
- _nearest_within's "none" sentinel -2 instead of -1: its callers only test < 0 or >= 0.
- _nearest_within's unfound distances None instead of inf: never read (nearest returns None
  first, locate_indices keeps only the found rows).

Killed since: _prepared's shapely.prepare(None) survived only because the module's shapes had
been prepared in place by earlier tests (the preparation test now builds its own); the floor
2.0 in _search_radius_deg, and the 50_001.0 default reach of distance_m and
CommuneLocator.nearest, by the last two tests.
"""

import math
import threading
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, box

from amane.geo.locator import (
    AdminLocation,
    AdminLocator,
    CommuneLocator,
    _search_radius_deg,
    distance_m,
    distances_m,
    metres_per_degree,
)

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


def test_metres_per_degree_is_within_5_cm_of_the_exact_ellipsoid_formulas() -> None:
    # WGS 84: the radii of curvature along the parallel and along the meridian, in closed form.
    a, f = 6_378_137.0, 1 / 298.257223563
    e2 = f * (2 - f)
    lats = np.arange(-60.0, 60.01, 0.5)
    phi = np.radians(lats)
    w = np.sqrt(1 - e2 * np.sin(phi) ** 2)
    per_lon, per_lat = metres_per_degree(lats)
    assert np.abs(per_lon - np.pi / 180 * a * np.cos(phi) / w).max() < 0.05
    assert np.abs(per_lat - np.pi / 180 * a * (1 - e2) / w**3).max() < 0.05


def test_coordinates_are_read_as_numbers_whatever_their_type() -> None:
    # Decimals are what a DecimalField or a form gives (outside the annotations, as an untyped
    # caller passes them); a grid of points comes as 2-D arrays.
    per_lon, _ = metres_per_degree([Decimal("33.05")])  # type: ignore[arg-type]
    assert per_lon.dtype == np.float64 and float(per_lon[0]) == PER_LON
    assert distance_m(A, Decimal("-6.89"), Decimal("33.05")) == distance_m(A, -6.89, 33.05)  # type: ignore[arg-type]
    locator = CommuneLocator([("A", A), ("B", B)])
    assert locator.locate(Decimal("-6.99"), Decimal("33.01")) == "A"  # type: ignore[arg-type]
    assert locator.locate_many([Decimal("-6.99"), Decimal("-6.85")], [Decimal("33.01"), 33]) == ["A", "B"]  # type: ignore[arg-type]
    assert locator.locate_many(
        np.array([[-6.99, -6.85], [-6.99, -5.0]]), np.array([[33.01, 33.05], [33.2, 33.05]])
    ) == [
        "A",
        "B",
        None,
        None,
    ]
    found = locator.nearest(Decimal("-6.85"), Decimal("33.2"), reach_m=20_000)  # type: ignore[arg-type]
    assert found is not None and found[0] == "B"


def test_the_search_box_holds_the_reach_on_both_axes_and_little_more() -> None:
    for lat in (0.0, 21.0, 33.0, 35.9, 60.0):
        radius = float(_search_radius_deg(np.array([lat]), 2_000.0)[0])
        per_lon, per_lat = (float(v) for v in metres_per_degree(lat))
        assert 2_000 <= radius * min(per_lon, per_lat) <= 2_000 * 1.002


def test_a_point_just_inside_the_reach_along_a_parallel_is_found() -> None:
    # The box is narrowest in degrees along the axis whose degree is longest: here latitude.
    locator = CommuneLocator([("A", A)])
    assert locator.locate(-6.95, north_of(33.10, 1_999)) == "A"
    assert locator.locate(east_of(-6.90, 1_999), 33.05) == "A"


def test_distances_are_pairwise_and_empty_in_empty_out() -> None:
    d = distances_m([A, B, A], [-6.89, -6.89, -6.95], [33.05, 33.05, 33.05], reach_m=5_000)
    assert d.tolist() == [pytest.approx(0.01 * PER_LON, rel=1e-6), 0.0, 0.0]
    empty = distances_m([], [], [], reach_m=5_000)
    assert empty.shape == (0,) and empty.dtype == np.float64


def test_the_reach_includes_its_own_distance() -> None:
    d = distance_m(A, -6.89, 33.05)
    assert distance_m(A, -6.89, 33.05, reach_m=d) == d
    assert math.isinf(distance_m(A, -6.89, 33.05, reach_m=d * 0.999))


def test_the_answer_arrays_say_none_with_minus_one_and_the_rule_as_booleans(locator: CommuneLocator) -> None:
    located = locator.locate_indices([-6.99, -5.0, east_of(-6.90, 300)], [33.01, 33.05, 33.05])
    assert located.indices.tolist() == [0, -1, 0]
    assert located.by_distance.dtype == np.bool_ and located.by_distance.tolist() == [False, False, True]
    assert located.found.tolist() == [True, False, True]
    nothing = CommuneLocator([]).locate_indices([1.0], [2.0])
    assert nothing.indices.tolist() == [-1] and nothing.by_distance.dtype == np.bool_
    none_asked = locator.locate_indices([], [])
    assert none_asked.indices.shape == (0,) and none_asked.by_distance.dtype == np.bool_


def test_a_locator_of_one_unit_works() -> None:
    single = CommuneLocator([("A", A)])
    assert single.locate(-6.99, 33.01) == "A"
    assert single.locate(east_of(-6.90, 300), 33.05) == "A"
    assert len(single) == 1 and single.codes == ("A",)


def test_units_and_exclusions_without_a_shape_are_left_out() -> None:
    locator = CommuneLocator(
        [("A", A), ("NONE", None), ("EMPTY", shapely.Polygon()), ("B", B)],  # type: ignore[list-item]
        excluded=[None, shapely.Polygon(), box(-6.8990, 33.02, -6.8920, 33.08)],  # type: ignore[list-item]
    )
    assert locator.codes == ("A", "B") and len(locator) == 2
    assert locator.locate(-6.8950, 33.05) is None
    assert locator.locate(-6.85, 33.05) == "B"


def test_the_shape_of_a_unit_is_given_back_by_its_code(locator: CommuneLocator) -> None:
    assert locator.geometry("C").equals(C)
    assert locator.geometry("D").equals(D)
    with pytest.raises(ValueError, match="not in tuple"):
        locator.geometry("Z")


def test_a_negative_reach_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^max_distance_m must be >= 0$"):
        CommuneLocator([("A", A)], max_distance_m=-1)
    with pytest.raises(ValueError, match=r"^unit codes must be unique$"):
        CommuneLocator([("A", A), ("A", B)])
    with pytest.raises(ValueError, match=r"^lons and lats must have the same length$"):
        CommuneLocator([("A", A)]).locate_indices([1.0, 2.0], [1.0])


def test_a_reach_of_less_than_a_metre_still_reaches() -> None:
    tiny = CommuneLocator([("A", A)], max_distance_m=0.5)
    assert tiny.locate(east_of(-6.90, 0.3), 33.05) == "A"
    assert tiny.locate(east_of(-6.90, 0.7), 33.05) is None


def test_a_point_with_one_coordinate_missing_is_nowhere(locator: CommuneLocator) -> None:
    assert locator.locate_many([-6.99, np.nan, -6.99], [np.nan, 33.01, 33.01]) == [None, None, "A"]


def test_nearest_finds_the_first_unit_too(locator: CommuneLocator) -> None:
    assert locator.nearest(-6.99, 33.01) == ("A", 0.0)
    found = locator.nearest(east_of(-7.0, -500), 33.05)
    assert found is not None and found[0] == "A" and found[1] == pytest.approx(500, rel=1e-4)


def test_everything_a_lookup_reads_is_prepared_and_read_only() -> None:
    # Fresh shapes: shapely prepares a geometry object in place (intersects_xy on one geometry
    # does it too), so the module's A, B and C may already be prepared by another test.
    a, b, c = (shapely.box(*shape.bounds) for shape in (A, B, C))
    assert not shapely.is_prepared([a, b, c]).any()
    locator = CommuneLocator([("A", a), ("B", b)], excluded=[c])
    for array in (locator._geoms, locator._excluded):
        assert shapely.is_prepared(array).all()
    for array in (locator._geoms, locator._areas, locator._excluded):
        assert not array.flags.writeable


def _city_and_neighbour(**options: Any) -> AdminLocator:
    city = box(-7.00, 33.00, -6.90, 33.10)
    # Two arrondissements with a 1.1 km gap between them (about 560 m from either).
    west, east = box(-7.00, 33.00, -6.956, 33.10), box(-6.944, 33.00, -6.90, 33.10)
    neighbour = box(-6.899, 33.00, -6.80, 33.10)
    return AdminLocator(
        communes=[("CITY", city), ("N", neighbour)],
        arrondissements=[("CITY-W", west), ("CITY-E", east)],
        city_of={"CITY-W": "CITY", "CITY-E": "CITY"},
        **options,
    )


def test_the_admin_locator_passes_its_reach_to_both_levels() -> None:
    default, short = _city_and_neighbour(), _city_and_neighbour(max_distance_m=300)
    north = north_of(33.10, 800)
    assert default.locate(-6.98, north) == AdminLocation("CITY", "CITY-W")
    assert short.locate(-6.98, north) == AdminLocation(None, None)
    # In the gap between the arrondissements, 560 m from each: found with 2 km, not with 300 m.
    assert default.locate(-6.95, 33.05).arrondissement in {"CITY-W", "CITY-E"}
    assert short.locate(-6.95, 33.05) == AdminLocation("CITY", None)


def test_the_admin_locator_passes_its_exclusions_to_the_communes() -> None:
    enclave = box(-7.03, 33.02, -7.005, 33.08)  # just west of the city
    assert _city_and_neighbour().locate(-7.01, 33.05).commune == "CITY"
    assert _city_and_neighbour(excluded=[enclave]).locate(-7.01, 33.05) == AdminLocation(None, None)


def test_the_admin_locator_answers_many_points_in_order() -> None:
    admin = _city_and_neighbour()
    lons, lats = [-6.98, -6.92, -6.85, -5.0], [33.05, 33.05, 33.05, 33.05]
    expected = [
        AdminLocation("CITY", "CITY-W"),
        AdminLocation("CITY", "CITY-E"),
        AdminLocation("N", None),
        AdminLocation(None, None),
    ]
    assert admin.locate_many(lons, lats) == expected
    assert admin.locate_many(np.array([lons[:2], lons[2:]]), np.array([lats[:2], lats[2:]])) == expected
    assert [admin.locate(x, y) for x, y in zip(lons, lats, strict=True)] == expected


def test_an_arrondissement_is_given_only_inside_its_own_city() -> None:
    # Two cities side by side; the point is in city ONE, whose only arrondissement is far away,
    # while an arrondissement of city TWO is 300 m off: the point gets no arrondissement.
    one, two = box(-7.00, 33.00, -6.90, 33.10), box(-6.90, 33.00, -6.80, 33.10)
    admin = AdminLocator(
        communes=[("ONE", one), ("TWO", two)],
        arrondissements=[("ONE-1", box(-7.00, 33.00, -6.99, 33.01)), ("TWO-1", box(-6.89, 33.00, -6.80, 33.10))],
        city_of={"ONE-1": "ONE", "TWO-1": "TWO"},
    )
    assert admin.locate(east_of(-6.90, -300), 33.05) == AdminLocation("ONE", None)
    assert admin.locate(-6.995, 33.005) == AdminLocation("ONE", "ONE-1")


def test_every_arrondissement_needs_a_city() -> None:
    arrondissements = [(f"X{i}", box(i, 0, i + 0.5, 0.5)) for i in range(7)]
    with pytest.raises(ValueError, match=r"without a city: \['X1', 'X2', 'X3', 'X4', 'X5'\]$"):
        AdminLocator(communes=[], arrondissements=arrondissements, city_of={"X0": "C"})


def test_the_search_box_holds_the_reach_near_a_pole_while_a_degree_is_a_metre_or_more() -> None:
    # About 85 m from the pole a degree of longitude is 1.5 m: the box must be 1,300 degrees
    # wide there to hold 2 km; only below a metre per degree does the floor cut it short.
    lat = 89.9992
    per_lon, _ = (float(v) for v in metres_per_degree(lat))
    assert 1.0 < per_lon < 2.0
    radius = float(_search_radius_deg(np.array([lat]), 2_000.0)[0])
    assert 2_000 <= radius * per_lon <= 2_000 * 1.002


def _north_of_a_at_measured(metres: float) -> float:
    """The latitude straight north of A's north edge at the given distance, as distance_m measures it."""
    lat = 33.10
    for _ in range(10):  # the metres per degree depend on the latitude sought: a fixed point
        lat = 33.10 + metres / float(metres_per_degree(lat)[1])
    return lat


def test_the_default_reach_of_a_distance_and_of_a_nearest_search_is_exactly_50_km(
    locator: CommuneLocator,
) -> None:
    just_in, just_out = _north_of_a_at_measured(49_999.5), _north_of_a_at_measured(50_000.5)
    assert distance_m(A, -6.95, just_out, reach_m=100_000) == pytest.approx(50_000.5, abs=0.01)
    assert distance_m(A, -6.95, just_in) == pytest.approx(49_999.5, abs=0.01)
    assert math.isinf(distance_m(A, -6.95, just_out))
    # B is farther than A from both points, more than 50 km away.
    found = locator.nearest(-6.95, just_in)
    assert found is not None and found[0] == "A" and found[1] == pytest.approx(49_999.5, abs=0.01)
    assert locator.nearest(-6.95, just_out) is None

"""The exact ceiling of the calibration, on hand-drawn communes whose answer is known."""

import shapely
from shapely.geometry import Polygon, box

from amane.geo.calibration.ceiling import shift_ceiling, source_windows
from amane.geo.reference import NameMatches, ReferencePlace
from amane.geo.shift import Shift


def place(geonameid: int, lon: float, lat: float) -> ReferencePlace:
    return ReferencePlace(geonameid, f"place {geonameid}", lon, lat, "MA", "01", 1000, frozenset())


def inside_after(shift: Shift, geometry: Polygon, reference: ReferencePlace) -> bool:
    lon, lat = shift.invert_xy(reference.lon, reference.lat)
    return bool(shapely.contains_xy(geometry, lon, lat))


# Source polygons north of their places, by 0.145-0.155 degree at 30 N and 0.165-0.175
# at 31 N: a uniform shift puts one place or the other inside, never both; a shift that
# grows by about 0.015 degree per degree of latitude puts both.
COMMUNES = {
    "A": box(0.0, 30.145, 1.0, 30.155),
    "B": box(2.0, 31.165, 3.0, 31.175),
}
PLACES = [place(1, 0.5, 30.0), place(2, 2.5, 31.0), place(3, 5.0, 30.0)]
MATCHES = NameMatches(plain=(("A",), ("B",), ("A", "B")), regional=(("A",), ("B",), ()))


def test_a_uniform_shift_cannot_hold_both_places() -> None:
    ceiling = shift_ceiling(COMMUNES, PLACES, MATCHES, uniform=True)
    assert ceiling.inside == 1
    assert ceiling.shift.dlat_per_degree == 0.0
    assert sum(inside_after(ceiling.shift, COMMUNES[c], p) for p, c in zip(PLACES, "AB", strict=False)) == 1


def test_a_latitude_shift_holds_both_and_its_witness_proves_it() -> None:
    ceiling = shift_ceiling(COMMUNES, PLACES, MATCHES)
    assert ceiling.inside == 2
    assert inside_after(ceiling.shift, COMMUNES["A"], PLACES[0])
    assert inside_after(ceiling.shift, COMMUNES["B"], PLACES[1])


def test_homonyms_count_in_the_denominator_only() -> None:
    ceiling = shift_ceiling(COMMUNES, PLACES, MATCHES)
    assert ceiling.name_matched == 3
    assert ceiling.share == 2 / 3


def test_a_place_with_no_matching_commune_polygon_is_never_inside() -> None:
    ceiling = shift_ceiling({"A": COMMUNES["A"]}, PLACES[:2], NameMatches((("A",), ("B",)), ((), ())))
    assert ceiling.inside == 1


def test_windows_follow_the_polygon_along_the_meridian() -> None:
    # A U open to the north: the meridian through its middle crosses the floor only.
    u_shape = Polygon([(0, 30.1), (3, 30.1), (3, 30.3), (2, 30.3), (2, 30.2), (1, 30.2), (1, 30.3), (0, 30.3)])
    assert source_windows(u_shape, 1.5, 30.0) == [(30.1, 30.2)]
    # Through an arm: one window, floor and arm together.
    assert source_windows(u_shape, 0.5, 30.0) == [(30.1, 30.3)]
    # An H-shaped gap: a polygon with two bars gives two windows.
    bars = box(0, 30.1, 1, 30.15).union(box(0, 30.2, 1, 30.25))
    assert source_windows(bars, 0.5, 30.0) == [(30.1, 30.15), (30.2, 30.25)]

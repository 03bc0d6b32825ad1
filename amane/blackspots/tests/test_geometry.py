"""The shape rules, without a database."""

import pytest

from amane.blackspots.geometry import ShapeError, distance_m, spot_shape


def square(west: float, south: float, east: float, north: float) -> dict[str, object]:
    return {
        "type": "Polygon",
        "coordinates": [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
    }


def test_a_point_is_its_own_centre_and_box() -> None:
    shape = spot_shape({"type": "Point", "coordinates": [-7.97, 31.28]})
    assert (shape.lat, shape.lon) == (31.28, -7.97)
    assert shape.bbox == (-7.97, 31.28, -7.97, 31.28)


def test_a_polygon_keeps_its_bounds_and_centre() -> None:
    shape = spot_shape(square(-7.972, 31.278, -7.968, 31.282))
    assert shape.bbox == pytest.approx((-7.972, 31.278, -7.968, 31.282))
    assert (shape.lat, shape.lon) == pytest.approx((31.28, -7.97))


@pytest.mark.parametrize(
    ("geojson", "reason"),
    [
        ({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "not_a_shape"),
        ("not json", "not_a_shape"),
        ({"type": "Point", "coordinates": [True, 31.2]}, "unreadable"),
        ({"type": "Point", "coordinates": [2.35, 48.85]}, "outside_morocco"),
        ({"type": "Point", "coordinates": ["x"]}, "unreadable"),
        (square(-8.0, 31.0, -7.9, 31.1), "too_large"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}, "invalid"),
    ],
)
def test_unusable_shapes_are_refused_with_a_reason(geojson: object, reason: str) -> None:
    with pytest.raises(ShapeError) as refused:
        spot_shape(geojson)
    assert refused.value.reason == reason


def test_near_counts_250_metres_from_a_point_or_an_edge() -> None:
    point = spot_shape({"type": "Point", "coordinates": [-7.97, 31.28]})
    assert point.near(lat=31.28, lon=-7.9684)
    assert not point.near(lat=31.28, lon=-7.9605)
    area = spot_shape(square(-7.972, 31.278, -7.968, 31.282))
    assert area.near(lat=31.28, lon=-7.97)  # inside
    assert area.near(lat=31.28, lon=-7.9660)  # about 190 m east of the edge
    assert not area.near(lat=31.28, lon=-7.9630)


def test_the_search_box_holds_every_near_point() -> None:
    shape = spot_shape({"type": "Point", "coordinates": [-7.97, 31.28]})
    west, south, _east, _north = shape.search_box()
    assert distance_m(31.28, west, 31.28, -7.97) == pytest.approx(250, rel=0.01)
    assert distance_m(south, -7.97, 31.28, -7.97) == pytest.approx(250, rel=0.01)

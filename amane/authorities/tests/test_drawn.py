import pytest
from shapely.geometry import Polygon, box, mapping

from amane.authorities.drawn import DrawnAreaError, drawn_area_shape


def reason(geojson: object) -> str:
    with pytest.raises(DrawnAreaError) as caught:
        drawn_area_shape(geojson)  # type: ignore[arg-type]
    return caught.value.reason


def test_a_quarter_of_taroudant_is_accepted() -> None:
    shape = drawn_area_shape(mapping(box(-8.89, 30.46, -8.87, 30.48)))
    assert shape.contains(box(-8.885, 30.465, -8.875, 30.475))


def test_a_point_or_a_line_is_not_a_drawn_area() -> None:
    assert reason({"type": "Point", "coordinates": [-8.88, 30.47]}) == "not_a_polygon"
    assert reason({"type": "LineString", "coordinates": [[-8.88, 30.47], [-8.87, 30.48]]}) == "not_a_polygon"
    assert reason("not even a mapping") == "not_a_polygon"


def test_a_polygon_with_broken_coordinates_is_unreadable() -> None:
    assert reason({"type": "Polygon", "coordinates": [["x", "y"]]}) == "unreadable"
    assert reason({"type": "Polygon"}) == "unreadable"


def test_a_bow_tie_is_invalid() -> None:
    bow_tie = Polygon([(-8.89, 30.46), (-8.87, 30.48), (-8.87, 30.46), (-8.89, 30.48)])
    assert reason(mapping(bow_tie)) == "invalid"


def test_a_polygon_in_spain_is_outside_morocco() -> None:
    assert reason(mapping(box(-3.71, 40.41, -3.70, 40.42))) == "outside_morocco"


def test_more_than_two_thousand_vertices_is_refused_and_two_thousand_is_not() -> None:
    def ring(vertices: int) -> dict[str, object]:
        # A closed ring repeats its first point: `vertices` coordinates in all.
        circle = box(-8.9, 30.4, -8.8, 30.5).centroid.buffer(0.01, quad_segs=(vertices - 1) // 4)
        assert len(circle.exterior.coords) == vertices
        return dict(mapping(circle))

    assert drawn_area_shape(ring(1997)).is_valid
    assert reason(ring(2001)) == "too_many_vertices"

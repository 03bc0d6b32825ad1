"""
Areas drawn on the map for units without published boundaries, such as an administrative annex.

A drawn area is a GeoJSON Polygon or MultiPolygon in longitude/latitude. It must be a valid
shape, lie inside Morocco's bounding box and stay small enough (2,000 vertices) for a point
test to cost microseconds. Plain Python (shapely 2); no Django import.
"""

from collections.abc import Mapping
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

# Morocco with its southern provinces, with a little margin for coastal drawings.
MOROCCO_BBOX = (-17.3, 20.7, -0.9, 36.0)
MAX_VERTICES = 2000
_TYPES = ("Polygon", "MultiPolygon")


class DrawnAreaError(ValueError):
    """A drawn area that cannot be used; `reason` is one of the codes below."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def drawn_area_shape(geojson: Mapping[str, Any]) -> BaseGeometry:
    """Return the shape of a GeoJSON polygon after checking it; raise DrawnAreaError if unusable."""
    if not isinstance(geojson, Mapping) or geojson.get("type") not in _TYPES:
        raise DrawnAreaError("not_a_polygon")
    try:
        geometry = shape(dict(geojson))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, shapely.errors.ShapelyError) as error:
        raise DrawnAreaError("unreadable") from error
    if geometry.is_empty or not geometry.is_valid:
        raise DrawnAreaError("invalid")
    if shapely.get_num_coordinates(geometry) > MAX_VERTICES:
        raise DrawnAreaError("too_many_vertices")
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    west, south, east, north = MOROCCO_BBOX
    if min_lon < west or max_lon > east or min_lat < south or max_lat > north:
        raise DrawnAreaError("outside_morocco")
    return geometry

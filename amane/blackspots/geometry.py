"""
The shape of a black spot: a point clicked on the map, or a small area drawn around a place.

Plain Python (shapely 2), no Django. A drawn area goes through the same checks as an annex's
(amane.authorities.drawn), and must also stay small: a black spot is a café, a square, a
stretch of street, not a district. That bound is what lets a box read find every area that
touches the box through an index on the centre alone (the box widened by MAX_HALF_EXTENT).
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from shapely.geometry import LineString, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from amane.authorities.drawn import MOROCCO_BBOX, DrawnAreaError, drawn_area_shape

# About 1.1 km from the centre to an edge (in degrees of latitude; longitude below).
MAX_HALF_EXTENT = 0.01
# A point offers what lies within this distance; an area, what lies inside it or this near it.
NEAR_METRES = 250.0
EARTH_RADIUS_M = 6_371_000.0
METRES_PER_DEGREE = math.pi * EARTH_RADIUS_M / 180


class ShapeError(ValueError):
    """A shape that cannot be a black spot; `reason` names why (see amane.blackspots.messages)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class SpotShape:
    geojson: dict[str, Any]
    lat: float
    lon: float
    # min_lon, min_lat, max_lon, max_lat
    bbox: tuple[float, float, float, float]
    shape: BaseGeometry

    @property
    def is_point(self) -> bool:
        return self.geojson["type"] == "Point"

    def near(self, *, lat: float, lon: float, metres: float = NEAR_METRES) -> bool:
        """Whether a point lies inside the area, or within `metres` of the point or of the area's edge."""
        point = Point(lon, lat)
        if self.is_point:
            target = cast(Point, self.shape)
        elif self.shape.covers(point):
            return True
        else:
            ring = cast(LineString, cast(Polygon, self.shape).exterior)
            target = ring.interpolate(ring.project(point))
        return distance_m(lat, lon, target.y, target.x) <= metres

    def search_box(self, metres: float = NEAR_METRES) -> tuple[float, float, float, float]:
        """Return the bbox widened by `metres`: every point `near` the shape lies in it."""
        min_lon, min_lat, max_lon, max_lat = self.bbox
        dlat = metres / METRES_PER_DEGREE
        dlon = dlat / max(math.cos(math.radians(self.lat)), 0.1)
        return min_lon - dlon, min_lat - dlat, max_lon + dlon, max_lat + dlat


def distance_m(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    """Return the great-circle distance in metres (haversine)."""
    phi_a, phi_b = math.radians(lat_a), math.radians(lat_b)
    dphi, dlambda = phi_b - phi_a, math.radians(lon_b - lon_a)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi_a) * math.cos(phi_b) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _point(geojson: Mapping[str, Any]) -> BaseGeometry:
    coordinates = geojson.get("coordinates")
    if not isinstance(coordinates, list | tuple) or len(coordinates) != 2:
        raise ShapeError("unreadable")
    lon, lat = coordinates
    if any(isinstance(value, bool) or not isinstance(value, int | float) for value in (lon, lat)):
        raise ShapeError("unreadable")
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ShapeError("unreadable")
    west, south, east, north = MOROCCO_BBOX
    if not (west <= lon <= east and south <= lat <= north):
        raise ShapeError("outside_morocco")
    return Point(float(lon), float(lat))


def spot_shape(geojson: object) -> SpotShape:
    """Return a black spot's shape from GeoJSON (a Point or a Polygon); raise ShapeError if unusable."""
    if not isinstance(geojson, Mapping):
        raise ShapeError("not_a_shape")
    kind = geojson.get("type")
    if kind == "Point":
        shape = _point(geojson)
    elif kind == "Polygon":
        try:
            shape = drawn_area_shape(geojson)
        except DrawnAreaError as error:
            raise ShapeError(error.reason) from error
    else:
        raise ShapeError("not_a_shape")
    min_lon, min_lat, max_lon, max_lat = shape.bounds
    centre = shape.centroid
    lat, lon = centre.y, centre.x
    if max(lat - min_lat, max_lat - lat, lon - min_lon, max_lon - lon) > MAX_HALF_EXTENT:
        raise ShapeError("too_large")
    return SpotShape(
        geojson=_rounded(dict(mapping(shape))),
        lat=lat,
        lon=lon,
        bbox=(min_lon, min_lat, max_lon, max_lat),
        shape=shape,
    )


def _rounded(geojson: dict[str, Any]) -> dict[str, Any]:
    """Plain lists at 7 decimals (about a centimetre): what is stored and served."""

    def walk(value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [walk(item) for item in value]
        return round(float(value), 7)

    return {"type": geojson["type"], "coordinates": walk(geojson["coordinates"])}

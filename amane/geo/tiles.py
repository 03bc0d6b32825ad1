"""
Commune boundaries cut into map tiles, so that a zoomed-in map loads only what is in view.

The national layer is 434 KB of GeoJSON (some 100 KB gzipped) and coarse at street level;
past zoom 9 the map asks instead for the tiles of its viewport, in the usual web-mercator
z/x/y grid (OpenStreetMap's), each cut from the full-resolution boundaries and simplified to
about one pixel of its own zoom:

- one feature per commune in the tile, its polygon clipped to the tile (a little beyond, so
  that fills meet), for the fill, the tooltip and the click; drawn without an outline, since
  the cut would otherwise show as a line along every tile edge;
- one ``borders`` feature, the communes' edges as lines clipped to the tile, which is what
  draws the boundaries: lines cut at a tile edge just stop there.

Plain Python (shapely); no Django import.
"""

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

MIN_ZOOM = 9
MAX_ZOOM = 12
TILE_PIXELS = 256
# Fills reach this many pixels past the tile edge, so neighbouring tiles overlap instead of
# leaving a hairline between them.
FILL_MARGIN_PIXELS = 2


@dataclass(frozen=True)
class Tile:
    z: int
    x: int
    y: int

    def is_valid(self) -> bool:
        return MIN_ZOOM <= self.z <= MAX_ZOOM and 0 <= self.x < 2**self.z and 0 <= self.y < 2**self.z

    def bounds(self) -> tuple[float, float, float, float]:
        """Return (west, south, east, north) in degrees."""
        n = 2**self.z

        def lat(y: int) -> float:
            return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))

        return (self.x / n * 360 - 180, lat(self.y + 1), (self.x + 1) / n * 360 - 180, lat(self.y))

    @property
    def degrees_per_pixel(self) -> float:
        return 360 / 2**self.z / TILE_PIXELS

    @property
    def decimals(self) -> int:
        """Return the decimals that keep a quarter of a pixel: 4 up to zoom 11, 5 at zoom 12."""
        return max(0, math.ceil(-math.log10(self.degrees_per_pixel / 4)))


def _rounded(geometry: BaseGeometry, decimals: int) -> BaseGeometry:
    def round_coords(coords: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.round(coords, decimals)

    return shapely.transform(geometry, round_coords)


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Keep the polygons of what clipping returned (it may add stray lines or points)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [part for part in getattr(geometry, "geoms", []) if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def tile_geojson(tile: Tile, shapes: Mapping[str, BaseGeometry], properties: Mapping[str, dict[str, str]]) -> bytes:
    """Return the tile's GeoJSON FeatureCollection: a clipped fill per commune, then the borders."""
    west, south, east, north = tile.bounds()
    tolerance = tile.degrees_per_pixel
    margin = tolerance * FILL_MARGIN_PIXELS
    features: list[str] = []
    border_parts: list[BaseGeometry] = []
    for code, shape in shapes.items():
        fill = _polygonal(shapely.clip_by_rect(shape, west - margin, south - margin, east + margin, north + margin))
        if fill.is_empty:
            continue
        fill = _rounded(shapely.simplify(fill, tolerance, preserve_topology=True), tile.decimals)
        if fill.is_empty:
            continue
        features.append(_feature(properties.get(code, {"code": code}), shapely.to_geojson(fill)))
        lines = shapely.clip_by_rect(shapely.boundary(shape), west, south, east, north)
        if not lines.is_empty:
            border_parts.append(_rounded(shapely.simplify(lines, tolerance), tile.decimals))
    borders = _lines(border_parts)
    if borders is not None:
        features.append(_feature({"kind": "borders"}, shapely.to_geojson(borders)))
    return ('{"type":"FeatureCollection","features":[' + ",".join(features) + "]}").encode()


def _lines(parts: Iterable[BaseGeometry]) -> BaseGeometry | None:
    lines = [
        line
        for part in parts
        for line in (getattr(part, "geoms", None) or [part])
        if line.geom_type == "LineString" and not line.is_empty
    ]
    return shapely.MultiLineString(lines) if lines else None


def _feature(properties: Mapping[str, str], geometry: str) -> str:
    return f'{{"type":"Feature","properties":{json.dumps(properties, ensure_ascii=False)},"geometry":{geometry}}}'

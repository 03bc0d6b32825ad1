"""
Pictures of the observatory's figures as SVG geometry, drawn on the server, without Django.

Charts and maps reach a phone as a few kilobytes of SVG inside the page: they need no script,
no map tiles and no charting library, and print as they show. Each function returns numbers
and path strings; the templates place them in <svg> elements.
"""

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import h3

# ColorBrewer's red-blue diverging scheme: hot spots red, cold spots blue, none pale grey.
CLASS_COLOURS = {
    "hot-99": "#b2182b",
    "hot-95": "#ef8a62",
    "hot-90": "#fddbc7",
    "none": "#e8e8e8",
    "cold-90": "#d1e5f0",
    "cold-95": "#67a9cf",
    "cold-99": "#2166ac",
}
# Emerging hot and cold spots: warm hues for hot, cool for cold, darker where the pattern is
# stronger or older (persistent, intensifying), pale where it is fading or intermittent.
EMERGING_COLOURS = {
    "new-hot": "#d7301f",
    "consecutive-hot": "#fc8d59",
    "intensifying-hot": "#b30000",
    "persistent-hot": "#7f0000",
    "diminishing-hot": "#fdbb84",
    "sporadic-hot": "#fee8c8",
    "oscillating-hot": "#e7298a",
    "historical-hot": "#a6761d",
    "new-cold": "#0570b0",
    "consecutive-cold": "#74a9cf",
    "intensifying-cold": "#023858",
    "persistent-cold": "#045a8d",
    "diminishing-cold": "#a6bddb",
    "sporadic-cold": "#d0d1e6",
    "oscillating-cold": "#7570b3",
    "historical-cold": "#1b9e77",
}
# Distinct for the common forms of colour blindness (Okabe and Ito), then greys.
SERIES_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442", "#000000")


def series_colour(index: int) -> str:
    return SERIES_COLOURS[index] if index < len(SERIES_COLOURS) else "#888888"


@dataclass(frozen=True)
class Line:
    key: str
    colour: str
    points: str  # "x,y x,y …" for a <polyline>


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    bottom: int
    lines: list[Line]
    y_ticks: list[Tick]
    x_ticks: list[Tick]


def nice_step(largest: float, steps: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) that divides 0..largest into about `steps`."""
    if largest <= steps:
        return 1
    raw = largest / steps
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def line_chart(
    labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], *, width: int = 640, height: int = 220
) -> LineChart:
    """One line per series over the labelled months, on a shared axis from zero."""
    # Room for the axis labels at the size a phone needs (amane.css scales them up there).
    left, right, top, bottom = 52, 10, 10, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    largest = max((max(values, default=0) for _, values in series), default=0)
    step = nice_step(largest)
    ceiling = max(step, math.ceil(largest / step) * step)

    def x(i: int) -> float:
        return left + (plot_w * i / (len(labels) - 1) if len(labels) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return top + plot_h - plot_h * value / ceiling

    lines = [
        Line(key, series_colour(i), " ".join(f"{x(j):.1f},{y(v):.1f}" for j, v in enumerate(values)))
        for i, (key, values) in enumerate(series)
    ]
    y_ticks = [Tick(y(v), str(v)) for v in range(0, ceiling + 1, step)]
    every = max(1, math.ceil(len(labels) / 6))
    x_ticks = [Tick(x(i), label) for i, label in enumerate(labels) if i % every == 0]
    return LineChart(width, height, left, height - bottom, lines, y_ticks, x_ticks)


@dataclass(frozen=True)
class Shape:
    path: str
    colour: str
    title: str


@dataclass(frozen=True)
class MapDrawing:
    width: int
    height: int
    cells: list[Shape]
    outlines: list[str]


class _Projection:
    """Longitude and latitude to SVG units: equirectangular about the box's middle latitude."""

    def __init__(self, box: tuple[float, float, float, float], width: int):
        min_lon, min_lat, max_lon, max_lat = box
        self.squeeze = math.cos(math.radians((min_lat + max_lat) / 2))
        span_x = max((max_lon - min_lon) * self.squeeze, 1e-9)
        self.scale = width / span_x
        self.min_lon, self.max_lat = min_lon, max_lat
        self.height = max(1, round((max_lat - min_lat) * self.scale))

    def point(self, lon: float, lat: float) -> str:
        return f"{(lon - self.min_lon) * self.squeeze * self.scale:.1f},{(self.max_lat - lat) * self.scale:.1f}"

    def ring(self, coordinates: Sequence[Sequence[float]]) -> str:
        return "M" + "L".join(self.point(lon, lat) for lon, lat, *_ in coordinates) + "Z"


def hex_map(
    box: tuple[float, float, float, float],
    cells: Sequence[tuple[str, str, str]],
    outlines: Sequence[str],
    *,
    width: int = 600,
    colours: dict[str, str] = CLASS_COLOURS,
) -> MapDrawing:
    """Hexagons (cell, class, title) coloured by class over the outlines (GeoJSON geometries)."""
    projection = _Projection(box, width)
    shapes = [
        Shape(projection.ring([(lon, lat) for lat, lon in h3.cell_to_boundary(cell)]), colours[name], title)
        for cell, name, title in cells
    ]
    paths = [_geometry_path(projection, json.loads(text)) for text in outlines]
    return MapDrawing(width, projection.height, shapes, [p for p in paths if p])


def _geometry_path(projection: _Projection, geometry: dict[str, Any]) -> str:
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    polygons: list[Any]
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        polygons = list(coordinates)
    else:
        return ""
    return "".join(projection.ring(ring) for polygon in polygons for ring in polygon)


# ColorBrewer's yellow-orange-red, from the faintest density drawn to the highest.
HEAT_STOPS = ((255, 237, 160), (254, 178, 76), (240, 59, 32), (189, 0, 38))
# Below this share of the highest density a node is left transparent: the map stays readable.
HEAT_FLOOR = 0.02


def heat_image(values: Sequence[Sequence[float]]) -> str:
    """
    A density grid (rows from south to north) as a PNG data URI, to lay over a map's box.

    The colour follows the square root of the density over its maximum, so that a city's
    quieter quarters show beside its busiest; opacity grows with it.
    """
    import base64
    import io

    import numpy as np
    from PIL import Image

    grid = np.asarray(values, dtype=np.float64)[::-1]
    top = grid.max() if grid.size else 0.0
    share = np.sqrt(grid / top) if top > 0 else np.zeros_like(grid)
    stops = np.asarray(HEAT_STOPS, dtype=np.float64)
    position = share * (len(stops) - 1)
    lower = np.minimum(position.astype(int), len(stops) - 2)
    fraction = (position - lower)[..., None]
    rgb = stops[lower] * (1 - fraction) + stops[lower + 1] * fraction
    alpha = np.where(share < HEAT_FLOOR, 0.0, 90 + 150 * share)
    pixels = np.dstack([rgb, alpha]).round().astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels, "RGBA").save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")

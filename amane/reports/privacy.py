"""
Coarsened public locations, without Django.

The public sees a report at the centre of the H3 resolution-9 hexagon that holds it
(cells about 174 m across the edge, 0.1 km²): close enough to show which street corner
worries a neighbourhood, too coarse to point at the house of whoever reported it. The
coarser parents (resolutions 5 and 7) are kept too, so the map can count reports per cell
at low zoom with one GROUP BY instead of sending every point.
"""

from dataclasses import dataclass

import h3

PUBLIC_RESOLUTION = 9
AGGREGATE_RESOLUTIONS = (5, 7)


@dataclass(frozen=True)
class PublicLocation:
    cell: str
    lat: float
    lon: float
    cell_r5: str
    cell_r7: str


def coarsen(lat: float, lon: float) -> PublicLocation:
    cell = h3.latlng_to_cell(lat, lon, PUBLIC_RESOLUTION)
    centre_lat, centre_lon = h3.cell_to_latlng(cell)
    return PublicLocation(
        cell=cell,
        lat=round(centre_lat, 6),
        lon=round(centre_lon, 6),
        cell_r5=h3.cell_to_parent(cell, AGGREGATE_RESOLUTIONS[0]),
        cell_r7=h3.cell_to_parent(cell, AGGREGATE_RESOLUTIONS[1]),
    )


def cell_centre(cell: str) -> tuple[float, float]:
    lat, lon = h3.cell_to_latlng(cell)
    return round(lat, 6), round(lon, 6)


def public_cell_at(lat: float, lon: float, resolution: int) -> str:
    """The cell (resolution 9 or a coarser parent) that holds a public point, itself a cell centre."""
    return h3.cell_to_parent(h3.latlng_to_cell(lat, lon, PUBLIC_RESOLUTION), resolution)

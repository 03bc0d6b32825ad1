"""Commune boundary tiles: the right communes, clipped to the tile, lighter at lower zoom."""

import gzip
import json

import pytest
from django.test import Client
from shapely.geometry import Point, box, shape

from amane.geo import selectors
from amane.geo.tests.factories import RURAL, SHAPES, URBAN, build_square_geography
from amane.geo.tiles import Tile, tile_geojson


def _tile_at(lat: float, lon: float, z: int) -> Tile:
    import math

    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return Tile(z, x, y)


def test_tile_bounds_follow_the_web_mercator_grid() -> None:
    west, south, east, north = Tile(9, 244, 211).bounds()
    assert west == pytest.approx(-8.4375) and east == pytest.approx(-7.734375)
    assert south < north and north - south < east - west  # mercator tiles are shorter in degrees
    assert Tile(8, 0, 0).is_valid() is False and Tile(13, 0, 0).is_valid() is False
    assert Tile(9, 512, 0).is_valid() is False and Tile(12, 4095, 4095).is_valid() is True


def test_decimals_keep_a_quarter_of_a_pixel() -> None:
    assert [Tile(z, 0, 0).decimals for z in (9, 10, 11, 12)] == [4, 4, 4, 5]


def test_a_tile_holds_each_commune_clipped_and_the_borders_as_lines() -> None:
    tile = _tile_at(31.05, -7.95, 12)
    west, south, east, north = tile.bounds()
    body = json.loads(tile_geojson(tile, {URBAN: SHAPES[URBAN], RURAL: SHAPES[RURAL]}, {URBAN: {"code": URBAN}}))
    communes = [f for f in body["features"] if f["properties"].get("kind") != "borders"]
    borders = [f for f in body["features"] if f["properties"].get("kind") == "borders"]
    margin = tile.degrees_per_pixel * 3
    for feature in communes:
        assert box(west - margin, south - margin, east + margin, north + margin).contains(shape(feature["geometry"]))
    assert {f["properties"]["code"] for f in communes} <= {URBAN, RURAL}
    assert all(b["geometry"]["type"] == "MultiLineString" for b in borders)


def test_a_commune_far_from_the_tile_is_left_out() -> None:
    tile = _tile_at(34.0, -6.8, 10)
    assert json.loads(tile_geojson(tile, {URBAN: SHAPES[URBAN]}, {})) == {"type": "FeatureCollection", "features": []}


def test_a_lower_zoom_keeps_fewer_vertices() -> None:
    west, south, east, north = _tile_at(31.05, -7.95, 12).bounds()
    # A round commune well inside one zoom-12 tile, drawn with 256 vertices.
    wiggly = Point((west + east) / 2, (south + north) / 2).buffer(0.02, quad_segs=64)
    counts = []
    for z in (12, 9):
        body = tile_geojson(_tile_at(31.05, -7.95, z), {URBAN: wiggly}, {})
        counts.append(body.count(b"],["))
    assert counts[1] < counts[0] <= 256


@pytest.mark.django_db
def test_the_tile_endpoint_answers_gzipped_geojson_with_an_etag() -> None:
    build_square_geography()
    tile = _tile_at(31.05, -7.95, 10)
    path = f"/api/v1/geo/communes/{tile.z}/{tile.x}/{tile.y}.geojson"
    answer = Client().get(path, headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200 and answer["Content-Type"] == "application/geo+json"
    codes = {f["properties"].get("code") for f in json.loads(gzip.decompress(answer.content))["features"]}
    assert {URBAN, RURAL} <= codes
    again = Client().get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": answer["ETag"]})
    assert again.status_code == 304
    assert selectors.commune_tile(z=tile.z, x=tile.x, y=tile.y) is selectors.commune_tile(z=tile.z, x=tile.x, y=tile.y)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["8/100/100", "13/0/0", "9/600/1"])
def test_a_tile_outside_the_zooms_or_the_grid_is_404_problem_json(path: str) -> None:
    build_square_geography()
    answer = Client().get(f"/api/v1/geo/communes/{path}.geojson", headers={"Accept-Language": "fr"})
    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("application/problem+json")
    assert answer.json()["detail"] == "Les tuiles de limites existent du niveau de zoom 9 au niveau 12."

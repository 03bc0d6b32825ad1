"""Tiny PMTiles archives built by the tests, with the pmtiles package's own writer."""

import gzip
import io
from pathlib import Path

from PIL import Image
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import write

COLOURS = {(0, 0, 0): (200, 30, 30), (1, 0, 0): (30, 200, 30), (1, 1, 1): (30, 30, 200)}


def png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def build_raster_archive(path: Path, *, attribution: str = "© OpenStreetMap contributors") -> Path:
    """Write a PNG archive of three tiles (0/0/0, 1/0/0, 1/1/1), one colour each."""
    tiles = sorted((zxy_to_tileid(*zxy), png(colour)) for zxy, colour in COLOURS.items())
    _write(path, tiles, TileType.PNG, Compression.NONE, {"attribution": attribution})
    return path


def build_vector_archive(path: Path, payload: bytes = b"\x1a\x02mvt-bytes") -> Path:
    """Write a vector archive whose one tile (0/0/0) is stored gzipped, as vector tiles are."""
    _write(path, [(zxy_to_tileid(0, 0, 0), gzip.compress(payload, mtime=0))], TileType.MVT, Compression.GZIP, {})
    return path


def _write(
    path: Path, tiles: list[tuple[int, bytes]], tile_type: TileType, compression: Compression, metadata: dict[str, str]
) -> None:
    with write(str(path)) as writer:
        for tile_id, data in tiles:
            writer.write_tile(tile_id, data)
        writer.finalize(
            {
                "tile_type": tile_type,
                "tile_compression": compression,
                "min_lon_e7": int(-17.1 * 10_000_000),
                "min_lat_e7": int(20.8 * 10_000_000),
                "max_lon_e7": int(-1.0 * 10_000_000),
                "max_lat_e7": int(35.9 * 10_000_000),
                "center_zoom": 0,
                "center_lon_e7": int(-7.6 * 10_000_000),
                "center_lat_e7": int(33.6 * 10_000_000),
            },
            metadata,
        )

"""
A PMTiles archive read in place: the base map served by Amane itself.

A map that loads its base layer from a third-party tile server tells that server which
streets each reporter looks at, and when. A PMTiles archive (one file holding every tile of
an area, with a directory to find each) that the deployer places on the server lets Amane
answer /tiles/{z}/{x}/{y}.png itself. The file is mapped into memory once per process and
read from there: the operating system keeps the pages that are asked for in its cache,
shared by every worker.

Plain Python (the pmtiles package); no Django import.
"""

import gzip
import json
import mmap
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import Any

from pmtiles.tile import Compression, TileType, deserialize_directory, deserialize_header, find_tile, zxy_to_tileid

# Extension of the tile URL, and media type of the answer, per tile type of the archive.
EXTENSIONS = {
    TileType.MVT: ("mvt", "application/vnd.mapbox-vector-tile"),
    TileType.PNG: ("png", "image/png"),
    TileType.JPEG: ("jpg", "image/jpeg"),
    TileType.WEBP: ("webp", "image/webp"),
    TileType.AVIF: ("avif", "image/avif"),
}
# The raster types Leaflet draws as they are; a vector archive is served but not drawn.
RASTER = frozenset({TileType.PNG, TileType.JPEG, TileType.WEBP, TileType.AVIF})
DIRECTORIES_KEPT = 64
MAX_DEPTH = 4  # the PMTiles specification's limit on nested leaf directories


class ArchiveError(Exception):
    """The file is not a PMTiles archive Amane can serve."""


@dataclass(frozen=True)
class Tile:
    data: bytes
    gzipped: bool  # the bytes are gzip-compressed as stored (vector tiles usually are)


class Archive:
    """A PMTiles (version 3) archive, opened once and read from memory."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as file:
            self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        if self._map[:7] != b"PMTiles" or len(self._map) < 127:
            raise ArchiveError(f"{path} is not a PMTiles archive")
        self.header: dict[str, Any] = dict(deserialize_header(self._map[:127]))
        if self.header["tile_type"] not in EXTENSIONS:
            raise ArchiveError(f"{path}: tiles of unknown type")
        if self.header["tile_compression"] not in (Compression.NONE, Compression.GZIP, Compression.UNKNOWN):
            raise ArchiveError(f"{path}: tiles compressed with {self.header['tile_compression'].name}, not gzip")
        # The pmtiles package reads gzipped directories only, which is what every writer makes.
        if self.header["internal_compression"] != Compression.GZIP:
            raise ArchiveError(f"{path}: directories compressed with {self.header['internal_compression'].name}")
        self._directories: OrderedDict[tuple[int, int], list[Any]] = OrderedDict()
        self._lock = Lock()

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.header["tile_type"]][0]

    @property
    def media_type(self) -> str:
        return EXTENSIONS[self.header["tile_type"]][1]

    @property
    def is_raster(self) -> bool:
        return self.header["tile_type"] in RASTER

    @property
    def max_zoom(self) -> int:
        return int(self.header["max_zoom"])

    def metadata(self) -> dict[str, Any]:
        raw = gzip.decompress(self._bytes(self.header["metadata_offset"], self.header["metadata_length"]))
        value = json.loads(raw or b"{}")
        return value if isinstance(value, dict) else {}

    def tile(self, z: int, x: int, y: int) -> Tile | None:
        """Return the tile at z/x/y, or None if the archive has none there."""
        if not (self.header["min_zoom"] <= z <= self.header["max_zoom"] and 0 <= x < 2**z and 0 <= y < 2**z):
            return None
        tile_id = zxy_to_tileid(z, x, y)
        offset, length = self.header["root_offset"], self.header["root_length"]
        for _depth in range(MAX_DEPTH):
            entry = find_tile(self._directory(offset, length), tile_id)
            if entry is None:
                return None
            if entry.run_length > 0:
                data = self._bytes(self.header["tile_data_offset"] + entry.offset, entry.length)
                return Tile(data, self.header["tile_compression"] == Compression.GZIP)
            offset, length = self.header["leaf_directory_offset"] + entry.offset, entry.length
        return None

    def _bytes(self, offset: int, length: int) -> bytes:
        return self._map[offset : offset + length]

    def _directory(self, offset: int, length: int) -> list[Any]:
        # Directories are gzipped; decoding the root on every request would cost more than the tile.
        key = (offset, length)
        with self._lock:
            if key in self._directories:
                self._directories.move_to_end(key)
                return self._directories[key]
        entries: list[Any] = deserialize_directory(self._bytes(offset, length))
        with self._lock:
            self._directories[key] = entries
            while len(self._directories) > DIRECTORIES_KEPT:
                self._directories.popitem(last=False)
        return entries

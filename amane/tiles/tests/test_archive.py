"""Reading tiles in place from a PMTiles archive."""

import gzip
import io
from pathlib import Path

import pytest
from PIL import Image

from amane.tiles.archive import Archive, ArchiveError
from amane.tiles.tests.factories import COLOURS, build_raster_archive, build_vector_archive


def test_each_tile_comes_back_as_written(tmp_path: Path) -> None:
    archive = Archive(build_raster_archive(tmp_path / "map.pmtiles"))
    assert (archive.extension, archive.media_type, archive.is_raster) == ("png", "image/png", True)
    for (z, x, y), colour in COLOURS.items():
        found = archive.tile(z, x, y)
        assert found is not None and found.gzipped is False
        assert Image.open(io.BytesIO(found.data)).getpixel((5, 5)) == colour


@pytest.mark.parametrize("zxy", [(1, 1, 0), (2, 0, 0), (1, 2, 0), (0, -1, 0)])
def test_a_tile_the_archive_lacks_is_none(tmp_path: Path, zxy: tuple[int, int, int]) -> None:
    assert Archive(build_raster_archive(tmp_path / "map.pmtiles")).tile(*zxy) is None


def test_the_metadata_and_a_gzipped_vector_tile(tmp_path: Path) -> None:
    raster = Archive(build_raster_archive(tmp_path / "map.pmtiles", attribution="© test"))
    assert raster.metadata()["attribution"] == "© test"
    vector = Archive(build_vector_archive(tmp_path / "vector.pmtiles", payload=b"payload"))
    found = vector.tile(0, 0, 0)
    assert vector.is_raster is False and vector.extension == "mvt"
    assert found is not None and found.gzipped is True and gzip.decompress(found.data) == b"payload"


def test_a_file_that_is_not_an_archive_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "not.pmtiles"
    path.write_bytes(b"<html>" + b"\0" * 200)
    with pytest.raises(ArchiveError):
        Archive(path)

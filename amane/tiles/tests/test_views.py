"""/tiles/ serves the deployer's archive; the maps use it, and no third party, unless told otherwise."""

import gzip
from pathlib import Path

import pytest
from django.test import Client
from pytest_django.fixtures import SettingsWrapper

from amane.geo.tests.factories import build_square_geography
from amane.tiles.tests.factories import build_raster_archive, build_vector_archive


@pytest.fixture
def archive(tmp_path: Path, settings: SettingsWrapper) -> Path:
    path = build_raster_archive(tmp_path / "morocco.pmtiles")
    settings.AMANE_PMTILES_PATH = str(path)
    settings.AMANE_TILE_URL = ""
    return path


def test_a_tile_is_served_with_its_type_and_an_etag(archive: Path) -> None:
    answer = Client().get("/tiles/1/0/0.png")
    assert answer.status_code == 200 and answer["Content-Type"] == "image/png"
    assert answer.content.startswith(b"\x89PNG") and not answer.has_header("Content-Encoding")
    assert "public" in answer["Cache-Control"]
    assert Client().get("/tiles/1/0/0.png", headers={"If-None-Match": answer["ETag"]}).status_code == 304


@pytest.mark.parametrize("path", ["/tiles/1/1/0.png", "/tiles/9/0/0.png", "/tiles/1/0/0.jpg", "/tiles/1/0/0.mvt"])
def test_a_missing_tile_or_a_wrong_extension_is_404(archive: Path, path: str) -> None:
    assert Client().get(path).status_code == 404


def test_without_an_archive_there_are_no_tiles(settings: SettingsWrapper) -> None:
    settings.AMANE_PMTILES_PATH = ""
    assert Client().get("/tiles/0/0/0.png").status_code == 404


def test_an_unreadable_archive_is_a_404_not_a_500(tmp_path: Path, settings: SettingsWrapper) -> None:
    broken = tmp_path / "broken.pmtiles"
    broken.write_bytes(b"not an archive at all" * 10)
    settings.AMANE_PMTILES_PATH = str(broken)
    assert Client().get("/tiles/0/0/0.png").status_code == 404


def test_a_gzipped_vector_tile_is_sent_as_stored_or_unpacked(tmp_path: Path, settings: SettingsWrapper) -> None:
    settings.AMANE_PMTILES_PATH = str(build_vector_archive(tmp_path / "v.pmtiles", payload=b"vector"))
    zipped = Client().get("/tiles/0/0/0.mvt", headers={"Accept-Encoding": "gzip"})
    assert zipped["Content-Encoding"] == "gzip" and gzip.decompress(zipped.content) == b"vector"
    plain = Client().get("/tiles/0/0/0.mvt")
    assert plain.content == b"vector" and not plain.has_header("Content-Encoding")
    assert zipped["ETag"] != plain["ETag"]


@pytest.mark.django_db
def test_the_map_draws_amanes_own_tiles_and_names_no_other_server(archive: Path) -> None:
    build_square_geography()
    answer = Client().get("/")
    page = answer.content.decode()
    assert 'data-tile-url="/tiles/{z}/{x}/{y}.png"' in page
    assert "OpenStreetMap contributors" in page
    image_sources = next(d for d in answer["Content-Security-Policy"].split(";") if d.strip().startswith("img-src"))
    assert image_sources.split() == ["img-src", "'self'", "data:"]


@pytest.mark.django_db
def test_a_tile_server_is_used_only_when_named(settings: SettingsWrapper) -> None:
    build_square_geography()
    settings.AMANE_PMTILES_PATH = ""
    settings.AMANE_TILE_URL = ""
    assert 'data-tile-url=""' in Client().get("/").content.decode()
    settings.AMANE_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    assert 'data-tile-url="https://tiles.example/{z}/{x}/{y}.png"' in Client().get("/?page=2").content.decode()

"""The deployer's archive wins over a tile server, and the page policy follows what is used."""

from amane.core.tests.test_settings import run_amane

SHOW = (
    "from django.conf import settings as s; "
    "print(repr(s.AMANE_TILE_URL), s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
)


def test_an_archive_turns_the_tile_server_off_and_keeps_images_on_amane() -> None:
    result = run_amane(
        "shell",
        "-c",
        SHOW,
        AMANE_PMTILES_PATH="/srv/morocco.pmtiles",
        AMANE_TILE_URL="https://{s}.tiles.example/{z}/{x}/{y}.png",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "'' [\"'self'\", 'data:']"


def test_a_named_tile_server_is_allowed_in_the_policy() -> None:
    result = run_amane("shell", "-c", SHOW, AMANE_TILE_URL="https://{s}.tiles.example/{z}/{x}/{y}.png")
    assert result.returncode == 0, result.stderr
    assert "https://*.tiles.example" in result.stdout

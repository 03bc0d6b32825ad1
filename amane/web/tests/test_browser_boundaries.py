"""Past zoom 9 the home map loads the boundary tiles of its viewport, never the whole commune layer."""

import os
import re

import pytest

from amane.geo.tests.factories import build_square_geography
from amane.web.tests.test_browser import CHROMIUM, page  # noqa: F401  (the browser fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]
TILE = re.compile(r"/api/v1/geo/communes/(\d+)/(\d+)/(\d+)\.geojson$")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_zooming_in_loads_tiles_of_the_view(page, live_server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    build_square_geography()
    answers: list[tuple[str, int]] = []
    page.on("response", lambda response: answers.append((response.url, response.status)))
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")
    assert not any(TILE.search(url) for url, _status in answers)
    page.evaluate("window.AmaneMap.maps[0].setView([31.05, -7.95], 10)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    tiles = [(match, status) for url, status in answers if (match := TILE.search(url))]
    assert tiles and all(status == 200 for _match, status in tiles)
    assert {match.group(1) for match, _status in tiles} == {"10"}
    assert not any(url.endswith("/api/v1/geo/communes.geojson") for url, _status in answers)
    page.evaluate("window.AmaneMap.maps[0].setView([31.05, -7.95], 14)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    zooms = {match.group(1) for url, _status in answers if (match := TILE.search(url))}
    assert zooms == {"10", "12"}

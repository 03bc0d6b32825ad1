"""The home map's black spot layer, in a real browser (Debian's Chromium through Playwright)."""

import os
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from amane.authorities.tests.factories import build_units
from amane.blackspots.tests.factories import declare

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def open_page(live_server: Any) -> Iterator[Callable[..., Any]]:
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])

        def open_(path: str, *, locale: str = "ar-MA") -> Any:
            page = browser.new_context(viewport={"width": 390, "height": 844}, locale=locale).new_page()
            page.goto(f"{live_server.url}{path}")
            return page

        yield open_
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_the_home_map_shows_black_spots_as_a_layer_that_can_be_switched_off(open_page: Callable[..., Any]) -> None:
    from playwright.sync_api import expect

    build_units()
    spot = declare()
    page = open_page("/?lang=fr", locale="fr-FR")
    marker = page.locator('#map path.leaflet-interactive[stroke="#111"]')
    expect(marker).to_have_count(1)
    marker.click(force=True)
    expect(page.locator(f'.leaflet-popup a[href="/black-spots/{spot.public_id}/"]')).to_be_visible()
    control = page.locator(".leaflet-control-layers")
    control.hover()
    toggle = control.get_by_label("Points noirs")
    toggle.uncheck()
    expect(marker).to_have_count(0)

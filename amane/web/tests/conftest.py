"""The browser the browser tests drive: Debian's Chromium through Playwright, a phone-sized page."""

import os
from collections.abc import Iterator

import pytest

from amane.geo.tests.factories import IN_RURAL
from amane.web.tests.browser import CHROMIUM


@pytest.fixture
def page(live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls below are
    # made between browser steps, never concurrently with them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        # The phone "is" in the rural test commune, for the use-my-location test.
        context = browser.new_context(
            viewport={"width": 390, "height": 844},
            locale="ar-MA",
            geolocation={"latitude": IN_RURAL[0], "longitude": IN_RURAL[1]},
            permissions=["geolocation"],
        )
        yield context.new_page()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

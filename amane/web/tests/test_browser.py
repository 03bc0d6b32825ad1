"""
A citizen files a report through the Arabic interface in a real browser, then tracks it.

Debian's Chromium, driven by Playwright; no browser is downloaded. Skipped only where
Chromium is not installed (`make test` installs it).
"""

import os
import re
import shutil
from collections.abc import Iterator

import pytest

from amane.geo.tests.factories import IN_RURAL, build_square_geography
from amane.reports.models import Report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]
RECEIPT = re.compile(r"^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$")


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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_citizen_reports_in_arabic_and_tracks_the_report(page, live_server) -> None:  # type: ignore[no-untyped-def]
    geography = build_square_geography()
    page.goto(f"{live_server.url}/report/")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"

    page.get_by_label("سرقة وسطو").check()
    page.get_by_label("ماذا حدث؟").fill("سرقة هاتف بالخطف قرب محطة الحافلات")
    page.get_by_label("المدينة أو الجماعة").fill("مدينة الامان")
    page.get_by_role("button", name=re.compile("مدينة الأمان")).click()
    page.get_by_role("button", name="أرسل البلاغ").click()

    page.wait_for_selector("#receipt-code")
    assert "تم التوصل ببلاغك" in page.content()
    code = page.inner_text("#receipt-code").strip()
    assert RECEIPT.match(code)
    page.screenshot(path=str(_artifact("report-filed.png")), full_page=True)

    report = Report.objects.get()
    assert report.commune == geography.urban
    assert report.category.code == "theft"

    page.get_by_role("link", name="تتبع بلاغي").first.click()
    page.get_by_label("رمز التتبع").fill(code)
    page.get_by_role("button", name="عرض").click()
    assert page.inner_text("#tracked-status").strip() == "مرسل"
    page.screenshot(path=str(_artifact("report-tracked.png")), full_page=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_citizen_reports_at_the_phones_location(page, live_server) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    geography = build_square_geography()
    page.goto(f"{live_server.url}/report/")
    page.get_by_label("تخريب").check()
    page.get_by_label("ماذا حدث؟").fill("تكسير مصابيح الإنارة العمومية")
    page.get_by_role("button", name="استعمل موقعي الحالي").click()
    # Locator assertions, not wait_for_function: the page's CSP forbids the eval that one needs.
    expect(page.locator("#id_lat")).not_to_have_value("")
    expect(page.locator("#pick-status")).to_contain_text("دوار الاختبار")
    page.get_by_role("button", name="أرسل البلاغ").click()
    page.wait_for_selector("#receipt-code")
    report = Report.objects.get()
    assert report.commune == geography.rural
    assert report.location_precision == "point"
    assert "177" in page.content()


def _artifact(name: str) -> object:
    from pathlib import Path

    folder = Path(os.environ.get("AMANE_TEST_ARTIFACTS", "var/test-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name

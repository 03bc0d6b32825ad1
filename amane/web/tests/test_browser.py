"""
A citizen files a report through the Arabic interface in a real browser, then tracks it.

Debian's Chromium, driven by Playwright; no browser is downloaded. Skipped only where
Chromium is not installed (`make test` installs it).
"""

import os
import re

import pytest

from amane.geo.tests.factories import build_square_geography
from amane.reports.models import Report
from amane.web.tests.browser import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]
RECEIPT = re.compile(r"^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$")


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
    geography = build_square_geography()
    page.goto(f"{live_server.url}/report/")
    page.get_by_label("تخريب").check()
    page.get_by_label("ماذا حدث؟").fill("تكسير مصابيح الإنارة العمومية")
    page.get_by_role("button", name="استعمل موقعي الحالي").click()
    page.wait_for_function("document.getElementById('id_lat').value !== ''")
    page.wait_for_function("document.getElementById('pick-status').textContent.includes('دوار الاختبار')")
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

"""
The observatory walked in Chromium on the real geography and the demo's reports: the busiest
commune's page in Arabic with scripts, then in French without, at phone width; its legend of
classes, its trend chart, and its CSV download read back.
"""

import csv
import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count

from amane.analytics.scopes import scope_for
from amane.analytics.selectors.hotspots import in_box as in_box_q
from amane.reports.models import Report
from amane.web.tests.test_browser_loop import CHROMIUM, browser, phone, shot

__all__ = ["browser"]  # the fixture, used by name
pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("real_geography"),
]
CLASSES = 7


def busiest_commune() -> str:
    row = (
        Report.objects.filter(public=True)
        .values("commune__code")
        .annotate(n=Count("id"))
        .order_by("-n", "commune__code")
        .first()
    )
    assert row is not None
    return str(row["commune__code"])


def in_box(code: str) -> int:
    """Public reports whose public point lies in the box the commune's map covers."""
    return Report.objects.filter(in_box_q(scope_for(code).box, "public_lat", "public_lon"), public=True).count()


def legend_counts(page: Any) -> dict[str, int]:
    entries = page.locator("#hotspot-legend li")
    return {
        entries.nth(i).get_attribute("data-class"): int(entries.nth(i).locator("strong").inner_text())
        for i in range(entries.count())
    }


def test_the_busiest_communes_hotspots_chart_and_download(browser: Any, live_server: Any) -> None:
    call_command("demo", "--reports", "600", "--seed", "7", stdout=io.StringIO(), stderr=io.StringIO())
    code = busiest_commune()
    page = phone(browser, accept_downloads=True)
    page.goto(f"{live_server.url}/observatory/{code}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    counts = legend_counts(page)
    assert len(counts) == CLASSES and set(counts) >= {"hot-99", "none", "cold-99"}
    assert page.locator("#trend-chart polyline").count() >= 1
    assert page.locator("#density-map image").count() == 1
    shot(page, "observatory-commune-ar.png")

    with page.expect_download() as download:
        page.locator("#hotspots-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert sum(int(row["count"]) for row in rows) == in_box(code), "every public report of the map, once"
    assert page.locator("#hotspot-map path[data-class]").count() == len(rows), "the map draws what the CSV lists"
    by_class = {name: sum(1 for row in rows if row["class"] == name) for name in counts if name != "none"}
    assert by_class == {name: n for name, n in counts.items() if name != "none"}
    page.context.close()


def test_the_national_page_in_french_without_scripts(browser: Any, live_server: Any) -> None:
    call_command("demo", "--reports", "300", "--seed", "8", stdout=io.StringIO(), stderr=io.StringIO())
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/observatory/?lang=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Points chauds et froids").count() == 1
    assert len(legend_counts(page)) == CLASSES
    month = page.locator("#id_month option").nth(1).get_attribute("value")
    page.locator("#id_month").select_option(month)
    page.get_by_role("button", name="Afficher").click()
    assert f"month={month}" in page.url
    page.go_back()
    assert "month=" not in page.url
    page.reload()
    assert page.locator("#trend-chart").count() == 1
    shot(page, "observatory-national-fr.png")
    page.context.close()

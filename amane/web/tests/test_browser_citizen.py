"""
Issue 14's citizen defects, walked in a real browser: Debian's Chromium driven by Playwright,
at phone width, in Arabic and French, with and without JavaScript.
"""

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from amane.geo.tests.factories import IN_RURAL, build_square_geography
from amane.reports.models import Report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
RECEIPT = re.compile(r"^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$")
ARTIFACTS = os.environ.get("AMANE_TEST_ARTIFACTS", "var/test-artifacts")


@pytest.fixture
def open_page(live_server: Any) -> Iterator[Callable[..., Any]]:
    """Return a function that opens a page of the live server in a fresh phone-sized browser."""
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )

        def open_(path: str, *, locale: str = "ar-MA", javascript: bool = True) -> Any:
            context = browser.new_context(
                viewport={"width": 390, "height": 844},
                locale=locale,
                java_script_enabled=javascript,
                geolocation={"latitude": IN_RURAL[0], "longitude": IN_RURAL[1]},
                permissions=["geolocation", "clipboard-read", "clipboard-write"],
            )
            page = context.new_page()
            page.goto(f"{live_server.url}{path}")
            return page

        yield open_
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def shot(page: Any, name: str) -> None:
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, name), full_page=True)


def fill_arabic_form(page: Any) -> None:
    page.get_by_label("سرقة وسطو").check()
    page.get_by_label("ماذا حدث؟").fill("سرقة هاتف بالخطف قرب محطة الحافلات")
    page.get_by_label("المدينة أو الجماعة").fill("مدينة الامان")
    page.get_by_role("button", name=re.compile("مدينة الأمان")).click()


def test_reloading_the_receipt_page_files_nothing_and_shows_no_code(open_page: Any) -> None:
    from playwright.sync_api import expect

    build_square_geography()
    page = open_page("/report/")
    fill_arabic_form(page)
    page.get_by_role("button", name="أرسل البلاغ").click()
    expect(page.locator("#receipt-code")).to_have_text(RECEIPT)
    assert page.url.endswith("/report/received/")
    expect(page.get_by_role("button", name="انسخ الرمز")).to_be_visible()
    page.get_by_role("button", name="انسخ الرمز").click()
    expect(page.locator("#copy-status")).to_have_text("تم نسخ الرمز.")
    shot(page, "receipt-ar.png")
    page.reload()
    expect(page.locator("#receipt-shown")).to_be_visible()
    expect(page.locator("#receipt-code")).to_have_count(0)
    assert Report.objects.count() == 1


def test_the_french_form_sends_its_default_date(open_page: Any) -> None:
    from playwright.sync_api import expect

    build_square_geography()
    page = open_page("/report/?lang=fr", locale="fr-FR")
    expect(page.locator("#id_occurred_on")).to_have_value(re.compile(r"^\d{4}-\d{2}-\d{2}$"))
    page.get_by_label("Vol et cambriolage").check()
    page.get_by_label("Que s'est-il passé ?").fill("Vol de téléphone à l'arraché près de l'arrêt de bus")
    page.get_by_label("Ville ou commune").fill("Al Amane")
    page.get_by_role("button", name=re.compile("Al Amane")).click()
    shot(page, "form-fr.png")
    page.get_by_role("button", name="Envoyer le signalement").click()
    expect(page.locator("#receipt-code")).to_have_text(RECEIPT)
    assert Report.objects.get().occurred_at is not None


def test_a_tap_at_national_zoom_drops_no_pin_and_comes_closer(open_page: Any) -> None:
    from playwright.sync_api import expect

    build_square_geography()
    page = open_page("/report/")
    area = page.locator("#pick-map")
    expect(area).to_have_attribute("data-zoom", re.compile(r"^[45]$"))
    expect(page.locator("#pick-hint")).to_be_visible()
    area.click(position={"x": 200, "y": 150})
    expect(page.locator("#pick-status")).to_have_text("اقتربت الخريطة: انقر مرة أخرى حيث وقع الحدث.")
    expect(page.locator("#id_lat")).to_have_value("")
    expect(page.locator("#pick-map path.leaflet-interactive")).to_have_count(0)
    expect(area).to_have_attribute("data-zoom", re.compile(r"^[78]$"))
    area.click(position={"x": 200, "y": 150})  # three zoom levels closer each time, up to the pin's zoom
    expect(area).to_have_attribute("data-zoom", re.compile(r"^1[01]$"))
    area.click(position={"x": 200, "y": 150})
    expect(area).to_have_attribute("data-zoom", "12")
    expect(page.locator("#pick-hint")).to_be_hidden()


def test_choosing_a_place_zooms_the_map_to_it(open_page: Any) -> None:
    from playwright.sync_api import expect

    build_square_geography()
    page = open_page("/report/")
    fill_arabic_form(page)
    expect(page.locator("#pick-map")).to_have_attribute("data-zoom", re.compile(r"^(1[0-5])$"))


def test_the_map_is_bounded_and_its_controls_speak_arabic_on_the_right(open_page: Any) -> None:
    from playwright.sync_api import expect

    page = open_page("/report/")
    zoom_in = page.locator("#pick-map .leaflet-top.leaflet-right .leaflet-control-zoom-in")
    expect(zoom_in).to_have_attribute("title", "تكبير")
    expect(page.locator("#pick-map .leaflet-control-zoom-out")).to_have_class(re.compile("leaflet-disabled"))
    expect(page.locator("#pick-map .leaflet-control-attribution svg")).to_have_count(0)
    french = open_page("/report/?lang=fr", locale="fr-FR")
    expect(french.locator("#pick-map .leaflet-top.leaflet-left .leaflet-control-zoom-in")).to_have_attribute(
        "title", "Zoom avant"
    )


def test_a_tap_on_the_home_map_opens_a_popup_and_stays(open_page: Any) -> None:
    from playwright.sync_api import expect

    from amane.reports.tests.factories import file_report

    build_square_geography()
    file_report()
    page = open_page("/")
    expect(page.locator("#map")).to_have_attribute("data-zoom", re.compile(r"\d"))
    # Moved with Leaflet itself, then tapped where the commune is and no report cell sits.
    point = page.evaluate(
        "(() => { var m = AmaneMap.maps[0]; m.setView([31.05, -7.95], 11, { animate: false });"
        " var p = m.latLngToContainerPoint([31.09, -7.99]); return [p.x, p.y]; })()"
    )
    page.locator("#map").click(position={"x": point[0], "y": point[1]})
    popup = page.locator(".leaflet-popup")
    expect(popup).to_contain_text("مدينة الأمان")
    expect(popup).to_contain_text("البلاغات العمومية: 1")
    expect(popup.get_by_role("link", name="افتح صفحة الجماعة")).to_have_attribute("href", "/communes/99.901.01.01/")
    assert page.url.rstrip("/").endswith(page.url.split("/")[2])  # still the home page
    shot(page, "home-popup-ar.png")


def test_errors_come_together_and_the_summary_takes_focus(open_page: Any) -> None:
    from playwright.sync_api import expect

    build_square_geography()
    page = open_page("/report/")
    page.locator("#id_photos").set_input_files(
        files=[{"name": "x.jpg", "mimeType": "image/jpeg", "buffer": b"not a photo"}]
    )
    page.get_by_role("button", name="أرسل البلاغ").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    # Category, description and place from one pass, the photo refused, and photos to choose again.
    expect(summary.locator("a")).to_have_count(5)
    expect(page.locator("#photos-again")).to_be_visible()
    shot(page, "form-errors-ar.png")
    summary.get_by_role("link", name=re.compile("ماذا حدث؟")).click()
    expect(page.locator("#id_description")).to_be_focused()
    page.locator("#id_description").fill("سرقة")
    expect(page.locator("#description-count")).to_have_text("4 / 5000 حرف")


def test_without_javascript_nothing_that_needs_it_is_shown(open_page: Any) -> None:
    from playwright.sync_api import expect

    page = open_page("/report/", javascript=False)
    for id_ in ("use-location", "pick-map", "pick-hint", "description-count"):
        expect(page.locator(f"#{id_}")).to_be_hidden()
    expect(page.get_by_role("link", name=re.compile("19"))).to_be_visible()
    # No help and no error sends a reader without JavaScript to a map they do not have.
    expect(page.locator("#id_place_helptext")).not_to_contain_text("الخريطة")
    page.get_by_role("button", name="أرسل البلاغ").click()
    expect(page.locator("#error-summary")).not_to_contain_text("الخريطة")
    shot(page, "form-no-js-ar.png")
    expect(open_page("/report/").locator("#id_place_helptext")).to_contain_text("الخريطة")
    home = open_page("/?place=nowhere-at-all", javascript=False)
    expect(home.locator("#map")).to_be_hidden()
    expect(home.locator("#unknown-place")).to_be_visible()
    expect(home.locator("#unknown-place")).not_to_contain_text("الخريطة")
    expect(open_page("/").locator("#map")).to_be_visible()


def test_the_language_switch_keeps_filters_and_typed_text(open_page: Any) -> None:
    from playwright.sync_api import expect

    build_square_geography()
    page = open_page("/?category=vandalism")
    page.locator("#language-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert "category=vandalism" in page.url
    form = open_page("/report/")
    form.get_by_label("ماذا حدث؟").fill("تكسير مصابيح الإنارة العمومية")
    form.get_by_label("تخريب").check()
    form.locator("#language-switch").click()
    expect(form.locator("html")).to_have_attribute("lang", "fr")
    expect(form.locator("#id_description")).to_have_value("تكسير مصابيح الإنارة العمومية")
    expect(form.get_by_label("Vandalisme")).to_be_checked()


def test_a_long_description_is_kept_whole_and_refused_with_its_count(open_page: Any) -> None:
    from playwright.sync_api import expect

    build_square_geography()
    page = open_page("/report/")
    fill_arabic_form(page)
    text = "ب" * 5010
    page.get_by_label("ماذا حدث؟").fill(text)
    counter = page.locator("#description-count")
    expect(counter).to_have_text("5010 / 5000 حرف")
    expect(counter).to_have_class(re.compile("over"))
    expect(counter).to_have_attribute("aria-live", "polite")
    page.get_by_role("button", name="أرسل البلاغ").click()
    expect(page.locator("#id_description_error")).to_contain_text("5010")
    expect(page.locator("#id_description")).to_have_value(text)
    assert Report.objects.count() == 0


def test_a_dated_map_too_full_to_count_says_so_and_an_undated_one_does_not(open_page: Any, monkeypatch: Any) -> None:
    from django.utils import timezone
    from playwright.sync_api import expect

    from amane.reports import selectors
    from amane.reports.tests.factories import file_report

    build_square_geography()
    file_report()
    file_report()
    monkeypatch.setattr(selectors, "DATED_COUNT_LIMIT", 1)
    since = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    page = open_page(f"/?occurred_from={since}")
    expect(page.locator("#map-too-wide")).to_be_visible()
    expect(page.locator("#map-too-wide")).to_contain_text("قرّب الخريطة")
    shot(page, "home-dated-too-wide-ar.png")
    undated = open_page("/?lang=fr", locale="fr-FR")
    undated.wait_for_load_state("networkidle")  # the cells have come
    expect(undated.locator("#map-too-wide")).to_be_hidden()


def test_a_typed_arrondissement_is_offered_with_its_province_and_files_the_report_there(open_page: Any) -> None:
    from playwright.sync_api import expect

    from amane.geo.tests.factories import CITY, CITY_EAST

    build_square_geography()
    page = open_page("/report/?lang=fr", locale="fr-FR")
    page.get_by_label("Vol et cambriolage").check()
    page.get_by_label("Que s'est-il passé ?").fill("Vol de téléphone à l'arraché près de l'arrêt de bus")
    page.get_by_label("Ville ou commune").fill("Arrondissement Est")
    choice = page.locator("#place-suggestions button", has_text="Arrondissement Est")
    expect(choice).to_have_text(re.compile(r"^Arrondissement Est — \S"))  # its province follows
    choice.click()
    page.get_by_role("button", name="Envoyer le signalement").click()
    expect(page.locator("#receipt-code")).to_have_text(RECEIPT)
    report = Report.objects.select_related("commune", "arrondissement").get()
    assert (report.commune.code, report.arrondissement.code if report.arrondissement else None) == (CITY, CITY_EAST)

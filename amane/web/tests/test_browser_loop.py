"""
Issue 15's loop, walked in Chromium on the real geography and the demo's units of Taroudant:
an anonymous citizen reports in the first annex's quarter; that annex's officer sees it (the
second annex's does not), acknowledges it and asks a question; the citizen answers on the
tracking page; the officer resolves it with a public answer; the citizen reads it.
"""

import io
import os
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from amane.authorities.models import Membership, ReportRouting, RoutingRole, Unit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("real_geography"),
]
RECEIPT = re.compile(r"[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}")
# In the north-west quarter of Taroudant: the first administrative annex (demo_units.py).
IN_FIRST_ANNEX = {"latitude": 30.478, "longitude": -8.888}
PASSWORD = "une-phrase-de-passe-solide-2026"


@pytest.fixture
def browser(live_server: Any) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        yield chromium
        chromium.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def phone(browser: Any, **options: Any) -> Any:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar-MA", **options)
    return context.new_page()


def officer_of(unit_code: str, username: str) -> None:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(user=user, unit=Unit.objects.get(code=unit_code))


def sign_in(page: Any, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/sign-in/?next=/inbox/")
    page.get_by_label("اسم المستخدم").fill(username)
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="تسجيل الدخول").click()


def shot(page: Any, name: str) -> None:
    folder = os.environ.get("AMANE_TEST_ARTIFACTS", "var/test-artifacts")
    os.makedirs(folder, exist_ok=True)
    page.screenshot(path=os.path.join(folder, name), full_page=True)


def test_a_report_in_taroudant_goes_round_the_loop(browser: Any, live_server: Any) -> None:
    from playwright.sync_api import expect

    call_command("import-units", "--with-demo", stdout=io.StringIO(), stderr=io.StringIO())
    officer_of("annex-taroudant-1", "annex1")
    officer_of("annex-taroudant-2", "annex2")
    url = live_server.url

    # An anonymous citizen reports from where they stand.
    citizen = phone(browser, geolocation=IN_FIRST_ANNEX, permissions=["geolocation"])
    citizen.goto(f"{url}/report/")
    citizen.get_by_label("سرقة وسطو").check()
    citizen.get_by_label("ماذا حدث؟").fill("سرقة دراجة نارية قرب باب السوق")
    citizen.get_by_role("button", name="استعمل موقعي الحالي").click()
    expect(citizen.locator("#id_lat")).not_to_have_value("")
    citizen.get_by_role("button", name="أرسل البلاغ").click()
    code = citizen.locator("#receipt-code").inner_text()
    assert RECEIPT.fullmatch(code)
    routing = ReportRouting.objects.get(role=RoutingRole.RESPONSIBLE)
    assert routing.unit.code == "annex-taroudant-1"
    public_id = routing.report.public_id

    # The second annex does not see it; the first does.
    other = phone(browser)
    sign_in(other, url, "annex2")
    expect(other.locator("h1")).to_have_text("صندوق البلاغات")
    expect(other.get_by_text(public_id)).to_have_count(0)
    assert other.goto(f"{url}/inbox/reports/{public_id}/").status == 404

    officer = phone(browser)
    sign_in(officer, url, "annex1")
    officer.get_by_role("link", name="سرقة وسطو").first.click()
    officer.get_by_label("الحالة الجديدة").select_option("acknowledged")
    officer.get_by_role("button", name="غيّر الحالة").click()
    expect(officer.locator(".notices")).to_contain_text("تغيّرت الحالة")
    officer.get_by_label("رسالة إلى المبلّغ").fill("هل تتذكر لون الدراجة؟")
    officer.get_by_role("button", name="أرسل إلى المبلّغ").click()
    expect(officer.locator("#thread")).to_contain_text("هل تتذكر لون الدراجة؟")

    # The citizen reads the question on the tracking page and answers.
    citizen.goto(f"{url}/track/")
    citizen.get_by_label("رمز التتبع").fill(code)
    citizen.get_by_role("button", name="عرض", exact=True).click()
    expect(citizen.locator("#thread-panel")).to_contain_text("هل تتذكر لون الدراجة؟")
    citizen.locator("#reply-form textarea").fill("حمراء، من نوع دوكير")
    citizen.get_by_role("button", name="أرسل ردي").click()

    # The officer reads the answer and resolves with a public answer.
    officer.reload()
    expect(officer.locator("#thread")).to_contain_text("حمراء، من نوع دوكير")
    officer.get_by_label("الحالة الجديدة").select_option("resolved")
    officer.get_by_label("جواب علني").fill("استُرجعت الدراجة وسُلّمت لصاحبها")
    officer.get_by_role("button", name="غيّر الحالة").click()
    shot(officer, "loop-officer-ar.png")

    # The citizen sees the answer.
    citizen.goto(f"{url}/track/")
    citizen.get_by_label("رمز التتبع").fill(code)
    citizen.get_by_role("button", name="عرض", exact=True).click()
    expect(citizen.locator("main")).to_contain_text("استُرجعت الدراجة وسُلّمت لصاحبها")
    shot(citizen, "loop-citizen-ar.png")

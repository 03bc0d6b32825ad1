"""
Issue 16's loop, walked in Chromium at phone width on the real geography and the demo's units
of Taroudant: an association registers and the pashalik verifies it; a member declares the
café-by-the-school black spot, linking two reports; the pashalik answers "action planned";
a meeting is scheduled, confirmed, attended and yields two recommendations, one marked done;
the public accountability page shows both; the commune's number sheet downloads as a PDF
whose text holds the numbers; three visitors flag a report, which leaves the public pages
until a moderator restores it.
"""

import datetime as dt
import io
import os
import re
import unicodedata
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from amane.accounts.models import RoleGrant
from amane.authorities.models import Membership, MembershipRole, Unit
from amane.blackspots.models import BlackSpot
from amane.core.actors import ANONYMOUS_REPORTER
from amane.meetings.models import Meeting
from amane.reports.services import report_submit
from amane.web.tests.test_browser_loop import CHROMIUM, PASSWORD, browser, phone, shot  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("real_geography"),
]
TAROUDANT = "09.541.01.13"
# The café by the school, in the town's north-west quarter; the two reports stand within 250 m.
CAFE = (30.4781, -8.8881)
NEAR_CAFE = ((30.4785, -8.8878), (30.4777, -8.8886))


def person(username: str, *, unit: str | None = None, moderator: bool = False) -> None:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if unit:
        Membership.objects.create(user=user, unit=Unit.objects.get(code=unit), role=MembershipRole.HEAD)
    if moderator:
        RoleGrant.objects.create(user=user, role="moderator")


def sign_in(page: Any, url: str, username: str, then: str) -> None:
    page.goto(f"{url}/accounts/sign-in/?next={then}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()


def submit(page: Any, form: str = "main form") -> None:
    page.locator(f"{form} button[type=submit]").last.click()


def file_near_cafe() -> list[str]:
    filed = []
    for lat, lon in NEAR_CAFE:
        report = report_submit(
            actor=ANONYMOUS_REPORTER,
            category_code="harassment",
            description="شباب يتحرشون بالتلميذات أمام المقهى قرب المدرسة",
            occurred_at=timezone.now() - dt.timedelta(hours=5),
            lat=lat,
            lon=lon,
        ).report
        filed.append(report.public_id)
    return filed


def test_associations_black_spots_meetings_numbers_and_flags(browser: Any, live_server: Any) -> None:  # noqa: F811
    from playwright.sync_api import expect

    call_command("import-units", "--with-demo", stdout=io.StringIO(), stderr=io.StringIO())
    person("pasha", unit="pashalik-taroudant")
    person("moderator", moderator=True)
    reports = file_near_cafe()
    url = live_server.url

    # An association registers in Taroudant, creating its admin's account as it goes.
    member = phone(browser)
    member.goto(f"{url}/associations/register/")
    member.fill("#id_name_ar", "جمعية آباء تلاميذ مدرسة الأمل")
    member.fill("#id_name_fr", "Association des parents de l'école Al Amal")
    member.fill("#id_registration_number", "112/2021")
    member.locator("input[name=domains][value=schools]").check()
    member.fill("#id_communes", TAROUDANT)
    member.fill("#id_contact_email", "bureau@alamal.example.org")
    member.fill("#id_account-account_email", "amina@alamal.example.org")
    member.fill("#id_account-password", PASSWORD)
    submit(member)
    expect(member.locator(".status")).to_have_text("في انتظار المصادقة")
    association_url = member.url

    # The pashalik verifies it.
    pasha = phone(browser)
    sign_in(pasha, url, "pasha", association_url.removeprefix(url))
    pasha.select_option("#id_decision", "verify")
    submit(pasha, "form[action$='/decision/']")
    expect(pasha.locator(".status")).to_have_text("مصادق عليها")

    # A member declares the café by the school, and links the two reports offered nearby.
    member.goto(f"{url}/black-spots/new/")
    member.locator("input[name=category][value=gathering-place]").check()
    member.fill("#id_lat", str(CAFE[0]))
    member.fill("#id_lon", str(CAFE[1]))
    member.fill("#id_description", "مقهى قرب مدرسة الأمل يتجمع فيه من يتربص بالتلاميذ عند الخروج")
    submit(member)
    for public_id in reports:
        member.locator(f"#offered-reports input[value='{public_id}']").check()
    submit(member)
    expect(member.locator("#spot-reports li")).to_have_count(2)
    spot = BlackSpot.objects.get()
    assert spot.responsible_unit is not None

    # The pashalik answers "action planned", with a date.
    pasha.goto(f"{url}/black-spots/{spot.public_id}/")
    pasha.locator("input[name=status][value=action-planned]").check()
    pasha.fill("#id_planned_for", (timezone.localdate() + dt.timedelta(days=20)).isoformat())
    pasha.fill("#id_text", "دوريات يومية عند خروج التلاميذ ابتداء من الأسبوع المقبل")
    submit(pasha, "#answer-form form")
    expect(pasha.locator("#spot-status")).to_have_text(re.compile("مبرمج|planned|مقرر"))
    shot(pasha, "participation-black-spot-ar.png")

    # A meeting: scheduled, the association invited and confirming, attended, minuted.
    start = timezone.localtime() + dt.timedelta(days=2)
    pasha.goto(f"{url}/meetings/new/")
    pasha.fill("#id_title_ar", "لقاء تشاوري حول أمن محيط المدارس")
    pasha.fill("#id_starts_at", start.strftime("%Y-%m-%dT10:00"))
    pasha.fill("#id_ends_at", start.strftime("%Y-%m-%dT12:00"))
    pasha.fill("#id_place", "مقر الباشوية")
    pasha.fill("#id_agenda_ar", "الأمن في محيط المدارس؛ المقهى قرب مدرسة الأمل")
    submit(pasha)
    meeting = Meeting.objects.get()
    pasha.locator("input[name=associations]").first.check()
    submit(pasha, "form:has(input[value=invite])")
    member.goto(f"{url}/meetings/invitations/")
    member.locator("button[value=confirmed]").click()
    # The meeting's day comes.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=3), ends_at=timezone.now() - dt.timedelta(hours=1)
    )
    pasha.goto(f"{url}/meetings/{meeting.public_id}/")
    pasha.locator("input[name=attended]").first.check()
    submit(pasha, "form:has(input[value=attendance])")
    pasha.fill("#id_minutes", "حضرت الجمعية؛ تقرر تعزيز الدوريات وإنارة الزقاق.")
    submit(pasha, "form:has(input[value=minutes])")
    due = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    for text in ("تعزيز الدوريات عند أبواب المدارس", "إنارة الزقاق المؤدي إلى المدرسة"):
        pasha.fill("#id_text_ar", text)
        pasha.fill("#id_responsible_unit", "pashalik-taroudant")
        pasha.fill("#id_due_on", due)
        pasha.fill("#id_black_spots", spot.public_id)
        submit(pasha, "form:has(input[value=recommend])")
    expect(pasha.locator("#recommendations li")).to_have_count(2)

    # One of them is done.
    pasha.locator("#recommendations a").first.click()
    pasha.select_option("#id_new_status", "done")
    pasha.fill("#id_text", "الدوريات قائمة كل يوم عند الخروج")
    submit(pasha)

    # The public accountability page shows both, one done.
    visitor = phone(browser)
    visitor.goto(f"{url}/communes/{TAROUDANT}/accountability/")
    page_text = visitor.locator("main").inner_text()
    assert "تعزيز الدوريات عند أبواب المدارس" in page_text and "إنارة الزقاق المؤدي إلى المدرسة" in page_text
    shot(visitor, "participation-accountability-ar.png")

    # The commune's number sheet is a real PDF whose text holds the numbers.
    sheet = visitor.request.get(f"{url}/communes/{TAROUDANT}/numbers.pdf?lang=ar")
    assert sheet.headers["content-type"] == "application/pdf"
    text = unicodedata.normalize(
        "NFKC", "".join(page.extract_text() for page in PdfReader(io.BytesIO(sheet.body())).pages)
    )
    assert "19" in text and "15" in text

    # Three different visitors flag a report: it leaves the public pages.
    flagged = reports[0]
    for n in range(3):
        context = browser.new_context(viewport={"width": 390, "height": 844}, user_agent=f"Mozilla/5.0 visitor-{n}")
        flagger = context.new_page()
        flagger.goto(f"{url}/flag/?kind=report&id={flagged}")
        flagger.locator("input[name=reason][value=misleading]").check()
        submit(flagger)
        context.close()
    assert visitor.goto(f"{url}/reports/{flagged}/").status == 404
    visitor.goto(f"{url}/communes/{TAROUDANT}/")
    expect(visitor.locator(f"a[href='/reports/{flagged}/']")).to_have_count(0)

    # Until a moderator restores it.
    moderator = phone(browser)
    sign_in(moderator, url, "moderator", "/moderation/")
    moderator.locator("button[value=restore]").first.click()
    assert visitor.goto(f"{url}/reports/{flagged}/").status == 200

"""`amane demo` on the national geography, through the same services as citizens."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from amane.demo.services import demo_create, demo_end
from amane.reports.models import Report, ReportEvent
from amane.reports.selectors import report_track

pytestmark = [pytest.mark.realdata, pytest.mark.django_db, pytest.mark.usefixtures("real_geography")]


def test_the_demo_files_marked_reports_with_authority_answers(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("demo", reports=120, seed=3, verbosity=0, stdout=out)
    reports = Report.objects.all()
    assert 100 <= reports.count() <= 125
    assert not reports.filter(is_demo=False).exists()
    assert reports.values("commune").distinct().count() >= 9
    assert ReportEvent.objects.exclude(status="submitted").filter(actor_role="authority").exists()
    logins = (tmp_path / "demo-logins.txt").read_text()
    assert "user admin" in logins
    codes = re.findall(r"[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}", out.getvalue())
    assert codes, "the sample receipt codes are printed once"
    assert not any(code in logins for code in codes), "and kept nowhere"
    for code in codes:  # each one shows an authority's answer on the tracking page
        assert report_track(receipt_code=code).events.filter(actor_role="authority").exists()


def test_no_authority_answer_is_dated_after_the_demo_ends() -> None:
    end = demo_end(timezone.now())
    demo_create(total=120, seed=3, end=end)
    answered = ReportEvent.objects.filter(actor_role="authority").values_list("at", flat=True)
    # Steps due later have not happened yet; they used to pile up on the end itself.
    assert answered and max(answered) < end


def test_silent_demo_steps_store_no_text_and_written_ones_keep_theirs() -> None:
    demo_create(total=120, seed=3, end=demo_end(timezone.now()))
    steps = ReportEvent.objects.filter(actor_role="authority")
    assert not steps.filter(status__in=["acknowledged", "in_progress"]).exclude(message="").exists()
    assert not steps.filter(status="resolved", message="").exists()


def test_the_demo_adds_nothing_when_reports_exist(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path
    call_command("demo", reports=30, seed=3, verbosity=0, stdout=io.StringIO())
    before = Report.objects.count()
    out = io.StringIO()
    call_command("demo", reports=30, seed=4, if_empty=True, verbosity=0, stdout=out)
    assert Report.objects.count() == before
    assert "no demo reports added" in out.getvalue()


def test_import_geography_again_is_quick_and_changes_nothing() -> None:
    out = io.StringIO()
    call_command("import-geography", stdout=out)
    assert "up to date" in out.getvalue()


def test_the_demo_logins_include_officers_of_the_taroudant_annexes_who_can_sign_in(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    settings.VAR_DIR = tmp_path
    call_command("import-units", "--with-demo", verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
    call_command("demo", reports=30, seed=5, verbosity=0, stdout=io.StringIO())
    logins = (tmp_path / "demo-logins.txt").read_text()
    found = re.search(r"user (annex1\.taroudant), password (\S+)", logins)
    assert found is not None
    client = Client()
    assert client.post("/accounts/sign-in/", {"username": found[1], "password": found[2]}).status_code == 302
    assert client.get("/inbox/").status_code == 200

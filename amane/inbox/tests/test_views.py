"""The inbox pages: signed-in officers only, their jurisdiction only, nothing typed ever lost."""

import pytest
from django.test import Client

from amane.authorities.tests.factories import IN_DOUAR, NORTH_ANNEX, Units, point_of, signed_in_officer
from amane.reports.models import Report
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db


def test_a_visitor_is_sent_to_sign_in_and_a_citizen_account_finds_no_inbox(units: Units) -> None:
    answer = Client().get("/inbox/")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/sign-in/")
    assert signed_in_officer().get("/inbox/").status_code == 404


def test_the_list_shows_the_units_reports_with_counts(units: Units) -> None:
    mine = file_report(point=point_of(NORTH_ANNEX)).report
    other = file_report(point=point_of(IN_DOUAR)).report
    page = signed_in_officer("annex-north").get("/inbox/").content.decode()
    assert mine.public_id in page and other.public_id not in page
    assert 'id="inbox-counts"' in page


def test_the_list_says_when_its_counts_cover_only_the_newest_reports(
    units: Units, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_report(point=point_of(NORTH_ANNEX))
    file_report(point=point_of(NORTH_ANNEX))
    client = signed_in_officer("annex-north")
    assert 'id="inbox-capped"' not in client.get("/inbox/").content.decode()
    monkeypatch.setattr("amane.inbox.selectors.WINDOW", 1)
    monkeypatch.setattr("amane.inbox.views.selectors.WINDOW", 1)
    page = client.get("/inbox/").content.decode()
    assert 'id="inbox-capped"' in page and "أحدث 1 بلاغ لكل وحدة" in page


def test_a_report_outside_the_jurisdiction_is_a_404(units: Units) -> None:
    other = file_report(point=point_of(IN_DOUAR)).report
    assert signed_in_officer("annex-north").get(f"/inbox/reports/{other.public_id}/").status_code == 404


def test_the_exact_place_is_shown_to_the_responsible_unit_not_to_one_in_copy(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    assert (
        'id="exact-place"'
        in signed_in_officer("annex-north").get(f"/inbox/reports/{report.public_id}/").content.decode()
    )
    in_copy = signed_in_officer("police-city").get(f"/inbox/reports/{report.public_id}/").content.decode()
    assert 'id="exact-place"' not in in_copy and f"{report.lat:.5f}" not in in_copy


def test_a_status_change_redirects_and_shows_on_the_public_page(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    client = signed_in_officer("annex-north")
    answer = client.post(
        f"/inbox/reports/{report.public_id}/",
        {"action": "status", "new_status": "acknowledged", "expected_status": "submitted", "message": "وصلنا البلاغ"},
    )
    assert answer.status_code == 302
    assert "وصلنا البلاغ" in Client().get(f"/reports/{report.public_id}/").content.decode()


def test_a_conflict_is_a_409_in_french_that_keeps_the_typed_answer(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status="acknowledged")
    typed = "Lampadaire réparé ce matin"
    answer = signed_in_officer("annex-north").post(
        f"/inbox/reports/{report.public_id}/?lang=fr",
        {"action": "status", "new_status": "in_progress", "expected_status": "submitted", "message": typed},
    )
    assert answer.status_code == 409
    page = answer.content.decode()
    assert "Quelqu" in page and "entre-temps" in page and typed in page
    assert Report.objects.get(pk=report.pk).status == "acknowledged"


def test_bulk_acknowledge_and_a_note_from_the_pages(units: Units) -> None:
    reports = [file_report(point=point_of(NORTH_ANNEX)).report for _ in range(2)]
    client = signed_in_officer("annex-north")
    answer = client.post("/inbox/", {"action": "acknowledge", "report": [r.public_id for r in reports]})
    assert answer.status_code == 302
    assert set(Report.objects.values_list("status", flat=True)) == {"acknowledged"}
    assert client.post(f"/inbox/reports/{reports[0].public_id}/", {"action": "note", "body": ""}).status_code == 400
    client.post(f"/inbox/reports/{reports[0].public_id}/", {"action": "note", "body": "اتصلنا بالجماعة"})
    assert "اتصلنا بالجماعة" in client.get(f"/inbox/reports/{reports[0].public_id}/").content.decode()
    assert "اتصلنا بالجماعة" not in Client().get(f"/reports/{reports[0].public_id}/").content.decode()


def test_a_reply_template_fills_the_public_answer_in_the_readers_language(units: Units) -> None:
    from amane.inbox.models import ReplyTemplate

    report = file_report(point=point_of(NORTH_ANNEX)).report
    template = ReplyTemplate.objects.get(title_fr="Accusé de réception")
    client = signed_in_officer("annex-north")
    arabic = client.get(f"/inbox/reports/{report.public_id}/?template={template.pk}").content.decode()
    assert f"{template.body_ar}</textarea>" in arabic
    french = client.get(f"/inbox/reports/{report.public_id}/?template={template.pk}&lang=fr").content.decode()
    assert f"{template.body_fr.replace(chr(39), '&#x27;')}</textarea>" in french
    unknown = client.get(f"/inbox/reports/{report.public_id}/?template=999999").content.decode()
    assert template.body_ar not in unknown


def test_an_overdue_report_is_marked_in_the_list(units: Units) -> None:
    import datetime as dt

    from amane.core import clock

    late = file_report(point=point_of(NORTH_ANNEX)).report
    client = signed_in_officer("annex-north")
    assert "overdue-badge" not in client.get("/inbox/").content.decode()
    with clock.pinned_at(clock.now() + dt.timedelta(days=4)):
        page = client.get("/inbox/").content.decode()
    assert page.count("overdue-badge") == 1 and late.public_id in page


def test_the_language_alone_does_not_count_as_a_filter(units: Units) -> None:
    client = signed_in_officer("annex-north")
    assert '<details class="filters-box" open>' not in client.get("/inbox/?lang=fr").content.decode()
    assert '<details class="filters-box" open>' in client.get("/inbox/?lang=fr&status=submitted").content.decode()

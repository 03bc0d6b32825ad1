"""The flag form, the moderators' queues, and the photos' premoderation on the pages."""

import pytest
from django.test import Client
from pytest_django.fixtures import SettingsWrapper

from amane.authorities.tests.factories import NORTH_ANNEX, Units, point_of, signed_in_officer
from amane.flags.models import CaseState, Flag, ModerationCase
from amane.flags.tests.factories import flag_by, make_moderator, report_with_photo, signed_in
from amane.reports.models import Photo, PhotoReview
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


class TestFlagForm:
    def test_form_then_thanks(self, units: Units) -> None:
        report = file_report().report
        client = Client(REMOTE_ADDR="192.0.2.1", HTTP_USER_AGENT="Phone/1")
        page = client.get("/flag/", {"kind": "report", "id": report.public_id})
        assert page.status_code == 200
        assert 'name="reason"' in page.content.decode()
        sent = client.post("/flag/", {"kind": "report", "id": report.public_id, "reason": "not_safety"})
        assert sent.status_code == 200
        assert 'id="flag-outcome"' in sent.content.decode()
        assert Flag.objects.get().reason == "not_safety"

    def test_a_bad_reason_shows_the_form_again(self, units: Units) -> None:
        report = file_report().report
        answer = Client().post("/flag/", {"kind": "report", "id": report.public_id, "reason": "x"})
        assert answer.status_code == 400
        assert not Flag.objects.exists()

    def test_unknown_content_is_404(self, units: Units) -> None:
        assert Client().post("/flag/", {"kind": "report", "id": "nope", "reason": "other"}).status_code == 404
        assert Client().get("/flag/", {"kind": "planet", "id": "x"}).status_code == 404

    def test_the_report_page_links_to_the_form(self, units: Units) -> None:
        report = file_report().report
        page = Client().get(f"/reports/{report.public_id}/").content.decode()
        assert f"/flag/?kind=report&amp;id={report.public_id}" in page


class TestQueue:
    def test_pending_cases_oldest_first_with_reasons_and_pages(self, units: Units, settings: SettingsWrapper) -> None:
        settings.AMANE_FLAG_THRESHOLDS = "report=1"
        reports = [file_report(description=f"وصف رقم {n}").report for n in range(3)]
        for report in reports:
            flag_by("report", report.public_id, 1)
        client = signed_in(make_moderator())
        first = client.get("/moderation/", {}).content.decode()
        assert all(f"case-{case.pk}" in first for case in ModerationCase.objects.all())
        positions = [first.index(report.public_id) for report in reports]
        assert positions == sorted(positions)
        assert "False or misleading" in first or "خاطئ" in first

    def test_cursor_pages(self, units: Units, settings: SettingsWrapper) -> None:
        settings.AMANE_FLAG_THRESHOLDS = "report=1"
        from amane.flags import limits

        reports = [file_report().report for _ in range(limits.QUEUE_PAGE + 1)]
        for report in reports:
            flag_by("report", report.public_id, 1)
        client = signed_in(make_moderator())
        first = client.get("/moderation/").content.decode()
        assert reports[-1].public_id not in first and 'rel="next"' in first
        after = ModerationCase.objects.order_by("id")[limits.QUEUE_PAGE - 1].pk
        second = client.get("/moderation/", {"after": after}).content.decode()
        assert reports[-1].public_id in second and reports[0].public_id not in second

    def test_restore_and_remove_buttons(self, units: Units) -> None:
        kept, dropped = file_report().report, file_report().report
        flag_by("report", kept.public_id, 3)
        flag_by("report", dropped.public_id, 3)
        client = signed_in(make_moderator())
        for report, decision in ((kept, "restore"), (dropped, "remove")):
            case = ModerationCase.objects.get(target_id=report.public_id)
            answer = client.post(f"/moderation/cases/{case.pk}/decide", {"decision": decision, "reason": "vu"})
            assert answer.status_code == 302
        states = dict(ModerationCase.objects.values_list("target_id", "state"))
        assert states == {kept.public_id: CaseState.RESTORED, dropped.public_id: CaseState.REMOVED}
        assert Client().get(f"/reports/{kept.public_id}/").status_code == 200
        assert Client().get(f"/reports/{dropped.public_id}/").status_code == 404


class TestPhotoPremoderation:
    def test_a_new_photo_waits_for_a_moderator(self, units: Units) -> None:
        filed = report_with_photo(point=point_of(NORTH_ANNEX))
        photo = filed.report.photos.get()
        public = Client()
        page = public.get(f"/reports/{filed.report.public_id}/").content.decode()
        assert "photo-waiting" in page and f"/photos/{photo.public_id}/thumb.jpg" not in page
        assert public.get(f"/photos/{photo.public_id}.jpg").status_code == 404
        assert public.get(f"/photos/{photo.public_id}/thumb.jpg").status_code == 404
        home = public.get("/").content.decode()
        assert "photo-waiting" in home
        # The report's officers and the reporter still see it, never from a shared cache.
        officer = signed_in_officer("annex-north").get(f"/photos/{photo.public_id}.jpg")
        assert officer.status_code == 200 and officer["Cache-Control"] == "private, no-store"
        reporter = Client()
        tracked = reporter.post("/track/", {"receipt_code": filed.receipt_code}).content.decode()
        assert f"/photos/{photo.public_id}/thumb.jpg" in tracked and "photo-waiting" in tracked
        assert reporter.get(f"/photos/{photo.public_id}/thumb.jpg").status_code == 200
        # An officer of another unit does not.
        assert signed_in_officer("caidat-douar").get(f"/photos/{photo.public_id}.jpg").status_code == 404

    def test_approved_it_is_public(self, units: Units) -> None:
        filed = report_with_photo()
        photo = filed.report.photos.get()
        moderator = signed_in(make_moderator())
        listed = moderator.get("/moderation/photos/").content.decode()
        assert f"photo-{photo.public_id}" in listed
        assert moderator.get(f"/moderation/photos/{photo.public_id}.jpg").status_code == 200
        moderator.post(f"/moderation/photos/{photo.public_id}/review", {"decision": "approve"})
        photo.refresh_from_db()
        assert photo.review == PhotoReview.APPROVED
        answer = Client().get(f"/photos/{photo.public_id}.jpg")
        assert answer.status_code == 200 and answer["Cache-Control"] == "private, max-age=3600"
        page = Client().get(f"/reports/{filed.report.public_id}/").content.decode()
        assert f"/photos/{photo.public_id}/thumb.jpg" in page
        api = Client().get(f"/api/v1/reports/{filed.report.public_id}").json()
        assert len(api["photos"]) == 1

    def test_removed_it_stays_private(self, units: Units) -> None:
        photo = report_with_photo().report.photos.get()
        signed_in(make_moderator()).post(f"/moderation/photos/{photo.public_id}/review", {"decision": "remove"})
        assert Photo.objects.get().review == PhotoReview.REMOVED
        assert Client().get(f"/photos/{photo.public_id}.jpg").status_code == 404

    def test_without_premoderation_a_photo_is_public_at_once(self, units: Units, settings: SettingsWrapper) -> None:
        settings.AMANE_PHOTOS_PREMODERATED = False
        photo = report_with_photo().report.photos.get()
        assert Client().get(f"/photos/{photo.public_id}.jpg").status_code == 200


def test_too_many_flags_get_a_429_page_in_french(units: Units, settings: SettingsWrapper) -> None:
    settings.RATELIMIT_ENABLE = True
    settings.AMANE_RATE_LIMIT_FLAG = "1/h"
    first, second = file_report().report, file_report().report
    client = Client(REMOTE_ADDR="192.0.2.9", HTTP_USER_AGENT="Phone/9")
    client.cookies["amane_language"] = "fr"
    assert client.post("/flag/", {"kind": "report", "id": first.public_id, "reason": "other"}).status_code == 200
    refused = client.post("/flag/", {"kind": "report", "id": second.public_id, "reason": "other"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Vous avez envoyé beaucoup de signalements" in refused.content.decode()
    assert Flag.objects.count() == 1

"""Writing in a report's private thread: who may, what is kept, what is told, what a refusal leaves."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image

from amane.audit.models import AuditEntry
from amane.authorities.tests.factories import Units
from amane.conversations import limits
from amane.conversations.models import Author, Message
from amane.conversations.services import message_from_officer, message_from_reporter
from amane.conversations.tests.factories import asked, filed_in_north_annex, officer
from amane.core.actors import ANONYMOUS_REPORTER
from amane.core.errors import InvalidInput, NotFound
from amane.notifications.sms import MemorySmsBackend
from amane.reports.selectors import report_track
from amane.reports.tests.test_photos import GPS_IFD, photo_with_gps

pytestmark = pytest.mark.django_db


def media_files(settings: Any) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


class TestMessageFromOfficer:
    def test_the_responsible_unit_writes_and_the_officer_and_unit_are_kept(self, units: Units) -> None:
        filed = filed_in_north_annex()
        user, actor = officer()
        message = message_from_officer(actor=actor, report=filed.report, unit=units.north_annex, body="  متى؟  ")
        message.refresh_from_db()
        assert (message.author, message.body, message.unit, message.officer_id) == (
            Author.OFFICER,
            "متى؟",
            units.north_annex,
            user.pk,
        )

    @pytest.mark.parametrize("unit_name", ["pashalik", "city_police", "wilaya", "south_west_annex"])
    def test_a_unit_in_copy_above_or_elsewhere_is_told_not_found(self, units: Units, unit_name: str) -> None:
        filed = filed_in_north_annex()
        _, actor = officer()
        with pytest.raises(NotFound):
            message_from_officer(actor=actor, report=filed.report, unit=getattr(units, unit_name), body="?")
        assert not Message.objects.exists()
        assert not AuditEntry.objects.filter(action__startswith="message.").exists()

    def test_the_officers_time_is_exact_and_the_audit_names_the_officer(self, units: Units) -> None:
        question = asked(units).question
        entry = AuditEntry.objects.get(action="message.officer")
        assert entry.actor_user_id == question.officer_id
        assert entry.target_id == question.report.public_id
        assert entry.details == {"message": question.pk, "photo": False, "unit": "annex-north"}
        assert abs((timezone.now() - question.created_at).total_seconds()) < 60

    def test_the_audit_never_holds_the_text(self, units: Units) -> None:
        asked(units, body="الباب الشرقي قرب بائع السمك")
        entry = AuditEntry.objects.get(action="message.officer")
        assert "بائع السمك" not in str(entry.details) + str(entry.before) + str(entry.after)

    @pytest.mark.parametrize(
        ("body", "expected"),
        [("   ", "اكتب رسالتك."), ("x" * (limits.BODY_MAX + 3), "اختصرها بـ 3."), ("a\x00b", "حرف")],
    )
    def test_an_empty_long_or_unstorable_message_is_refused_on_its_field(
        self, units: Units, body: str, expected: str
    ) -> None:
        filed = filed_in_north_annex()
        _, actor = officer()
        with pytest.raises(InvalidInput) as refused:
            message_from_officer(actor=actor, report=filed.report, unit=units.north_annex, body=body)
        assert expected in refused.value.field_messages()["body"][0]
        assert not Message.objects.exists()

    def test_a_reporter_cannot_write_as_an_officer(self, units: Units) -> None:
        filed = filed_in_north_annex()
        with pytest.raises(ValueError, match="Only an authority"):
            message_from_officer(actor=ANONYMOUS_REPORTER, report=filed.report, unit=units.north_annex, body="?")


class TestNotice:
    def test_a_reporter_with_an_email_is_told_once_on_commit_with_a_link_and_no_text(
        self, units: Units, django_capture_on_commit_callbacks: Any
    ) -> None:
        filed = filed_in_north_annex(contact="reporter@example.ma", category_code="domestic-violence")
        _, actor = officer()
        with django_capture_on_commit_callbacks() as callbacks:
            message_from_officer(actor=actor, report=filed.report, unit=units.city_police, body="هل أنت بأمان الآن؟")
        assert mail.outbox == []
        for callback in callbacks:
            callback()
        assert len(mail.outbox) == 1
        sent = mail.outbox[0]
        assert sent.to == ["reporter@example.ma"]
        assert "https://amane.example/track/thread/" in sent.body
        everything = f"{sent.subject}\n{sent.body}"
        assert "بأمان" not in everything and "domestic" not in everything.lower()
        assert "violence" not in everything.lower() and filed.report.public_id not in everything

    def test_a_reporter_with_a_phone_gets_a_text_message(
        self, units: Units, django_capture_on_commit_callbacks: Any
    ) -> None:
        filed = filed_in_north_annex(contact="+212612345678")
        _, actor = officer()
        with django_capture_on_commit_callbacks(execute=True):
            message_from_officer(actor=actor, report=filed.report, unit=units.north_annex, body="أين بالضبط؟")
        assert len(MemorySmsBackend.outbox) == 1
        number, text = MemorySmsBackend.outbox[0]
        assert number == "+212612345678" and "أين" not in text and "/track/thread/" in text

    def test_a_reporter_without_contact_and_a_refused_message_tell_nobody(
        self, units: Units, django_capture_on_commit_callbacks: Any
    ) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            asked(units)
            with_contact = filed_in_north_annex(contact="reporter@example.ma")
            _, actor = officer("officer-2")
            with pytest.raises(NotFound):
                message_from_officer(actor=actor, report=with_contact.report, unit=units.pashalik, body="?")
        assert mail.outbox == [] and MemorySmsBackend.outbox == []

    def test_the_reporters_answer_tells_nobody(self, units: Units, django_capture_on_commit_callbacks: Any) -> None:
        done = asked(units, contact="reporter@example.ma")
        with django_capture_on_commit_callbacks(execute=True):
            message_from_reporter(receipt_code=done.filed.receipt_code, body="الباب الشرقي")
        assert mail.outbox == [] and MemorySmsBackend.outbox == []


class TestMessageFromReporter:
    def test_the_reporter_answers_with_the_day_only_and_no_unit_or_officer(self, units: Units) -> None:
        done = asked(units)
        answer = message_from_reporter(receipt_code=done.filed.receipt_code, body="الباب الشرقي")
        answer.refresh_from_db()
        local = timezone.localtime(answer.created_at)
        assert (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)
        assert local.date() == timezone.localdate()
        assert (answer.author, answer.unit_id, answer.officer_id) == (Author.REPORTER, None, None)

    def test_the_audit_of_an_answer_has_the_day_only_and_no_user(self, units: Units) -> None:
        done = asked(units)
        message_from_reporter(receipt_code=done.filed.receipt_code, body="نعم")
        entry = AuditEntry.objects.get(action="message.reporter")
        local = timezone.localtime(entry.at)
        assert entry.actor_user_id is None and (local.hour, local.minute, local.second) == (0, 0, 0)
        assert entry.target_id == done.filed.report.public_id

    @pytest.mark.parametrize("code", ["K7QM3-XHD9T-PAW2R-C4NBE", "not a code", ""])
    def test_a_wrong_code_is_the_tracking_pages_not_found(self, units: Units, code: str) -> None:
        asked(units)
        with pytest.raises(NotFound) as refused:
            message_from_reporter(receipt_code=code, body="نعم")
        with pytest.raises(NotFound) as on_the_tracking_page:
            report_track(receipt_code=code)
        assert str(refused.value.detail) == str(on_the_tracking_page.value.detail)
        assert not Message.objects.filter(author=Author.REPORTER).exists()

    def test_another_reports_right_code_does_not_open_this_thread(self, units: Units) -> None:
        done = asked(units)
        other = filed_in_north_annex()
        with pytest.raises(InvalidInput):
            message_from_reporter(receipt_code=other.receipt_code, body="نعم")
        assert list(Message.objects.values_list("report_id", flat=True)) == [done.filed.report.pk]

    def test_the_reporter_answers_only_once_the_authority_wrote(self, units: Units) -> None:
        filed = filed_in_north_annex()
        with pytest.raises(InvalidInput) as refused:
            message_from_reporter(receipt_code=filed.receipt_code, body="مرحبا")
        assert "بعد أن تراسلك السلطة" in refused.value.field_messages()["body"][0]

    def test_errors_come_in_french_for_a_french_reader(self, units: Units) -> None:
        from django.utils import translation

        done = asked(units)
        with translation.override("fr"):
            with pytest.raises(InvalidInput) as refused:
                message_from_reporter(receipt_code=done.filed.receipt_code, body="", photo=b"not a photo")
            fields = refused.value.field_messages()
        assert fields == {
            "body": ["Écrivez votre message."],
            "photo": ["Ce fichier n'est pas une photo qu'Amane peut lire (JPEG, PNG ou WebP)."],
        }


class TestPhotos:
    def test_a_photo_is_kept_re_encoded_without_its_position(self, units: Units) -> None:
        done = asked(units)
        answer = message_from_reporter(receipt_code=done.filed.receipt_code, body="هذه صورة", photo=photo_with_gps())
        kept = answer.photo.read()
        image = Image.open(io.BytesIO(kept))
        assert image.format == "JPEG" and dict(image.getexif()) == {}
        assert image.getexif().get_ifd(GPS_IFD) == {} and b"PhoneMaker" not in kept
        assert (answer.photo_width, answer.photo_height) == (64, 48) and len(answer.photo_public_id) == 16

    def test_a_photo_that_is_not_one_is_refused_and_nothing_is_kept(self, units: Units, settings: Any) -> None:
        done = asked(units)
        with pytest.raises(InvalidInput) as refused:
            message_from_reporter(receipt_code=done.filed.receipt_code, body="نعم", photo=b"GIF89a not really")
        assert list(refused.value.field_messages()) == ["photo"]
        assert Message.objects.count() == 1 and media_files(settings) == []

    def test_a_write_that_fails_after_saving_the_photo_removes_it(
        self, units: Units, settings: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        done = asked(units)

        def broken(**kwargs: object) -> None:
            raise RuntimeError("audit unavailable")

        monkeypatch.setattr("amane.conversations.services.audit_record", broken)
        with pytest.raises(RuntimeError):
            message_from_reporter(receipt_code=done.filed.receipt_code, body="نعم", photo=photo_with_gps())
        assert Message.objects.count() == 1 and media_files(settings) == []

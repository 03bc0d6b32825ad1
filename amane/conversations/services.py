"""
Writing in a report's private thread: an officer of the responsible unit, or the reporter.

Both check every input before touching the database, write the message, its photo and the
audit row in one transaction, and leave no row and no file behind when refused. An officer's
message tells a reporter who left a contact that there is something to read, with a link and
never the text: the text may concern a confidential report, and a text message or e-mail is
read on a shared phone or a work inbox.
"""

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from amane.audit.services import audit_record
from amane.authorities.models import ReportRouting, RoutingRole, Unit
from amane.conversations import limits
from amane.conversations.models import Author, Message
from amane.core import clock
from amane.core.actors import ANONYMOUS_REPORTER, Actor, Role
from amane.core.errors import InvalidInput, NotFound
from amane.core.errors import Message as ErrorMessage
from amane.notifications.services import Notice, notify
from amane.reports import receipt
from amane.reports.models import Report
from amane.reports.photos import CleanPhoto, PhotoRejected
from amane.reports.report_input import PHOTO_MESSAGES, clean_uploaded_photo
from amane.reports.selectors import report_track

PHOTO_ID_ALPHABET = receipt.ALPHABET.lower()
# The roles whose unit holds the thread: the one unit answerable for the report.
THREAD_ROLES = frozenset({RoutingRole.RESPONSIBLE.value})


def photo_upload_bytes(upload: IO[bytes] | None) -> bytes | None:
    """Read an uploaded photo one byte past the limit, so that a huge one is never read whole."""
    if upload is None:
        return None
    return upload.read(settings.AMANE_PHOTO_MAX_BYTES + 1)


@dataclass(frozen=True)
class _ValidMessage:
    body: str
    photo: CleanPhoto | None


def _validated(body: str, photo: bytes | None) -> _ValidMessage:
    errors: dict[str, list[ErrorMessage]] = {}
    text = (body or "").strip()
    if not text:
        errors["body"] = [_("Write your message.")]
    elif "\x00" in text:
        # PostgreSQL cannot store NUL in text; no keyboard types one.
        errors["body"] = [_("This text holds a character that is not allowed.")]
    elif len(text) > limits.BODY_MAX:
        errors["body"] = [
            _("The message has %(count)d characters; the most is %(limit)d. Shorten it by %(over)d.")
            % {"count": len(text), "limit": limits.BODY_MAX, "over": len(text) - limits.BODY_MAX}
        ]
    cleaned = None
    if photo:
        try:
            cleaned = clean_uploaded_photo(photo)
        except PhotoRejected as refused:
            errors["photo"] = [PHOTO_MESSAGES[refused.reason]]
    if errors:
        raise InvalidInput(fields=errors)
    return _ValidMessage(text, cleaned)


def unit_holds_thread(*, report: Report, unit_ids: list[int] | set[int] | frozenset[int]) -> bool:
    """Whether one of these units is the one answerable for the report, and so reads and writes its thread."""
    return ReportRouting.objects.filter(report=report, unit_id__in=list(unit_ids), role__in=THREAD_ROLES).exists()


def message_from_officer(*, actor: Actor, report: Report, unit: Unit, body: str, photo: bytes | None = None) -> Message:
    """
    Write `body` (and a photo) to the reporter for `unit`, and tell them by their contact if they left one.

    The caller has checked that the actor belongs to `unit`; a unit that is not the report's
    responsible unit gets NotFound, as if the report did not exist.
    """
    if actor.role != Role.AUTHORITY:
        raise ValueError("Only an authority writes as an officer.")
    if not unit_holds_thread(report=report, unit_ids={unit.pk}):
        raise NotFound()
    valid = _validated(body, photo)
    message = _store(
        actor=actor,
        report=report,
        fields={"author": Author.OFFICER, "unit": unit, "officer_id": actor.user_id, "created_at": clock.now()},
        valid=valid,
        audit_details={"unit": unit.code},
    )
    if report.contact:
        notify(contact=report.contact, notice=_answer_notice())
    return message


def message_from_reporter(*, receipt_code: str, body: str, photo: bytes | None = None) -> Message:
    """
    Write the reporter's answer in the thread of the report the receipt code opens.

    A wrong code is the tracking page's "not found". The reporter answers a thread an officer
    opened: nobody would read a message to a report no officer has written about.
    """
    report = report_track(receipt_code=receipt_code)
    if not Message.objects.filter(report=report, author=Author.OFFICER).exists():
        raise InvalidInput(fields={"body": [_("You can answer once the authority has written to you.")]})
    valid = _validated(body, photo)
    today = timezone.localdate(clock.now())
    return _store(
        actor=ANONYMOUS_REPORTER,
        report=report,
        fields={
            "author": Author.REPORTER,
            "created_at": timezone.make_aware(dt.datetime.combine(today, dt.time.min)),
        },
        valid=valid,
        audit_details={},
    )


def _store(
    *, actor: Actor, report: Report, fields: dict[str, object], valid: _ValidMessage, audit_details: dict[str, object]
) -> Message:
    saved_file = None
    try:
        with transaction.atomic():
            message = Message(report=report, body=valid.body, **fields)
            if valid.photo is not None:
                photo_id = "".join(secrets.choice(PHOTO_ID_ALPHABET) for _ in range(16))
                saved_file = default_storage.save(f"messages/{photo_id}.jpg", ContentFile(valid.photo.jpeg))
                message.photo = saved_file
                message.photo_public_id = photo_id
                message.photo_width, message.photo_height = valid.photo.width, valid.photo.height
            message.save(force_insert=True)
            # The audit says that a message was written, never what it says: the trail is read by unit heads.
            audit_record(
                actor=actor,
                action=f"message.{message.author}",
                target_type="report",
                target_id=report.public_id,
                details={"message": message.pk, "photo": valid.photo is not None, **audit_details},
            )
    except BaseException:
        if saved_file is not None:
            default_storage.delete(saved_file)
        raise
    return message


def _answer_notice() -> Notice:
    # The reporter's language is not known: the notice says it in Arabic, then French.
    texts, subjects = [], []
    for language in ("ar", "fr"):
        with translation.override(language):
            subjects.append(_("Amane: the authority wrote to you"))
            texts.append(
                _(
                    "The authority handling your report wrote to you. "
                    "Open the tracking page and type your receipt code to read it and answer."
                )
            )
    link = settings.AMANE_SITE_URL.rstrip("/") + reverse("conversations:thread")
    return Notice(subject=" / ".join(subjects), text="\n".join(texts), link=link)

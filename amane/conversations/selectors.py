"""
Reading a report's private thread: by the reporter with the receipt code, or by the units holding it.

The reporter's view is built of plain values that name the unit but never the officer, so
that no template or serialiser can show more than the reporter may see.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from amane.conversations.models import Author, Message
from amane.conversations.services import unit_holds_thread
from amane.core.errors import NotFound
from amane.reports.models import Report
from amane.reports.selectors import report_track


@dataclass(frozen=True)
class ReporterMessage:
    from_reporter: bool
    body: str
    day: dt.date
    # The writing unit's names (public); None for the reporter's own messages.
    unit_name_ar: str | None
    unit_name_fr: str | None
    photo_public_id: str
    photo_width: int | None
    photo_height: int | None


@dataclass(frozen=True)
class ReporterThread:
    report: Report
    messages: list[ReporterMessage]

    @property
    def can_answer(self) -> bool:
        return any(not message.from_reporter for message in self.messages)


def _reporter_view(message: Message) -> ReporterMessage:
    return ReporterMessage(
        from_reporter=message.author == Author.REPORTER,
        body=message.body,
        day=timezone.localdate(message.created_at),
        unit_name_ar=message.unit.name_ar if message.unit else None,
        unit_name_fr=message.unit.name_fr if message.unit else None,
        photo_public_id=message.photo_public_id,
        photo_width=message.photo_width,
        photo_height=message.photo_height,
    )


def thread_of_tracked_report(*, report: Report) -> ReporterThread:
    """Return the thread of a report its reporter has just opened with the receipt code (report_track)."""
    messages = Message.objects.filter(report=report).select_related("unit").order_by("id")
    return ReporterThread(report=report, messages=[_reporter_view(message) for message in messages])


def thread_for_reporter(*, receipt_code: str) -> ReporterThread:
    """Return the report a receipt code opens and its thread as the reporter sees it; a wrong code is NotFound."""
    return thread_of_tracked_report(report=report_track(receipt_code=receipt_code))


def thread_for_unit(*, report: Report, unit_ids: list[int] | set[int] | frozenset[int]) -> QuerySet[Message]:
    """
    Return the report's messages, oldest first, for an officer of one of `unit_ids`.

    NotFound unless one of them is the report's responsible unit, like a report out of reach.
    """
    if not unit_holds_thread(report=report, unit_ids=unit_ids):
        raise NotFound()
    return Message.objects.filter(report=report).select_related("unit", "officer").order_by("id")


def message_photo_for_reporter(*, receipt_code: str, photo_public_id: str) -> Message:
    """Return the message whose photo this is, if it is in the thread the receipt code opens."""
    report = report_track(receipt_code=receipt_code)
    return _photo_of(Message.objects.filter(report=report), photo_public_id)


def message_photo_for_unit(*, photo_public_id: str, unit_ids: list[int] | set[int] | frozenset[int]) -> Message:
    """Return the message whose photo this is, if one of `unit_ids` holds its thread."""
    message = _photo_of(Message.objects.select_related("report"), photo_public_id)
    if not unit_holds_thread(report=message.report, unit_ids=unit_ids):
        raise NotFound()
    return message


def _photo_of(messages: QuerySet[Message], photo_public_id: str) -> Message:
    message = messages.filter(photo_public_id=photo_public_id).exclude(photo_public_id="").first()
    if message is None:
        raise NotFound()
    return message

"""
The inbox as an API, for officers' own tools: the same selectors and services as the pages.

Every call needs `Authorization: Bearer <token>` (`amane api-token`); the token stands for
one person, whose units decide what they see, exactly as on the pages. A report outside
them is a 404, like one that does not exist.
"""

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import BaseModel, Field

from amane.accounts.tokens import BearerToken
from amane.authorities.api import UnitSummaryOut
from amane.authorities.serialisers import unit_summary
from amane.conversations.limits import BODY_MAX
from amane.conversations.models import Message
from amane.core import clock
from amane.core.actors import Actor, authority_user
from amane.core.errors import NotAllowed, NotFound
from amane.core.problems import openapi_responses
from amane.core.viewer import Viewer, viewer_for
from amane.geo.api import UnitOut, unit
from amane.inbox import selectors, services
from amane.inbox.models import NOTE_MAX
from amane.reports import limits
from amane.reports.models import Report
from amane.reports.schemas import CategoryOut, EventOut, IsoDate
from amane.reports.serialisers import category_out, event_out

router = Router(tags=["inbox"], auth=BearerToken())
REFUSALS = openapi_responses(400, 401, 403, 404, 409)


class InboxQuery(Schema):
    status: list[str] = Field(default_factory=list)
    category: list[str] = Field(default_factory=list)
    unit: str | None = Field(default=None, description="One of your units' codes; all of them when absent")
    text: str = Field(default="", max_length=100)
    occurred_from: IsoDate | None = Field(default=None, alias="from")
    occurred_to: IsoDate | None = Field(default=None, alias="to")
    before: int | None = Field(default=None, description="The `next_before` of the previous page")
    overdue: bool = Field(default=False, description="Only reports past their time to acknowledge or to resolve")


class InboxItemOut(BaseModel):
    id: str
    status: str
    category: CategoryOut
    commune: UnitOut
    occurred_on: dt.date
    description: str


class InboxPageOut(BaseModel):
    results: list[InboxItemOut]
    next_before: int | None
    counts: dict[str, int]
    capped: bool = Field(
        description=f"The counts and the text search stopped at each unit's newest {selectors.WINDOW:,} reports: "
        "counts are then lower bounds, and dates reach older reports"
    )


class NoteOut(BaseModel):
    unit: UnitSummaryOut
    at: dt.datetime
    body: str


class InboxReportOut(InboxItemOut):
    responsible: UnitSummaryOut | None
    copies: list[UnitSummaryOut]
    may_act: bool
    lat: float | None = Field(description="The exact point: for the responsible unit and those above it only")
    lon: float | None
    contact: str | None = Field(description="What the reporter left, if anything: same rule as the point")
    timeline: list[EventOut]
    notes: list[NoteOut]


class StatusIn(Schema):
    new_status: str
    expected_status: str = Field(description="The status you saw: a report changed meanwhile is a 409")
    message: str = Field(default="", max_length=limits.STATUS_MESSAGE_MAX)
    duplicate_of: str | None = None


class AcknowledgeIn(Schema):
    reports: list[str] = Field(max_length=200)


class AcknowledgeOut(BaseModel):
    done: list[str]
    refused: dict[str, str]


class NoteIn(Schema):
    body: str = Field(max_length=NOTE_MAX)


def _officer(request: HttpRequest) -> Viewer:
    viewer = viewer_for(request.user)
    if not viewer.acts_for_units:
        raise NotFound()
    return viewer


def _acting(request: HttpRequest) -> tuple[Viewer, Actor]:
    """The officer behind the token, and the same person as the actor of a write."""
    viewer = _officer(request)
    assert viewer.user_id is not None  # a token always names a person
    return viewer, authority_user(viewer.user_id)


def _item(report: Report) -> dict[str, object]:
    return {
        "id": report.public_id,
        "status": report.status,
        "category": category_out(report.category),
        "commune": unit(report.commune),
        "occurred_on": report.occurred_on,
        "description": report.description,
    }


@router.get("/inbox", response=InboxPageOut, summary="Your units' reports, newest first", openapi_extra=REFUSALS)
def inbox_list(request: HttpRequest, query: Query[InboxQuery]) -> dict[str, object]:
    viewer = _officer(request)
    unit_id = None
    if query.unit:
        unit_id = next((u.pk for u in selectors.viewer_units(viewer) if u.code == query.unit), -1)
    filters = selectors.InboxFilters(
        statuses=tuple(query.status),
        category_codes=tuple(query.category),
        unit_id=unit_id,
        text=query.text,
        occurred_from=query.occurred_from,
        occurred_to=query.occurred_to,
        overdue_at=clock.now() if query.overdue else None,
    )
    page = selectors.inbox_page(viewer=viewer, filters=filters, before=query.before)
    return {
        "results": [_item(r) for r in page.reports],
        "next_before": page.next_before,
        "counts": page.counts,
        "capped": page.capped,
    }


@router.get("/inbox/reports/{public_id}", response=InboxReportOut, summary="One report in full", openapi_extra=REFUSALS)
def inbox_report(request: HttpRequest, public_id: str) -> dict[str, object]:
    seen = selectors.inbox_report(viewer=_officer(request), public_id=public_id)
    report = seen.report
    return {
        **_item(report),
        "responsible": unit_summary(seen.responsible) if seen.responsible else None,
        "copies": [unit_summary(u) for u in seen.copies],
        "may_act": seen.may_act,
        "lat": report.lat if seen.may_act else None,
        "lon": report.lon if seen.may_act else None,
        "contact": (report.contact or None) if seen.may_act else None,
        "timeline": [event_out(e) for e in seen.events],
        "notes": [{"unit": unit_summary(n.unit), "at": n.at, "body": n.body} for n in seen.notes],
    }


@router.post(
    "/inbox/reports/{public_id}/status", response=EventOut, summary="Change a report's status", openapi_extra=REFUSALS
)
def inbox_status(request: HttpRequest, public_id: str, body: StatusIn) -> dict[str, object]:
    viewer, actor = _acting(request)
    event = services.inbox_change_status(
        viewer=viewer,
        actor=actor,
        public_id=public_id,
        new_status=body.new_status,
        expected_status=body.expected_status,
        message=body.message,
        duplicate_of_public_id=body.duplicate_of,
    )
    return event_out(event)


@router.post("/inbox/acknowledge", response=AcknowledgeOut, summary="Acknowledge many", openapi_extra=REFUSALS)
def inbox_acknowledge(request: HttpRequest, body: AcknowledgeIn) -> dict[str, object]:
    viewer, actor = _acting(request)
    outcome = services.inbox_acknowledge_many(viewer=viewer, actor=actor, public_ids=body.reports)
    return {"done": outcome.done, "refused": outcome.refused}


@router.post(
    "/inbox/reports/{public_id}/notes", response={201: NoteOut}, summary="Add an internal note", openapi_extra=REFUSALS
)
def inbox_note(request: HttpRequest, public_id: str, body: NoteIn) -> Status[dict[str, object]]:
    viewer, actor = _acting(request)
    note = services.note_add(viewer=viewer, actor=actor, public_id=public_id, body=body.body)
    return Status(201, {"unit": unit_summary(note.unit), "at": note.at, "body": note.body})


class TransferIn(Schema):
    to_unit: str = Field(description="The code of the unit that will answer")
    reason: str = Field(max_length=500)


class AssignIn(Schema):
    assignee: int = Field(description="The user id of an officer of the responsible unit")


class MessageIn(Schema):
    body: str = Field(max_length=BODY_MAX)


class MessageOut(BaseModel):
    author: str = Field(description="officer or reporter; officers' names are never given")
    unit: UnitSummaryOut | None
    day: dt.date
    body: str


def _message_out(message: Message) -> dict[str, object]:
    return {
        "author": message.author,
        "unit": unit_summary(message.unit) if message.unit else None,
        "day": message.created_at.date(),
        "body": message.body,
    }


@router.post(
    "/inbox/reports/{public_id}/transfer", response={204: None}, summary="Hand to another unit", openapi_extra=REFUSALS
)
def inbox_transfer(request: HttpRequest, public_id: str, body: TransferIn) -> Status[None]:
    viewer, actor = _acting(request)
    services.inbox_transfer(
        viewer=viewer,
        actor=actor,
        public_id=public_id,
        to_unit_code=body.to_unit,
        reason=body.reason,
    )
    return Status(204, None)


@router.post(
    "/inbox/reports/{public_id}/assign", response={204: None}, summary="Assign to an officer", openapi_extra=REFUSALS
)
def inbox_assign(request: HttpRequest, public_id: str, body: AssignIn) -> Status[None]:
    viewer, actor = _acting(request)
    services.inbox_assign(viewer=viewer, actor=actor, public_id=public_id, assignee_id=body.assignee)
    return Status(204, None)


@router.get(
    "/inbox/reports/{public_id}/messages",
    response=list[MessageOut],
    summary="The conversation with the reporter (responsible unit only)",
    openapi_extra=REFUSALS,
)
def inbox_messages(request: HttpRequest, public_id: str) -> list[dict[str, object]]:
    seen = selectors.inbox_report(viewer=_officer(request), public_id=public_id)
    if seen.thread is None:
        raise NotAllowed(_("Only the responsible unit writes to the reporter."))
    return [_message_out(message) for message in seen.thread]


@router.post(
    "/inbox/reports/{public_id}/messages",
    response={201: MessageOut},
    summary="Write to the reporter (responsible unit only)",
    openapi_extra=REFUSALS,
)
def inbox_message(request: HttpRequest, public_id: str, body: MessageIn) -> Status[dict[str, object]]:
    viewer, actor = _acting(request)
    message = services.inbox_message(viewer=viewer, actor=actor, public_id=public_id, body=body.body)
    return Status(201, _message_out(message))

"""
Meetings and recommendations as an API: public reads, and the writes of units and associations.

Writes need `Authorization: Bearer <token>` (`amane api-token`) or a signed-in session; the
person behind it acts exactly as on the pages (an officer for their units, a member for their
association), through the same services.
"""

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.security import django_auth
from pydantic import BaseModel, Field

from amane.accounts.tokens import BearerToken
from amane.authorities.api import UnitSummaryOut
from amane.authorities.selectors import unit_by_code
from amane.authorities.serialisers import unit_summary
from amane.core import clock
from amane.core.actors import Actor, association_member, authority_user
from amane.core.errors import NotFound
from amane.core.problems import openapi_responses
from amane.core.viewer import Viewer, viewer_for
from amane.geo.selectors import commune_by_code
from amane.meetings import selectors, services
from amane.meetings.models import (
    AGENDA_MAX,
    MINUTES_MAX,
    PLACE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    UPDATE_MAX,
    Meeting,
    MeetingInvitation,
    Recommendation,
    RecommendationUpdate,
)
from amane.meetings.progress import Progress, progress_of

router = Router(tags=["meetings"])
WRITE_AUTH = [BearerToken(), django_auth]
READS = openapi_responses(400, 404)
WRITES = openapi_responses(400, 401, 403, 404, 409)


class InvitationOut(BaseModel):
    association: str = Field(description="The association's slug")
    name_ar: str
    name_fr: str
    response: str
    attended: bool | None


class MeetingOut(BaseModel):
    id: str
    unit: UnitSummaryOut
    title_ar: str
    title_fr: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    lat: float | None
    lon: float | None
    agenda_ar: str
    agenda_fr: str
    status: str
    calendar: str = Field(description="The address of the meeting's iCalendar file")


class UpdateOut(BaseModel):
    at: dt.datetime
    text: str
    new_status: str
    unit: UnitSummaryOut


class RecommendationOut(BaseModel):
    id: str
    meeting: str
    responsible_unit: UnitSummaryOut
    text_ar: str
    text_fr: str
    due_on: dt.date
    status: str
    progress: str = Field(description="done, done_late, on_time, late or dropped, as of today")
    done_on: dt.date | None
    drop_reason: str
    latest_update: UpdateOut | None


class MeetingDetailOut(MeetingOut):
    minutes: str
    invitations: list[InvitationOut]
    recommendations: list[RecommendationOut]


class MonthOut(BaseModel):
    month: dt.date
    counts: dict[str, int]


class RecommendationPageOut(BaseModel):
    results: list[RecommendationOut]
    next: str | None
    counts: dict[str, int]
    months: list[MonthOut]


class PageQuery(Schema):
    cursor: str | None = Field(default=None, description="The `next` of the previous page")


class MeetingIn(Schema):
    unit: str = Field(description="The code of one of your units")
    title_ar: str = Field(default="", max_length=TITLE_MAX)
    title_fr: str = Field(default="", max_length=TITLE_MAX)
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str = Field(max_length=PLACE_MAX)
    lat: float | None = None
    lon: float | None = None
    agenda_ar: str = Field(default="", max_length=AGENDA_MAX)
    agenda_fr: str = Field(default="", max_length=AGENDA_MAX)


class InviteIn(Schema):
    associations: list[str] = Field(max_length=200, description="Slugs of verified associations")


class RespondIn(Schema):
    association: str = Field(description="The slug of your association")
    response: str = Field(description="confirmed or declined")


class AttendanceIn(Schema):
    attended: list[str] = Field(max_length=200, description="Slugs of the invited associations that came")


class MinutesIn(Schema):
    minutes: str = Field(max_length=MINUTES_MAX)


class RecommendationIn(Schema):
    text_ar: str = Field(default="", max_length=TEXT_MAX)
    text_fr: str = Field(default="", max_length=TEXT_MAX)
    responsible_unit: str
    due_on: dt.date
    black_spots: list[str] = Field(
        default_factory=list, max_length=20, description="Public ids of black spots it answers"
    )


class UpdateIn(Schema):
    text: str = Field(max_length=UPDATE_MAX)
    new_status: str


def _meeting_out(meeting: Meeting) -> dict[str, object]:
    return {
        "id": meeting.public_id,
        "unit": unit_summary(meeting.unit),
        "title_ar": meeting.title_ar,
        "title_fr": meeting.title_fr,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "lat": meeting.lat,
        "lon": meeting.lon,
        "agenda_ar": meeting.agenda_ar,
        "agenda_fr": meeting.agenda_fr,
        "status": meeting.status,
        "calendar": f"/meetings/{meeting.public_id}.ics",
    }


def _invitation_out(invitation: MeetingInvitation) -> dict[str, object]:
    return {
        "association": invitation.association.slug,
        "name_ar": invitation.association.name_ar,
        "name_fr": invitation.association.name_fr,
        "response": invitation.response,
        "attended": invitation.attended,
    }


def _update_out(update: RecommendationUpdate) -> dict[str, object]:
    return {"at": update.at, "text": update.text, "new_status": update.new_status, "unit": unit_summary(update.unit)}


def _recommendation_out(recommendation: Recommendation, today: dt.date) -> dict[str, object]:
    latest = recommendation.latest_update
    return {
        "id": recommendation.public_id,
        "meeting": recommendation.meeting.public_id,
        "responsible_unit": unit_summary(recommendation.responsible_unit),
        "text_ar": recommendation.text_ar,
        "text_fr": recommendation.text_fr,
        "due_on": recommendation.due_on,
        "status": recommendation.status,
        "progress": progress_of(
            status=recommendation.status, due_on=recommendation.due_on, done_on=recommendation.done_on, today=today
        ),
        "done_on": recommendation.done_on,
        "drop_reason": recommendation.drop_reason,
        "latest_update": _update_out(latest) if latest is not None else None,
    }


def _page(unit_ids: list[int], cursor: str | None) -> dict[str, object]:
    page = selectors.accountability_page(unit_ids=unit_ids, cursor=cursor)
    return {
        "results": [_recommendation_out(r, page.today) for r in page.recommendations],
        "next": page.next_cursor,
        "counts": {progress.value: page.tally.totals[progress] for progress in Progress},
        "months": [
            {"month": month.month, "counts": {p.value: n for p, n in month.counts.items()}}
            for month in page.tally.months
        ],
    }


def _officer(request: HttpRequest) -> tuple[Viewer, Actor]:
    viewer = viewer_for(request.user)
    if not viewer.acts_for_units or viewer.user_id is None:
        raise NotFound()
    return viewer, authority_user(viewer.user_id)


@router.get("/units/{code}/meetings", response=list[MeetingOut], summary="A unit's meetings", openapi_extra=READS)
def unit_meetings(request: HttpRequest, code: str) -> list[dict[str, object]]:
    return [_meeting_out(m) for m in selectors.unit_meetings(unit=unit_by_code(code=code))]


@router.get("/meetings/{public_id}", response=MeetingDetailOut, summary="One meeting", openapi_extra=READS)
def meeting_detail(request: HttpRequest, public_id: str) -> dict[str, object]:
    meeting = selectors.meeting_by_public_id(public_id=public_id)
    today = clock.now().date()
    return {
        **_meeting_out(meeting),
        "minutes": meeting.minutes,
        "invitations": [_invitation_out(i) for i in selectors.meeting_invitations(meeting=meeting)],
        "recommendations": [_recommendation_out(r, today) for r in selectors.meeting_recommendations(meeting=meeting)],
    }


@router.get(
    "/communes/{code}/recommendations",
    response=RecommendationPageOut,
    summary="A commune's recommendations, with counts by progress and by month",
    openapi_extra=READS,
)
def commune_recommendations(request: HttpRequest, code: str, query: Query[PageQuery]) -> dict[str, object]:
    commune = commune_by_code(code=code)
    return _page(selectors.commune_unit_ids(commune=commune), query.cursor)


@router.get(
    "/units/{code}/recommendations",
    response=RecommendationPageOut,
    summary="A unit's recommendations, with counts by progress and by month",
    openapi_extra=READS,
)
def unit_recommendations(request: HttpRequest, code: str, query: Query[PageQuery]) -> dict[str, object]:
    return _page([unit_by_code(code=code).pk], query.cursor)


@router.post(
    "/meetings", response={201: MeetingOut}, auth=WRITE_AUTH, summary="Schedule a meeting", openapi_extra=WRITES
)
def meeting_schedule(request: HttpRequest, body: MeetingIn) -> Status[dict[str, object]]:
    viewer, actor = _officer(request)
    meeting = services.meeting_schedule(
        viewer=viewer,
        actor=actor,
        unit_code=body.unit,
        title_ar=body.title_ar,
        title_fr=body.title_fr,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        place=body.place,
        lat=body.lat,
        lon=body.lon,
        agenda_ar=body.agenda_ar,
        agenda_fr=body.agenda_fr,
    )
    return Status(201, _meeting_out(meeting))


@router.post(
    "/meetings/{public_id}/invitations",
    response={201: list[InvitationOut]},
    auth=WRITE_AUTH,
    summary="Invite associations",
    openapi_extra=WRITES,
)
def meeting_invite(request: HttpRequest, public_id: str, body: InviteIn) -> Status[list[dict[str, object]]]:
    viewer, actor = _officer(request)
    made = services.meeting_invite(viewer=viewer, actor=actor, public_id=public_id, association_slugs=body.associations)
    return Status(201, [_invitation_out(i) for i in made])


@router.post(
    "/meetings/{public_id}/response",
    response=InvitationOut,
    auth=WRITE_AUTH,
    summary="Confirm or decline for your association",
    openapi_extra=WRITES,
)
def meeting_respond(request: HttpRequest, public_id: str, body: RespondIn) -> dict[str, object]:
    viewer = viewer_for(request.user)
    if viewer.user_id is None:
        raise NotFound()
    invitation = services.invitation_respond(
        viewer=viewer,
        actor=association_member(viewer.user_id),
        public_id=public_id,
        association_slug=body.association,
        response=body.response,
    )
    return _invitation_out(invitation)


@router.post(
    "/meetings/{public_id}/attendance",
    response=list[InvitationOut],
    auth=WRITE_AUTH,
    summary="Record who came",
    openapi_extra=WRITES,
)
def meeting_attendance(request: HttpRequest, public_id: str, body: AttendanceIn) -> list[dict[str, object]]:
    viewer, actor = _officer(request)
    invitations = services.meeting_record_attendance(
        viewer=viewer, actor=actor, public_id=public_id, attended_slugs=body.attended
    )
    return [_invitation_out(i) for i in invitations]


@router.post(
    "/meetings/{public_id}/minutes",
    response=MeetingOut,
    auth=WRITE_AUTH,
    summary="Record the minutes",
    openapi_extra=WRITES,
)
def meeting_minutes(request: HttpRequest, public_id: str, body: MinutesIn) -> dict[str, object]:
    viewer, actor = _officer(request)
    return _meeting_out(
        services.meeting_record_minutes(viewer=viewer, actor=actor, public_id=public_id, minutes=body.minutes)
    )


@router.post(
    "/meetings/{public_id}/cancel",
    response=MeetingOut,
    auth=WRITE_AUTH,
    summary="Cancel a scheduled meeting",
    openapi_extra=WRITES,
)
def meeting_cancel(request: HttpRequest, public_id: str) -> dict[str, object]:
    viewer, actor = _officer(request)
    return _meeting_out(services.meeting_cancel(viewer=viewer, actor=actor, public_id=public_id))


@router.post(
    "/meetings/{public_id}/recommendations",
    response={201: RecommendationOut},
    auth=WRITE_AUTH,
    summary="Add a recommendation",
    openapi_extra=WRITES,
)
def recommendation_add(request: HttpRequest, public_id: str, body: RecommendationIn) -> Status[dict[str, object]]:
    viewer, actor = _officer(request)
    made = services.recommendation_add(
        viewer=viewer,
        actor=actor,
        meeting_public_id=public_id,
        text_ar=body.text_ar,
        text_fr=body.text_fr,
        responsible_unit_code=body.responsible_unit,
        due_on=body.due_on,
        black_spot_ids=body.black_spots,
    )
    found = selectors.recommendation_by_public_id(public_id=made.public_id)
    return Status(201, _recommendation_out(found, clock.now().date()))


@router.post(
    "/recommendations/{public_id}/updates",
    response={201: UpdateOut},
    auth=WRITE_AUTH,
    summary="Post a progress update",
    openapi_extra=WRITES,
)
def recommendation_update(request: HttpRequest, public_id: str, body: UpdateIn) -> Status[dict[str, object]]:
    viewer, actor = _officer(request)
    update = services.recommendation_update(
        viewer=viewer, actor=actor, public_id=public_id, text=body.text, new_status=body.new_status
    )
    return Status(201, _update_out(update))

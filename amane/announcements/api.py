"""
Announcements in the API: anyone reads a commune's current ones and a single one; an officer
writes their units' (Authorization: Bearer <token>, or the signed-in session with its CSRF token).
"""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth
from pydantic import BaseModel, Field

from amane.accounts.tokens import BearerToken
from amane.announcements import selectors, services
from amane.announcements.models import BODY_MAX, TITLE_MAX, Announcement
from amane.authorities.api import UnitSummaryOut
from amane.authorities.serialisers import unit_summary
from amane.core.actors import Actor, authority_user
from amane.core.errors import NotFound
from amane.core.problems import openapi_responses
from amane.core.viewer import Viewer, viewer_for
from amane.geo import selectors as geo
from amane.geo.api import UnitOut, unit

router = Router(tags=["announcements"])
OFFICER = [BearerToken(), django_auth]
REFUSALS = openapi_responses(400, 401, 403, 404)


class AnnouncementOut(BaseModel):
    id: str
    unit: UnitSummaryOut
    title_ar: str
    title_fr: str
    body_ar: str = Field(description="HTML limited to p, br, strong, em, ul, ol, li and links")
    body_fr: str
    urgent: bool
    publishes_at: dt.datetime
    expires_at: dt.datetime | None
    withdrawn: bool
    areas: list[UnitOut]


class AnnouncementIn(Schema):
    unit: str = Field(max_length=64, description="The code of one of your units")
    title_ar: str = Field(max_length=TITLE_MAX)
    body_ar: str = Field(max_length=BODY_MAX * 2)
    title_fr: str = Field(default="", max_length=TITLE_MAX)
    body_fr: str = Field(default="", max_length=BODY_MAX * 2)
    urgent: bool = False
    publishes_at: dt.datetime | None = None
    expires_at: dt.datetime | None = Field(default=None, description="Required when urgent: at most 30 days on")
    areas: list[str] = Field(
        default_factory=list, max_length=services.AREAS_MAX, description="Commune or province codes"
    )

    def announcement_input(self) -> services.AnnouncementInput:
        return services.AnnouncementInput(
            title_ar=self.title_ar,
            body_ar=self.body_ar,
            title_fr=self.title_fr,
            body_fr=self.body_fr,
            urgent=self.urgent,
            publishes_at=self.publishes_at,
            expires_at=self.expires_at,
            area_codes=tuple(self.areas),
        )


class WithdrawIn(Schema):
    reason: str = Field(default="", max_length=500)


def _out(announcement: Announcement) -> dict[str, object]:
    return {
        "id": announcement.public_id,
        "unit": unit_summary(announcement.unit),
        "title_ar": announcement.title_ar,
        "title_fr": announcement.title_fr,
        "body_ar": announcement.body_ar,
        "body_fr": announcement.body_fr,
        "urgent": announcement.urgent,
        "publishes_at": announcement.publishes_at,
        "expires_at": announcement.expires_at,
        "withdrawn": announcement.withdrawn_at is not None,
        "areas": [unit(area) for area in selectors.announcement_areas(announcement=announcement)],
    }


def _acting(request: HttpRequest) -> tuple[Viewer, Actor]:
    viewer = viewer_for(request.user)
    if viewer.user_id is None:
        raise NotFound()
    return viewer, authority_user(viewer.user_id)


@router.get(
    "/communes/{code}/announcements",
    response=list[AnnouncementOut],
    summary="A commune's current announcements (its province's and region's too), newest first",
    openapi_extra=openapi_responses(400, 404),
)
def commune_announcements(request: HttpRequest, code: str) -> list[dict[str, object]]:
    commune = geo.commune_by_code(code=code)
    return [_out(announcement) for announcement in selectors.current_for_area(area=commune, limit=50)]


@router.get("/announcements/{public_id}", response=AnnouncementOut, summary="One announcement", openapi_extra=REFUSALS)
def announcement_read(request: HttpRequest, public_id: str) -> dict[str, object]:
    return _out(selectors.announcement_get(viewer=viewer_for(request.user), public_id=public_id))


@router.post(
    "/announcements",
    response={201: AnnouncementOut},
    auth=OFFICER,
    summary="Publish an announcement of one of your units",
    openapi_extra=REFUSALS,
)
def announcement_create(request: HttpRequest, body: AnnouncementIn) -> Status[dict[str, object]]:
    viewer, actor = _acting(request)
    made = services.announcement_create(viewer=viewer, actor=actor, unit_code=body.unit, data=body.announcement_input())
    return Status(201, _out(made))


@router.put(
    "/announcements/{public_id}",
    response=AnnouncementOut,
    auth=OFFICER,
    summary="Change an announcement of one of your units (the unit stays)",
    openapi_extra=REFUSALS,
)
def announcement_update(request: HttpRequest, public_id: str, body: AnnouncementIn) -> dict[str, object]:
    viewer, actor = _acting(request)
    return _out(
        services.announcement_update(viewer=viewer, actor=actor, public_id=public_id, data=body.announcement_input())
    )


@router.post(
    "/announcements/{public_id}/withdraw",
    response=AnnouncementOut,
    auth=OFFICER,
    summary="Withdraw an announcement from every public page",
    openapi_extra=REFUSALS,
)
def announcement_withdraw(request: HttpRequest, public_id: str, body: WithdrawIn) -> dict[str, object]:
    viewer, actor = _acting(request)
    return _out(services.announcement_withdraw(viewer=viewer, actor=actor, public_id=public_id, reason=body.reason))

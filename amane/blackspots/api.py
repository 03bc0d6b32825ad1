"""
Black spots in the API: the map's layer (a box, a page at a time), one spot, and the writes.

Reads are public (what the viewer may see); a declaration needs a member of a verified
association and an answer an officer of the responsible unit or one above it, signed in
with a bearer token (`amane api-token`) or the site's session (with its CSRF token).
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.security import django_auth
from pydantic import BaseModel, ConfigDict, Field

from amane.accounts.tokens import BearerToken
from amane.authorities.api import UnitSummaryOut
from amane.blackspots import selectors, services
from amane.blackspots.geometry import ShapeError, spot_shape
from amane.blackspots.messages import SHAPE_MESSAGES
from amane.blackspots.models import ANSWER_TEXT_MAX, DESCRIPTION_MAX, BlackSpotStatus
from amane.blackspots.serialisers import answer_out, black_spot_detail_out, black_spot_out, page_url_template
from amane.core.actors import association_member, authority_user
from amane.core.errors import InvalidInput
from amane.core.problems import openapi_responses
from amane.core.viewer import viewer_for
from amane.reports.schemas import BBOX_PATTERN, IsoDate, parse_bbox

router = Router(tags=["black spots"])
SIGNED_IN = [BearerToken(), django_auth]


class AnswerOut(BaseModel):
    status: str
    text: str
    planned_for: dt.date | None
    at: dt.datetime
    unit: UnitSummaryOut


class AssociationOut(BaseModel):
    slug: str
    name_ar: str
    name_fr: str


class BlackSpotOut(BaseModel):
    id: str
    category: str
    category_name_ar: str
    category_name_fr: str
    status: str
    geometry: dict[str, Any] = Field(description="GeoJSON Point or Polygon (longitude, latitude)")
    lat: float = Field(description="The shape's centre")
    lon: float
    commune: str
    association: AssociationOut
    responsible: UnitSummaryOut | None
    planned_for: dt.date | None
    answer: AnswerOut | None = Field(description="The unit's latest public answer, or null")
    reports: list[str] = Field(description="Public ids of the linked public reports")
    is_demo: bool
    url: str


class TimelineOut(BaseModel):
    at: dt.datetime
    kind: str = Field(description="declared, answer or escalation")
    status: str
    text: str
    planned_for: dt.date | None
    unit: UnitSummaryOut | None


class PlaceOut(BaseModel):
    id: int
    kind: str
    name_ar: str
    name_fr: str


class BlackSpotDetailOut(BlackSpotOut):
    description: str
    declared_at: dt.datetime
    timeline: list[TimelineOut]
    places: list[PlaceOut]
    photos: list[str]


class BlackSpotPageOut(BaseModel):
    results: list[BlackSpotOut]
    next: str | None


class BlackSpotQuery(Schema):
    bbox: str | None = Field(
        default=None,
        description="min_lon,min_lat,max_lon,max_lat in degrees",
        json_schema_extra={"pattern": BBOX_PATTERN},
    )
    status: list[str] = Field(default_factory=list)
    category: list[str] = Field(default_factory=list)
    cursor: str | None = Field(default=None, max_length=12, description="The `next` of the previous page")
    limit: int = Field(default=100, ge=1, le=selectors.MAX_PAGE)


class DeclareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    association: str | None = Field(default=None, description="Your verified association's slug, if you have several")
    category: str
    geometry: dict[str, Any] = Field(description="GeoJSON Point or Polygon, at most about 2 km across")
    description: str = Field(max_length=DESCRIPTION_MAX)
    reports: list[str] = Field(default_factory=list, max_length=services.MAX_LINKS)
    places: list[int] = Field(default_factory=list, max_length=services.MAX_LINKS)


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str = Field(description="acknowledged, action-planned, resolved or declined")
    text: str = Field(default="", max_length=ANSWER_TEXT_MAX)
    planned_for: IsoDate | None = None
    expected_status: str | None = Field(default=None, description="The status you saw: changed meanwhile is a 409")


@router.get(
    "/black-spots",
    response=BlackSpotPageOut,
    summary="Black spots touching a box, a page at a time (the map's layer)",
    openapi_extra=openapi_responses(400),
)
def list_black_spots(request: HttpRequest, query: Query[BlackSpotQuery]) -> dict[str, object]:
    bad_status = [s for s in query.status if s not in BlackSpotStatus.values]
    if bad_status:
        raise InvalidInput(
            fields={"status": [_("Choose among: %(values)s.") % {"values": ", ".join(BlackSpotStatus.values)}]}
        )
    page = selectors.black_spot_page(
        viewer=viewer_for(request.user),
        bbox=parse_bbox(query.bbox),
        statuses=query.status,
        category_codes=query.category,
        cursor=query.cursor,
        limit=query.limit,
    )
    template = page_url_template()
    return {
        "results": [black_spot_out(spot, url_template=template) for spot in page.results],
        "next": page.next_cursor,
    }


class OffersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    geometry: dict[str, Any] = Field(description="GeoJSON Point or Polygon, as it would be declared")


class OfferedReportOut(BaseModel):
    id: str
    category: str
    status: str
    occurred_on: dt.date
    lat: float
    lon: float


class OffersOut(BaseModel):
    reports: list[OfferedReportOut] = Field(description="Open public reports inside the area or within 250 m")
    places: list[PlaceOut] = Field(description="Sensitive places inside the area or within 250 m, schools first")


@router.post(
    "/black-spots/offers",
    response=OffersOut,
    summary="What a declaration at this place would offer to link: reports and sensitive places nearby",
    openapi_extra=openapi_responses(400),
)
def black_spot_offers(request: HttpRequest, body: OffersIn) -> dict[str, object]:
    try:
        shape = spot_shape(body.geometry)
    except ShapeError as error:
        raise InvalidInput(fields={"geometry": [SHAPE_MESSAGES[error.reason]]}) from None
    reports = selectors.report_candidates(shape=shape)
    places = selectors.place_candidates(shape=shape)
    return {
        "reports": [
            {
                "id": r.public_id,
                "category": r.category.code,
                "status": r.status,
                "occurred_on": r.occurred_on,
                "lat": r.public_lat,
                "lon": r.public_lon,
            }
            for r in reports
        ],
        "places": [{"id": p.pk, "kind": p.kind, "name_ar": p.name_ar, "name_fr": p.name_fr} for p in places],
    }


@router.get(
    "/black-spots/{public_id}",
    response=BlackSpotDetailOut,
    summary="One black spot, its timeline, linked reports and places",
    openapi_extra=openapi_responses(400, 404),
)
def get_black_spot(request: HttpRequest, public_id: str) -> dict[str, object]:
    spot = selectors.black_spot_for_viewer(viewer=viewer_for(request.user), public_id=public_id)
    return black_spot_detail_out(spot)


@router.post(
    "/black-spots",
    response={201: BlackSpotDetailOut},
    auth=SIGNED_IN,
    summary="Declare a black spot (members of a verified association)",
    openapi_extra=openapi_responses(400, 401, 403),
)
def declare_black_spot(request: HttpRequest, body: DeclareIn) -> Status[dict[str, object]]:
    viewer = viewer_for(request.user)
    assert viewer.user_id is not None  # the auth above names a person
    spot = services.black_spot_declare(
        actor=association_member(viewer.user_id),
        viewer=viewer,
        association_slug=body.association,
        category_code=body.category,
        geometry=body.geometry,
        description=body.description,
        report_ids=body.reports,
        place_ids=body.places,
    )
    return Status(201, black_spot_detail_out(selectors.black_spot_for_viewer(viewer=viewer, public_id=spot.public_id)))


@router.post(
    "/black-spots/{public_id}/answers",
    response={201: AnswerOut},
    auth=SIGNED_IN,
    summary="Answer a black spot in public (the responsible unit or one above it)",
    openapi_extra=openapi_responses(400, 401, 403, 404, 409),
)
def answer_black_spot(request: HttpRequest, public_id: str, body: AnswerIn) -> Status[dict[str, object]]:
    viewer = viewer_for(request.user)
    assert viewer.user_id is not None
    answer = services.black_spot_answer(
        actor=authority_user(viewer.user_id),
        viewer=viewer,
        public_id=public_id,
        status=body.status,
        text=body.text,
        planned_for=body.planned_for,
        expected_status=body.expected_status,
    )
    return Status(201, answer_out(answer))

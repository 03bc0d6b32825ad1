"""
Associations as an API: the public directory and corroborations, and the writes of members
and officers (`Authorization: Bearer <token>`), through the same services as the pages.
"""

import datetime as dt

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import BaseModel, Field

from amane.accounts.tokens import BearerToken
from amane.associations import selectors, services
from amane.associations.models import Association, Domain
from amane.core.actors import association_member, authority_user
from amane.core.problems import openapi_responses
from amane.core.viewer import Viewer, viewer_for
from amane.geo.api import UnitOut, unit
from amane.reports.selectors import report_get

router = Router(tags=["associations"])
REFUSALS = openapi_responses(400, 401, 403, 404, 409)
READ_REFUSALS = openapi_responses(400, 404)


class AssociationOut(BaseModel):
    slug: str
    name_ar: str
    name_fr: str
    status: str
    domains: list[str]
    communes: list[UnitOut]
    is_demo: bool


class AssociationPageOut(BaseModel):
    results: list[AssociationOut]
    next_after: int | None = Field(description="Pass as `after` for the next page")


class DirectoryQuery(Schema):
    commune: str | None = Field(default=None, max_length=16)
    after: int = Field(default=0, ge=0)


class RegistrationIn(Schema):
    name_ar: str = Field(max_length=200)
    name_fr: str = Field(max_length=200)
    registration_number: str = Field(max_length=40)
    domains: list[str] = Field(description=f"Among: {', '.join(Domain.values)}", max_length=len(Domain.values))
    communes: list[str] = Field(description="Census codes of the communes where it works", max_length=50)
    contact_email: str = Field(default="", max_length=254)
    contact_phone: str = Field(default="", max_length=20)


class DecisionIn(Schema):
    decision: str = Field(description="verify, suspend or refuse")
    reason: str = Field(default="", max_length=500)


class CorroborationIn(Schema):
    association: str = Field(description="The slug of your association", max_length=40)
    note: str = Field(max_length=2000)


class CorroborationOut(BaseModel):
    association: str
    association_name_ar: str
    association_name_fr: str
    note: str
    created_on: dt.date


class CorroborationsOut(BaseModel):
    count: int
    results: list[CorroborationOut]


def _out(association: Association) -> dict[str, object]:
    return {
        "slug": association.slug,
        "name_ar": association.name_ar,
        "name_fr": association.name_fr,
        "status": association.status,
        "domains": association.domains,
        "communes": [unit(commune) for commune in association.communes.all()],
        "is_demo": association.is_demo,
    }


def _signed_in(request: HttpRequest) -> Viewer:
    viewer = viewer_for(request.user)
    assert viewer.user_id is not None  # a token always names a person
    return viewer


@router.get("/associations", response=AssociationPageOut, summary="Verified associations", openapi_extra=READ_REFUSALS)
def association_list(request: HttpRequest, query: Query[DirectoryQuery]) -> dict[str, object]:
    found = selectors.associations_public(commune_code=query.commune, after_id=query.after)
    return {
        "results": [_out(association) for association in found],
        "next_after": found[-1].pk if len(found) == selectors.PAGE else None,
    }


@router.get("/associations/{slug}", response=AssociationOut, summary="One association", openapi_extra=READ_REFUSALS)
def association_read(request: HttpRequest, slug: str) -> dict[str, object]:
    return _out(selectors.association_get(viewer=viewer_for(request.user), slug=slug))


@router.post(
    "/associations",
    response={201: AssociationOut},
    auth=BearerToken(),
    summary="Register an association (you become its admin)",
    openapi_extra=REFUSALS,
)
def association_create(request: HttpRequest, body: RegistrationIn) -> Status[dict[str, object]]:
    viewer = _signed_in(request)
    registration = services.Registration(
        name_ar=body.name_ar,
        name_fr=body.name_fr,
        registration_number=body.registration_number,
        domains=body.domains,
        commune_codes=body.communes,
        contact_email=body.contact_email,
        contact_phone=body.contact_phone,
    )
    user = request.user
    assert isinstance(user, User)
    association = services.association_register(
        actor=association_member(viewer.user_id or 0), user=user, registration=registration
    )
    return Status(201, _out(association))


@router.post(
    "/associations/{slug}/decision",
    response=AssociationOut,
    auth=BearerToken(),
    summary="Verify, suspend or refuse (officers of the covering unit)",
    openapi_extra=REFUSALS,
)
def association_decision(request: HttpRequest, slug: str, body: DecisionIn) -> dict[str, object]:
    viewer = _signed_in(request)
    association = services.association_decide(
        actor=authority_user(viewer.user_id or 0), viewer=viewer, slug=slug, decision=body.decision, reason=body.reason
    )
    return _out(association)


@router.get(
    "/reports/{public_id}/corroborations",
    response=CorroborationsOut,
    summary="Associations that corroborate a report",
    openapi_extra=READ_REFUSALS,
)
def corroboration_list(request: HttpRequest, public_id: str) -> dict[str, object]:
    report = report_get(viewer=viewer_for(request.user), public_id=public_id)
    found = selectors.corroborations_public(report_id=report.pk) if report.public else []
    results = [
        {
            "association": item.association_slug,
            "association_name_ar": item.association_name_ar,
            "association_name_fr": item.association_name_fr,
            "note": item.note,
            "created_on": item.created_on,
        }
        for item in found
    ]
    return {"count": len(results), "results": results}


@router.post(
    "/reports/{public_id}/corroborations",
    response={201: CorroborationOut},
    auth=BearerToken(),
    summary="Corroborate a public report in your association's name",
    openapi_extra=REFUSALS,
)
def corroboration_create(request: HttpRequest, public_id: str, body: CorroborationIn) -> Status[dict[str, object]]:
    viewer = _signed_in(request)
    corroboration = services.corroboration_add(
        actor=association_member(viewer.user_id or 0),
        viewer=viewer,
        slug=body.association,
        report_public_id=public_id,
        note=body.note,
    )
    association = corroboration.association
    return Status(
        201,
        {
            "association": association.slug,
            "association_name_ar": association.name_ar,
            "association_name_fr": association.name_fr,
            "note": corroboration.note,
            "created_on": corroboration.created_at.date(),
        },
    )

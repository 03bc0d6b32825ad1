"""Report endpoints: file, read, list, aggregate for the map, and track by receipt code."""

import json
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from pydantic import ValidationError

from amane.authorities.serialisers import routing_out
from amane.core import problems, throttle
from amane.core.actors import ANONYMOUS_REPORTER
from amane.core.errors import InvalidInput
from amane.core.problems import openapi_responses
from amane.core.viewer import viewer_for
from amane.geo.api import unit
from amane.reports import idempotency, limits, selectors, services
from amane.reports.schemas import (
    CREATE_BODY_SCHEMA,
    CategoriesOut,
    CellResolution,
    CellsOut,
    CreatedOut,
    ListQuery,
    ReportDetailOut,
    ReportIn,
    ReportPageOut,
    TrackIn,
    TrackOut,
)
from amane.reports.serialisers import category_out, event_out, report_out, tracked_out

router = Router(tags=["reports"])


@router.get("/categories", response=CategoriesOut, summary="Report categories", openapi_extra=openapi_responses(400))
def categories(request: HttpRequest) -> dict[str, object]:
    return {"results": [category_out(category) for category in selectors.categories_for_reporting()]}


def _read_report_input(request: HttpRequest) -> tuple[ReportIn, list[bytes]]:
    content_type = request.content_type or ""
    photos: list[bytes] = []
    if content_type.startswith("multipart/form-data"):
        data: dict[str, Any] = {key: value for key, value in request.POST.items() if value != ""}
        photos = services.photo_bytes(request.FILES.getlist("photos"))
    else:
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise InvalidInput(fields={"body": [_("The body is not valid JSON.")]}) from None
        if not isinstance(data, dict):
            raise InvalidInput(fields={"body": [_("The body must be a JSON object.")]})
    with_nul = [key for key, value in data.items() if isinstance(value, str) and "\x00" in value]
    if with_nul:
        raise InvalidInput(fields={key: [_("This text holds a character that is not allowed.")] for key in with_nul})
    try:
        return ReportIn.model_validate(data), photos
    except ValidationError as error:
        raise InvalidInput(fields=problems.field_errors_from_pydantic(error.errors())) from None  # type: ignore[arg-type]


@router.post(
    "/reports",
    response={201: CreatedOut},
    summary=f"File a report (JSON, or multipart/form-data with up to {limits.PHOTOS_PER_REPORT} photos)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": CREATE_BODY_SCHEMA},
                "multipart/form-data": {
                    "schema": {
                        **CREATE_BODY_SCHEMA,
                        "properties": {
                            **CREATE_BODY_SCHEMA["properties"],  # type: ignore[dict-item]
                            "photos": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                                "maxItems": limits.PHOTOS_PER_REPORT,
                            },
                        },
                    }
                },
            },
        },
        "parameters": [
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": (
                    "A new random value (16 to 255 printable characters, such as a UUID) for each report. "
                    "Sent again with the same request, it gets the first answer back, receipt code included, "
                    "and files nothing more; sent with another request, a 422."
                ),
                "schema": {"type": "string", "minLength": 16, "maxLength": 255, "pattern": "^[!-~]+$"},
            }
        ],
        **openapi_responses(400, 403, 413, 415, 422, 429),
    },
)
def create_report(request: HttpRequest) -> Status[dict[str, object]]:
    throttle.check(request, action="file")
    body, photos = _read_report_input(request)
    claim = _idempotency_claim(request, body, photos)
    replayed = selectors.report_filed_with(key=claim.key, request_digest=claim.request_digest) if claim else None
    if replayed is None:
        try:
            filed = services.report_submit(
                actor=ANONYMOUS_REPORTER,
                category_code=body.category,
                description=body.description,
                occurred_at=body.occurred_at,
                lat=body.lat,
                lon=body.lon,
                commune_code=body.commune,
                photos=photos,
                contact=body.contact,
                idempotency=claim,
            )
            replayed = filed.report, filed.receipt_code
        except services.AlreadyFiled:
            assert claim is not None
            replayed = selectors.report_filed_with(key=claim.key, request_digest=claim.request_digest)
            assert replayed is not None
    report, receipt_code = replayed
    return Status(
        201,
        {
            "id": report.public_id,
            "receipt_code": receipt_code,
            "status": report.status,
            "commune": unit(report.commune),
            "tracking_url": reverse("track"),
        },
    )


def _idempotency_claim(request: HttpRequest, body: ReportIn, photos: list[bytes]) -> services.IdempotencyClaim | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not idempotency.valid_key(key):
        message = _("Send a new random value of %(min)d to %(max)d characters, such as a UUID, for each report.")
        limits = {"min": idempotency.MIN_KEY_LENGTH, "max": idempotency.MAX_KEY_LENGTH}
        raise InvalidInput(fields={"Idempotency-Key": [message % limits]})
    fields = [(name, json.dumps(value).encode()) for name, value in body.model_dump(mode="json").items()]
    files = [(f"photo {n}", photo) for n, photo in enumerate(photos)]
    return services.IdempotencyClaim(key=key, request_digest=idempotency.fingerprint(fields + files))


@router.get(
    "/reports",
    response=ReportPageOut,
    summary="Public reports, latest day of occurrence first, with cursor pagination",
    openapi_extra=openapi_responses(400),
)
def list_reports(
    request: HttpRequest,
    query: Query[ListQuery],
    cursor: str | None = Query(  # type: ignore[type-arg]
        None,
        description="The `next` of the previous page, as it came",
        max_length=200,
        pattern=r"^[A-Za-z0-9_-]*$",
    ),
    limit: int = Query(50, ge=1, le=200),  # type: ignore[type-arg]
) -> dict[str, object]:
    viewer = viewer_for(request.user)
    page = selectors.report_list(viewer=viewer, filters=query.filters(), cursor=cursor, limit=limit)
    return {"results": [report_out(r, viewer=viewer) for r in page.results], "next": page.next_cursor}


@router.get(
    "/reports/cells",
    response=CellsOut,
    summary="Report counts per H3 cell, for maps at low zoom",
    openapi_extra=openapi_responses(400),
)
def report_cells(
    request: HttpRequest,
    query: Query[ListQuery],
    resolution: CellResolution = 7,
) -> dict[str, object]:
    answer = selectors.report_cells(viewer=viewer_for(request.user), filters=query.filters(), resolution=resolution)
    results = [{"cell": c.cell, "count": c.count, "lat": c.lat, "lon": c.lon} for c in answer.cells]
    return {
        "resolution": resolution,
        "results": results,
        "truncated": answer.truncated,
        "too_wide_for_dates": answer.too_wide_for_dates,
    }


@router.get(
    "/reports/{public_id}",
    response=ReportDetailOut,
    summary="One public report and its timeline",
    openapi_extra=openapi_responses(400, 404),
)
def get_report(request: HttpRequest, public_id: str) -> dict[str, object]:
    viewer = viewer_for(request.user)
    report = selectors.report_get(viewer=viewer, public_id=public_id)
    return {
        **report_out(report, viewer=viewer),
        "timeline": [event_out(e) for e in report.events.all()],
        "routing": routing_out(report),
    }


@router.post(
    "/track",
    response=TrackOut,
    summary="Follow a report with its receipt code, sent in the body (preferred: no code in any URL or log)",
    openapi_extra=openapi_responses(400, 403, 404, 415, 429),
)
def track_by_body(request: HttpRequest, body: TrackIn) -> dict[str, object]:
    throttle.check(request, action="track")
    if "\x00" in body.receipt_code:
        raise InvalidInput(fields={"receipt_code": [_("This text holds a character that is not allowed.")]})
    return tracked_out(selectors.report_track(receipt_code=body.receipt_code))


@router.get(
    "/track/{receipt_code}",
    response=TrackOut,
    summary="Follow a report with its receipt code in the path",
    description="Kept for simple clients; the code then appears in URLs that proxies may log. Prefer POST /track.",
    openapi_extra=openapi_responses(400, 404, 429),
)
def track(request: HttpRequest, receipt_code: str) -> dict[str, object]:
    throttle.check(request, action="track")
    return tracked_out(selectors.report_track(receipt_code=receipt_code))

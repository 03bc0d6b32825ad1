"""Report endpoints: file, read, list, aggregate for the map, and track by receipt code."""

import datetime as dt
import json
import re
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WithJsonSchema
from pydantic_core import PydanticCustomError

from amane.core import problems, throttle
from amane.core.errors import InvalidInput
from amane.core.problems import openapi_responses
from amane.core.viewer import viewer_for
from amane.geo.api import UnitOut, unit
from amane.reports import idempotency, selectors, services
from amane.reports.models import Category, Report, ReportEvent

router = Router(tags=["reports"])

CREATE_BODY_SCHEMA = {
    "type": "object",
    "required": ["category", "description", "occurred_at"],
    "anyOf": [{"required": ["lat", "lon"]}, {"required": ["commune"]}],
    "additionalProperties": False,
    "description": "The place is a point (lat and lon) or, without one, a commune code.",
    "properties": {
        "category": {"type": "string", "minLength": 1, "description": "A category code from /categories"},
        "description": {"type": "string", "pattern": r"\S", "maxLength": 5000},
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
        "commune": {"type": "string", "description": "A commune code, when no point is given"},
        "occurred_at": {
            "type": "string",
            "format": "date-time",
            "description": "With its time zone; not in the future, not before 2000",
        },
        "contact": {"type": "string", "maxLength": 200},
    },
}


class CategoryOut(Schema):
    code: str
    name_ar: str
    name_fr: str
    confidential: bool


class CategoriesOut(Schema):
    results: list[CategoryOut]


class EventOut(Schema):
    status: str
    at: dt.datetime
    actor_role: str
    message: str


class PhotoOut(Schema):
    url: str
    width: int
    height: int


class ReportOut(Schema):
    id: str
    category: str
    category_name_ar: str
    category_name_fr: str
    status: str
    description: str
    lat: float = Field(description="Centre of the H3 resolution-9 cell holding the report (coarsened)")
    lon: float
    location_precision: str
    commune: UnitOut
    arrondissement: UnitOut | None
    occurred_on: dt.date
    submitted_on: dt.date
    photos: list[PhotoOut]
    duplicate_of: str | None
    is_demo: bool


class ReportDetailOut(ReportOut):
    timeline: list[EventOut]


class ReportPageOut(Schema):
    results: list[ReportOut]
    next: str | None


class CreatedOut(Schema):
    id: str
    receipt_code: str
    status: str
    commune: UnitOut
    tracking_url: str


class TrackOut(Schema):
    id: str
    status: str
    category: str
    commune: UnitOut
    timeline: list[EventOut]


class CellOut(Schema):
    cell: str
    count: int
    lat: float
    lon: float


class CellsOut(Schema):
    resolution: int
    results: list[CellOut]


def _not_a_boolean(value: object) -> object:
    # Pydantic would read true as 1.0: a point off the coast of Gabon, not an error.
    if isinstance(value, bool):
        raise PydanticCustomError("float_parsing", "Expected a number")
    return value


def _iso_datetime_text(value: object) -> object:
    # Pydantic would also read 1700000000 (or "1700000000") as seconds since 1970.
    if not isinstance(value, str | dt.datetime) or (
        isinstance(value, str) and not re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)
    ):
        raise PydanticCustomError("datetime_parsing", "Expected an ISO 8601 date and time")
    return value


Degrees = Annotated[float, BeforeValidator(_not_a_boolean)]
IsoDateTime = Annotated[dt.datetime, BeforeValidator(_iso_datetime_text)]


class ReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=6000)

    category: str
    description: str
    occurred_at: IsoDateTime
    lat: Degrees | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    lon: Degrees | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False)
    commune: str | None = None
    contact: str = ""


def _iso_date_text(value: object) -> object:
    # Pydantic would also read "0" or "1700000000" as a date (seconds since 1970).
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise PydanticCustomError("date_parsing", "Expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_text)]
CELL_RESOLUTIONS = (5, 7, 9)


def _cell_resolution(value: int) -> int:
    if value not in CELL_RESOLUTIONS:
        raise PydanticCustomError("literal_error", "Expected 5, 7 or 9")
    return value


# Not Literal[5, 7, 9]: that would refuse the text "9" a query string carries.
CellResolution = Annotated[
    int, AfterValidator(_cell_resolution), WithJsonSchema({"type": "integer", "enum": list(CELL_RESOLUTIONS)})
]
_NUMBER = r"-?[0-9]+(\.[0-9]+)?"
# Empty means no box: a map form sends the field even when nothing is drawn.
BBOX_PATTERN = rf"^({_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER})?$"


class ListQuery(Schema):
    bbox: str | None = Field(
        default=None,
        description="min_lon,min_lat,max_lon,max_lat in degrees",
        json_schema_extra={"pattern": BBOX_PATTERN},
    )
    commune: str | None = None
    category: list[str] = Field(default_factory=list)
    status: list[str] = Field(default_factory=list)
    occurred_from: IsoDate | None = Field(default=None, alias="from")
    occurred_to: IsoDate | None = Field(default=None, alias="to")

    def filters(self) -> selectors.ReportFilters:
        return selectors.ReportFilters(
            bbox=parse_bbox(self.bbox),
            commune_code=self.commune,
            category_codes=tuple(self.category),
            statuses=tuple(self.status),
            occurred_from=self.occurred_from,
            occurred_to=self.occurred_to,
        )


def parse_bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    if not raw:
        return None
    # The documented pattern, not float(): that would also take "1e-3", "+1" or "nan".
    if not re.fullmatch(BBOX_PATTERN, raw):
        raise InvalidInput(fields={"bbox": [_("Give the box as min_lon,min_lat,max_lon,max_lat.")]})
    min_lon, min_lat, max_lon, max_lat = (float(part) for part in raw.split(","))
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise InvalidInput(fields={"bbox": [_("Give the box as min_lon,min_lat,max_lon,max_lat.")]})
    return min_lon, min_lat, max_lon, max_lat


def event_out(event: ReportEvent) -> dict[str, object]:
    at = timezone.localtime(event.at)
    return {"status": event.status, "at": at, "actor_role": event.actor_role, "message": event.message}


def _visible_original(report: Report) -> str | None:
    # The service never links reports of different confidentiality; this is the second lock.
    original = report.duplicate_of
    if original is None or original.category.confidential != report.category.confidential:
        return None
    return original.public_id


def report_out(report: Report) -> dict[str, object]:
    return {
        "id": report.public_id,
        "category": report.category.code,
        "category_name_ar": report.category.name_ar,
        "category_name_fr": report.category.name_fr,
        "status": report.status,
        "description": report.description,
        "lat": report.public_lat,
        "lon": report.public_lon,
        "location_precision": report.location_precision,
        "commune": unit(report.commune),
        "arrondissement": unit(report.arrondissement) if report.arrondissement else None,
        "occurred_on": timezone.localdate(report.occurred_at),
        "submitted_on": report.submitted_on,
        "photos": [
            {"url": reverse("photo", args=[photo.public_id]), "width": photo.width, "height": photo.height}
            for photo in report.photos.all()
        ],
        "duplicate_of": _visible_original(report),
        "is_demo": report.is_demo,
    }


@router.get("/categories", response=CategoriesOut, summary="Report categories", openapi_extra=openapi_responses(400))
def categories(request: HttpRequest) -> dict[str, object]:
    rows = Category.objects.filter(active=True).order_by("position", "code")
    return {
        "results": [
            {"code": c.code, "name_ar": c.name_ar, "name_fr": c.name_fr, "confidential": c.confidential} for c in rows
        ]
    }


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
    summary="File a report (JSON, or multipart/form-data with up to 5 photos)",
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
                            "photos": {"type": "array", "items": {"type": "string", "format": "binary"}, "maxItems": 5},
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
    summary="Public reports, newest first, with cursor pagination",
    openapi_extra=openapi_responses(400),
)
def list_reports(
    request: HttpRequest,
    query: Query[ListQuery],
    cursor: str | None = None,
    limit: int = Query(50, ge=1, le=200),  # type: ignore[type-arg]
) -> dict[str, object]:
    page = selectors.report_list(viewer=viewer_for(request.user), filters=query.filters(), cursor=cursor, limit=limit)
    return {"results": [report_out(r) for r in page.results], "next": page.next_cursor}


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
    cells = selectors.report_cells(viewer=viewer_for(request.user), filters=query.filters(), resolution=resolution)
    return {"resolution": resolution, "results": [vars(cell) for cell in cells]}


@router.get(
    "/reports/{public_id}",
    response=ReportDetailOut,
    summary="One public report and its timeline",
    openapi_extra=openapi_responses(400, 404),
)
def get_report(request: HttpRequest, public_id: str) -> dict[str, object]:
    report = selectors.report_get(viewer=viewer_for(request.user), public_id=public_id)
    return {**report_out(report), "timeline": [event_out(e) for e in report.events.all()]}


class TrackIn(Schema):
    receipt_code: str = Field(max_length=60)


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
    return _tracked(selectors.report_track(receipt_code=body.receipt_code))


@router.get(
    "/track/{receipt_code}",
    response=TrackOut,
    summary="Follow a report with its receipt code in the path",
    description="Kept for simple clients; the code then appears in URLs that proxies may log. Prefer POST /track.",
    openapi_extra=openapi_responses(400, 404, 429),
)
def track(request: HttpRequest, receipt_code: str) -> dict[str, object]:
    throttle.check(request, action="track")
    return _tracked(selectors.report_track(receipt_code=receipt_code))


def _tracked(report: Report) -> dict[str, object]:
    return {
        "id": report.public_id,
        "status": report.status,
        "category": report.category.code,
        "commune": unit(report.commune),
        "timeline": [event_out(e) for e in report.events.all()],
    }

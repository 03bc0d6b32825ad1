"""The shapes of the reports API: what it takes (strict, per-field errors) and what it answers."""

import datetime as dt
import re
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from amane.authorities.api import RoutingOut
from amane.core.errors import InvalidInput
from amane.geo.api import UnitOut
from amane.reports import limits, selectors

CREATE_BODY_SCHEMA = {
    "type": "object",
    "required": ["category", "description", "occurred_at"],
    "anyOf": [{"required": ["lat", "lon"]}, {"required": ["commune"]}],
    "additionalProperties": False,
    "description": "The place is a point (lat and lon) or, without one, a commune code.",
    "properties": {
        "category": {"type": "string", "minLength": 1, "description": "A category code from /categories"},
        "description": {"type": "string", "pattern": r"\S", "maxLength": limits.DESCRIPTION_MAX},
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
        "commune": {"type": "string", "minLength": 1, "description": "A commune code, when no point is given"},
        "occurred_at": {
            "type": "string",
            "format": "date-time",
            "description": "With its time zone; not in the future, not before 2000",
        },
        "contact": {"type": "string", "maxLength": limits.CONTACT_MAX},
    },
}


class CategoryOut(Schema):
    code: str
    name_ar: str
    name_fr: str
    confidential: bool


class CategoriesOut(Schema):
    results: list[CategoryOut]


# Answers are plain pydantic models, built from the dicts the serialisers make: ninja's Schema
# would read each field through its ORM-friendly getter, about 0.2 ms a report on a page of 200.
class EventOut(BaseModel):
    status: str
    at: dt.datetime
    actor_role: str
    message: str


class PhotoOut(BaseModel):
    url: str
    width: int
    height: int
    thumbnail_url: str = Field(description="The photo at most 480 px a side and 40 KB, for lists and pages")


class ReportOut(BaseModel):
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
    routing: RoutingOut


class ReportPageOut(BaseModel):
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
    duplicate_of: str | None = Field(None, description="The public report this one repeats, if it is public")
    timeline: list[EventOut]


class CellOut(BaseModel):
    cell: str
    count: int
    lat: float
    lon: float


class CellsOut(BaseModel):
    resolution: int
    results: list[CellOut]
    truncated: bool = Field(
        default=False,
        description=(
            f"True when more cells held reports than one answer carries ({selectors.MAX_CELLS:,}): "
            "zoom in or narrow the box"
        ),
    )
    too_wide_for_dates: bool = Field(
        default=False,
        description=(
            "True when `from` or `to` is given and both the box and the period hold more than "
            f"{selectors.DATED_COUNT_LIMIT:,} public reports: counting by date reads the reports "
            "themselves, so no cells are given; zoom in or shorten the period"
        ),
    )


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
        description=("min_lon,min_lat,max_lon,max_lat in degrees; corners in either order, cut to the world's bounds"),
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
    # Whatever the pattern allows is a box: corners in either order, and a box that reaches
    # past the poles or the antimeridian (a map zoomed out wider than the world) is cut to it.
    lon_a, lat_a, lon_b, lat_b = (float(part) for part in raw.split(","))
    lons = sorted(min(max(lon, -180.0), 180.0) for lon in (lon_a, lon_b))
    lats = sorted(min(max(lat, -90.0), 90.0) for lat in (lat_a, lat_b))
    return lons[0], lats[0], lons[1], lats[1]


class TrackIn(Schema):
    receipt_code: str = Field(max_length=60)

"""The observatory's API: hotspots, density, trends, rates and response times of public reports, in fixed shapes."""

import datetime as dt
import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from amane.analytics import figures
from amane.analytics.scopes import Scope, scope_for
from amane.analytics.selectors import density as density_selectors
from amane.analytics.selectors import hotspots as hotspot_selectors
from amane.analytics.selectors import rates as rate_selectors
from amane.analytics.selectors import trends as trend_selectors
from amane.analytics.selectors.common import public_category_id
from amane.core.errors import InvalidInput
from amane.core.problems import openapi_responses
from amane.reports.schemas import BBOX_PATTERN, IsoDate, parse_bbox

router = Router(tags=["observatory"])


class HotspotQueryIn(Schema):
    resolution: int = Field(
        default=hotspot_selectors.DEFAULT_RESOLUTION, description="H3 resolution of the lattice, 5 to 10"
    )
    bbox: str | None = Field(
        default=None,
        description="min_lon,min_lat,max_lon,max_lat; the whole country when absent (at resolutions 5 and 6)",
        json_schema_extra={"pattern": BBOX_PATTERN},
    )
    category: str | None = Field(default=None, description="a public category's code")
    occurred_from: IsoDate | None = Field(default=None, alias="from")
    occurred_to: IsoDate | None = Field(default=None, alias="to")

    def query(self) -> hotspot_selectors.HotspotQuery:
        return hotspot_selectors.HotspotQuery(
            resolution=self.resolution,
            box=parse_bbox(self.bbox) or hotspot_selectors.COUNTRY_BOX,
            category_code=self.category or None,
            occurred_from=self.occurred_from,
            occurred_to=self.occurred_to,
        )


class HotspotCellOut(Schema):
    cell: str
    count: int
    z: float
    p: float
    class_: str = Field(alias="class")


class HotspotsOut(Schema):
    resolution: int
    lattice_size: int
    cells: list[HotspotCellOut]


@router.get(
    "/analytics/hotspots",
    response=HotspotsOut,
    by_alias=True,
    summary="Hot and cold spots of public reports (Getis-Ord Gi*, FDR-controlled) on an H3 lattice",
    description=(
        "The lattice is every H3 cell of the resolution whose centre lies in the box, and every cell "
        "holding a counted public report (at its public point). `cells` lists those with a report or a "
        "class. `z` is Gi* with binary weights over the cell and its ring-1 neighbours in the lattice "
        "(esda's star=True, transform='B'); `p` is two-sided from the normal; `class` comes from "
        "Benjamini-Hochberg at 0.01, 0.05 and 0.10 over the lattice."
    ),
    openapi_extra=openapi_responses(400),
)
def hotspots(request: HttpRequest, query: Query[HotspotQueryIn]) -> HttpResponse:
    return answered(hotspot_selectors.hotspots(query.query()))


def answered(answer: dict[str, Any]) -> HttpResponse:
    """
    A cached answer sent as it is: the selectors build exactly the documented shape, and checking
    thousands of cells against the schema again on every request was most of a warm answer
    (a city's: 43 ms with the check, 4 ms without, in bench/observatory_api.py).
    """
    return HttpResponse(json.dumps(answer, separators=(",", ":")), content_type="application/json")


class DensityQueryIn(Schema):
    bbox: str | None = Field(
        default=None,
        description="min_lon,min_lat,max_lon,max_lat; the whole country when absent",
        json_schema_extra={"pattern": BBOX_PATTERN},
    )
    size: int = Field(
        default=density_selectors.DEFAULT_SIZE, description="grid nodes along the box's longer side, 16 to 512"
    )
    bandwidth: float | None = Field(
        default=None,
        description="the kernel's standard deviation in metres, 50 to 100,000; by default twice the grid step",
    )
    category: str | None = Field(default=None, description="a public category's code")
    occurred_from: IsoDate | None = Field(default=None, alias="from")
    occurred_to: IsoDate | None = Field(default=None, alias="to")

    def query(self) -> density_selectors.DensityQuery:
        return density_selectors.DensityQuery(
            box=parse_bbox(self.bbox) or hotspot_selectors.COUNTRY_BOX,
            size=self.size,
            bandwidth_m=self.bandwidth,
            category_code=self.category or None,
            occurred_from=self.occurred_from,
            occurred_to=self.occurred_to,
        )


class DensityOut(Schema):
    bbox: list[float]
    nx: int
    ny: int
    step_m: float
    bandwidth_m: float
    reports: int
    max: float
    values: list[list[float]] = Field(
        description="reports per km², ny rows from south to north of nx values from west to east"
    )


@router.get(
    "/analytics/density",
    response=DensityOut,
    summary="Kernel density of public reports (reports per km²) on a regular grid over a box",
    description=(
        "Public reports at their public points, binned linearly to the grid and convolved with a Gaussian "
        "kernel by FFT (docs/observatory.md bounds the binning error). Nodes are square in metres; the "
        "first row is the southern edge of the box, the first value of a row its western edge."
    ),
    openapi_extra=openapi_responses(400),
)
def density(request: HttpRequest, query: Query[DensityQueryIn]) -> HttpResponse:
    return answered(density_selectors.density_surface(query.query()))


class TrendQueryIn(Schema):
    area: str | None = Field(default=None, description="a region, province or commune code; the country when absent")
    category: str | None = Field(default=None, description="a public category's code")
    occurred_from: IsoDate | None = Field(default=None, alias="from", description="a day of the first month")
    occurred_to: IsoDate | None = Field(default=None, alias="to", description="a day of the last month")


class TrendOut(Schema):
    category: str
    counts: list[int]
    total: int


class TrendsOut(Schema):
    area: str | None
    months: list[str]
    series: list[TrendOut]


@router.get(
    "/analytics/trends",
    response=TrendsOut,
    summary="Public reports per month and category in the country, a region, a province or a commune",
    description="From the monthly tallies that the report services keep; at most 120 months, the last 24 by default.",
    openapi_extra=openapi_responses(400, 404),
)
def trends(request: HttpRequest, query: Query[TrendQueryIn]) -> dict[str, object]:
    return trend_selectors.trends_answer(
        area_code=query.area,
        category_code=query.category or None,
        first=query.occurred_from,
        last=query.occurred_to,
        today=timezone.localdate(),
    )


AREA_DESCRIPTION = "a region's, province's or commune's census code; the whole country when absent"
BBOX_DESCRIPTION = "min_lon,min_lat,max_lon,max_lat; no box when absent"


class ScopedQueryIn(Schema):
    area: str | None = Field(default=None, description=AREA_DESCRIPTION)
    bbox: str | None = Field(default=None, description=BBOX_DESCRIPTION, json_schema_extra={"pattern": BBOX_PATTERN})
    category: str | None = Field(default=None, description="a public category's code")
    occurred_from: IsoDate | None = Field(default=None, alias="from")
    occurred_to: IsoDate | None = Field(default=None, alias="to")

    def scope(self) -> Scope:
        try:
            return scope_for(self.area or None)
        except Http404:
            message = _("Unknown area: give a region's, province's or commune's code.")
            raise InvalidInput(fields={"area": [message]}) from None

    def box(self) -> tuple[float, float, float, float] | None:
        return parse_bbox(self.bbox) if self.bbox else None


class CommuneRateOut(Schema):
    code: str
    name_ar: str
    name_fr: str
    reports: int
    population: int
    raw_per_1000: float
    smoothed_per_1000: float
    rank: int
    national_rank: int


class RatesOut(Schema):
    from_: dt.date = Field(alias="from")
    to: dt.date
    category: str | None
    overall_per_1000: float
    communes: list[CommuneRateOut]


@router.get(
    "/analytics/rates",
    response=RatesOut,
    by_alias=True,
    summary="Public reports per 1,000 inhabitants per commune, empirical-Bayes smoothed, ranked",
    description=(
        "Counts are public reports over whole months (`from`'s month to `to`'s; the last twelve months "
        "when absent), per commune, against the 2024 census population. `smoothed_per_1000` is Marshall's "
        "global empirical-Bayes rate with the whole country as the prior (the same on every page); "
        "`overall_per_1000` is that prior's mean. `rank` orders the communes listed (in the area and box, "
        "by the commune's centre), `national_rank` all communes of Morocco."
    ),
    openapi_extra=openapi_responses(400),
)
def rates(request: HttpRequest, query: Query[ScopedQueryIn]) -> dict[str, Any]:
    today = timezone.localdate()
    default = rate_selectors.RateQuery.last_months(query.scope(), today)
    rate_query = rate_selectors.RateQuery(
        scope=default.scope,
        month_from=rate_selectors.first_of_month(query.occurred_from) if query.occurred_from else default.month_from,
        month_to=rate_selectors.first_of_month(query.occurred_to) if query.occurred_to else default.month_to,
        category_code=query.category or None,
        box=query.box(),
    )
    return rate_selectors.commune_rates(rate_query)


class DurationsOut(Schema):
    count: int = Field(description="reports with this step taken")
    median_hours: float | None
    p90_hours: float | None
    settled: int = Field(description="deadlines met, missed, or passed while waiting")
    overdue_share: float | None = Field(description="of the settled deadlines, the share missed (0 to 1)")


class ResponseGroupOut(Schema):
    by: str = Field(description="`unit` (the responsible unit) or `commune` where no unit was responsible")
    code: str
    name_ar: str
    name_fr: str
    category: str
    category_ar: str
    category_fr: str
    reports: int
    acknowledge: DurationsOut
    resolve: DurationsOut


class ResponseTimesOut(Schema):
    current: bool = Field(description="false while a fresher computation is on its way")
    filed_from: dt.date | None
    filed_to: dt.date | None
    groups: list[ResponseGroupOut]


class PendingOut(Schema):
    status: str = "computing"
    retry_after: int


RETRY_SECONDS = 30


@router.get(
    "/analytics/response-times",
    response={200: ResponseTimesOut, 202: PendingOut},
    summary="Hours to acknowledge and to resolve public reports, per responsible unit (else commune) and category",
    description=(
        "`from` and `to` filter on the day the report was filed. Hours run from the start of that day "
        "(the only moment a report keeps). Acknowledged means any first step by an officer; resolved, "
        "the first closing step (resolved, rejected or duplicate). Percentiles are NumPy's linear ones. "
        "The figure is computed in the background: a first request may get 202 with `Retry-After`, "
        "later ones the last computation (`current` false while a fresher one is on its way)."
    ),
    openapi_extra=openapi_responses(400),
)
def response_times(request: HttpRequest, response: HttpResponse, query: Query[ScopedQueryIn]) -> Any:
    scope = query.scope()
    box = query.box()
    if query.occurred_from and query.occurred_to and query.occurred_from > query.occurred_to:
        raise InvalidInput(fields={"from": [_("The start of the period comes after its end.")]})
    if query.category and public_category_id(query.category) is None:
        raise InvalidInput(fields={"category": [_("Unknown category.")]})
    read = figures.read(
        "response_times",
        code=scope.code,
        category=query.category or None,
        filed_from=query.occurred_from.isoformat() if query.occurred_from else None,
        filed_to=query.occurred_to.isoformat() if query.occurred_to else None,
        bbox=list(box) if box else None,
    )
    if read.missing:
        response["Retry-After"] = str(RETRY_SECONDS)
        return Status(202, {"status": "computing", "retry_after": RETRY_SECONDS})
    return Status(200, {"current": read.current, **read.value})

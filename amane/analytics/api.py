"""The observatory's API: hotspots of public reports, in a fixed shape that others can build on."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from amane.analytics.selectors import density as density_selectors
from amane.analytics.selectors import hotspots as hotspot_selectors
from amane.analytics.selectors import trends as trend_selectors
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

"""The observatory's API: hotspots of public reports, in a fixed shape that others can build on."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from amane.analytics.selectors import hotspots as hotspot_selectors
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
def hotspots(request: HttpRequest, query: Query[HotspotQueryIn]) -> dict[str, object]:
    return hotspot_selectors.hotspots(query.query())

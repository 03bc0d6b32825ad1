"""Geography endpoints: locate a point, search places, list units, commune boundaries."""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import BaseModel, Field

from amane.core.compression import fixed_response
from amane.core.problems import openapi_responses
from amane.geo import selectors
from amane.geo.emergency import emergency_numbers
from amane.geo.models import Area, AreaKind

router = Router(tags=["geography"])
# Boundaries change with an import only; a day in the browser, then a revalidation.
GEOJSON_CACHE = "public, max-age=86400"


class UnitOut(BaseModel):
    # A plain model: it is built from dicts, many times in a list of reports.
    code: str
    name_ar: str
    name_fr: str


class CommuneOut(UnitOut):
    type: Literal["urban", "rural"]
    population_2024: int | None = None


class EmergencyNumberOut(Schema):
    service: str
    number: str
    name_ar: str
    name_fr: str


class LocationOut(Schema):
    commune: CommuneOut
    province: UnitOut
    region: UnitOut
    arrondissement: UnitOut | None
    emergency_numbers: list[EmergencyNumberOut]


class PlaceOut(UnitOut):
    kind: str
    province: UnitOut | None = None


class PlacesOut(Schema):
    results: list[PlaceOut]


class AreaOut(UnitOut):
    kind: str
    subtype: str
    parent_code: str | None
    population_2024: int | None
    households_2024: int | None


class AreasOut(Schema):
    results: list[AreaOut]


class LocateQuery(Schema):
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False)


def geojson_responses(*errors: int) -> dict[str, object]:
    extra = openapi_responses(*errors)
    extra["responses"][200] = {
        "description": "A GeoJSON FeatureCollection",
        "content": {"application/geo+json": {"schema": {"type": "object"}}},
    }
    return extra


def unit(area: Area) -> dict[str, str]:
    return {"code": area.code, "name_ar": area.name_ar, "name_fr": area.name_fr}


def commune_out(area: Area) -> dict[str, object]:
    return {**unit(area), "type": area.subtype, "population_2024": area.population_2024}


def area_out(area: Area) -> dict[str, object]:
    return {
        **unit(area),
        "kind": area.kind,
        "subtype": area.subtype,
        "parent_code": area.parent.code if area.parent else None,
        "population_2024": area.population_2024,
        "households_2024": area.households_2024,
    }


@router.get(
    "/geo/locate",
    response=LocationOut,
    summary="The commune at a point",
    description="400 with code `outside_covered_area` when no commune is within 2 km of the point.",
    openapi_extra=openapi_responses(400),
)
def locate(request: HttpRequest, query: Query[LocateQuery]) -> dict[str, object]:
    location = selectors.locate_point(lat=query.lat, lon=query.lon)
    return {
        "commune": commune_out(location.commune),
        "province": unit(location.province),
        "region": unit(location.region),
        "arrondissement": unit(location.arrondissement) if location.arrondissement else None,
        "emergency_numbers": [vars(number) for number in emergency_numbers(location.commune.subtype)],
    }


@router.get(
    "/geo/places",
    response=PlacesOut,
    summary="Search places by name, as people spell them",
    openapi_extra=openapi_responses(400),
)
def places(request: HttpRequest, q: str = Query(..., min_length=1, max_length=100)) -> dict[str, object]:  # type: ignore[type-arg]
    results = []
    for match in selectors.places_named(name=q, limit=10).matches:
        area = match.area
        item: dict[str, object] = {**unit(area), "kind": area.kind}
        item["province"] = unit(area.province) if area.province else None
        results.append(item)
    return {"results": results}


@router.get("/geo/regions", response=AreasOut, summary="The 12 regions", openapi_extra=openapi_responses(400))
def regions(request: HttpRequest) -> dict[str, object]:
    return {"results": [area_out(a) for a in selectors.areas_of_kind(kind=AreaKind.REGION)]}


@router.get(
    "/geo/provinces", response=AreasOut, summary="Provinces and prefectures", openapi_extra=openapi_responses(400)
)
def provinces(request: HttpRequest, region: str | None = None) -> dict[str, object]:
    areas = selectors.areas_of_kind(kind=AreaKind.PROVINCE, parent_code=region)
    return {"results": [area_out(a) for a in areas]}


@router.get("/geo/communes", response=AreasOut, summary="Communes", openapi_extra=openapi_responses(400))
def communes(request: HttpRequest, province: str | None = None) -> dict[str, object]:
    areas = selectors.areas_of_kind(kind=AreaKind.COMMUNE, parent_code=province)
    return {"results": [area_out(a) for a in areas]}


@router.get(
    "/geo/areas/{code}.geojson",
    summary="One unit's simplified boundary, with its arrondissements (GeoJSON FeatureCollection)",
    openapi_extra=geojson_responses(400, 404),
)
def area_geojson(request: HttpRequest, code: str) -> HttpResponse:
    response = HttpResponse(selectors.area_boundary_geojson_bytes(code=code), content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@router.get(
    "/geo/communes.geojson",
    summary="Simplified commune boundaries (GeoJSON FeatureCollection)",
    openapi_extra=geojson_responses(400),
)
def communes_geojson(request: HttpRequest, detail: Literal["low", "full"] = "full") -> HttpResponse:
    # Compressed once per process (the full layer cost 54 ms of gzip per request); a browser
    # that holds it revalidates with its ETag and gets a 304.
    body = selectors.commune_boundaries_geojson(low_detail=detail == "low")
    return fixed_response(request, body, content_type="application/geo+json", cache_control=GEOJSON_CACHE)


@router.get(
    "/geo/communes/{z}/{x}/{y}.geojson",
    summary="Commune boundaries of one map tile, zoom 9 to 12 (GeoJSON FeatureCollection)",
    description=(
        "Web-mercator z/x/y tiles, as OpenStreetMap numbers them. One feature per commune in the tile, its "
        "polygon clipped to the tile, and one feature with `kind: borders` holding the boundaries as lines. "
        "Simplified to about a pixel of the tile's zoom. 404 outside zoom 9 to 12."
    ),
    openapi_extra=geojson_responses(400, 404),
)
def commune_tile(request: HttpRequest, z: int, x: int, y: int) -> HttpResponse:
    body = selectors.commune_tile(z=z, x=x, y=y)
    return fixed_response(request, body, content_type="application/geo+json", cache_control=GEOJSON_CACHE)

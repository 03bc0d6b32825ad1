"""
CSV downloads of the rate, response-time and sensitive-place sections, with every row (and the
places as GeoJSON).

They take the page's filters (`category`, `month`) and ignore what they do not understand,
as the page's own downloads do; the cells are written formula-safe by `exports.csv_response`.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_http_methods

from amane.analytics import sections
from amane.analytics.exports import csv_response, geojson_response
from amane.analytics.scopes import Scope, scope_for
from amane.analytics.selectors.common import public_category_id

DURATION_COLUMNS = ("count", "median_hours", "p90_hours", "settled", "overdue_share")


def page_filters(request: HttpRequest) -> tuple[str | None, dt.date | None]:
    """The page's category (a public one) and month (YYYY-MM), each None when absent or unreadable."""
    category = request.GET.get("category") or None
    if category is not None and public_category_id(category) is None:
        category = None
    try:
        month = dt.date.fromisoformat(request.GET.get("month", "") + "-01")
    except ValueError:
        month = None
    return category, month


def _filename(scope: Scope, figure: str) -> str:
    return f"amane-{figure}-{scope.code or 'morocco'}.csv"


@require_http_methods(["GET", "HEAD"])
def rates_csv(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope = scope_for(code)
    category, month = page_filters(request)
    answer = sections.rates_section(scope, category, month)["rates"]
    header = ("rank", "code", "name_ar", "name_fr", "reports", "population", "raw_per_1000", "smoothed_per_1000")
    rows = [[row[column] for column in header] + [row["national_rank"]] for row in answer["communes"]]
    return csv_response(_filename(scope, "rates"), (*header, "national_rank"), rows)


@require_http_methods(["GET", "HEAD"])
def response_times_csv(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope = scope_for(code)
    category, _month = page_filters(request)
    read = sections.response_times_section(scope, category)["response_times"]["read"]
    groups = read.value["groups"] if read.value else []
    header = ["by", "code", "name_ar", "name_fr", "category", "reports"]
    steps = [f"{step}_{column}" for step in ("acknowledge", "resolve") for column in DURATION_COLUMNS]
    rows = [
        [g[column] for column in header]
        + [g[step][column] for step in ("acknowledge", "resolve") for column in DURATION_COLUMNS]
        for g in groups
    ]
    return csv_response(_filename(scope, "response-times"), [*header, *steps], rows)


def _places(request: HttpRequest, code: str | None) -> tuple[Scope, list[dict[str, Any]]]:
    scope = scope_for(code)
    category, month = page_filters(request)
    read = sections.sensitive_places_section(scope, category, month)["sensitive_places"]["read"]
    return scope, read.value["places"] if read.value else []


@require_http_methods(["GET", "HEAD"])
def places_csv(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope, places = _places(request, code)
    header = ("kind", "name_ar", "name_fr", "commune", "lat", "lon", "observed", "expected", "p", "q", "flagged")
    return csv_response(_filename(scope, "sensitive-places"), header, [[p[c] for c in header] for p in places])


@require_http_methods(["GET", "HEAD"])
def places_geojson(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope, places = _places(request, code)
    features: list[dict[str, object]] = [
        {
            "type": "Feature",
            "properties": {k: v for k, v in place.items() if k not in ("lat", "lon")},
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
        }
        for place in places
    ]
    return geojson_response(_filename(scope, "sensitive-places").replace(".csv", ".geojson"), features)


urlpatterns = [
    path("observatory/rates.csv", rates_csv, name="observatory_rates_csv"),
    path("observatory/response-times.csv", response_times_csv, name="observatory_response_times_csv"),
    path("observatory/sensitive-places.csv", places_csv, name="observatory_places_csv"),
    path("observatory/<str:code>/rates.csv", rates_csv, name="observatory_area_rates_csv"),
    path("observatory/<str:code>/response-times.csv", response_times_csv, name="observatory_area_response_times_csv"),
    path("observatory/<str:code>/sensitive-places.csv", places_csv, name="observatory_area_places_csv"),
    path("observatory/sensitive-places.geojson", places_geojson, name="observatory_places_geojson"),
    path("observatory/<str:code>/sensitive-places.geojson", places_geojson, name="observatory_area_places_geojson"),
]

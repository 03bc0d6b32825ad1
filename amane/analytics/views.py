"""The observatory's pages and downloads: thin, the figures come from the selectors."""

import datetime as dt
from typing import Any

import h3
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from amane.analytics import charts, figures
from amane.analytics.exports import csv_response, geojson_response
from amane.analytics.forms import ObservatoryFilters
from amane.analytics.scopes import Scope, scope_for
from amane.analytics.selectors import hotspots as hotspot_selectors
from amane.analytics.selectors.trends import month_starts, monthly_trends
from amane.geo.models import Area, AreaKind
from amane.reports.models import Category
from amane.web.templatetags.amane import name

CLASS_LABELS = {
    "hot-99": gettext_lazy("Hot spot, 99 %"),
    "hot-95": gettext_lazy("Hot spot, 95 %"),
    "hot-90": gettext_lazy("Hot spot, 90 %"),
    "none": gettext_lazy("Not significant"),
    "cold-90": gettext_lazy("Cold spot, 90 %"),
    "cold-95": gettext_lazy("Cold spot, 95 %"),
    "cold-99": gettext_lazy("Cold spot, 99 %"),
}
SHOWN_SERIES = 6
CHILD_KIND: dict[str | None, str] = {
    None: AreaKind.REGION,
    AreaKind.REGION: AreaKind.PROVINCE,
    AreaKind.PROVINCE: AreaKind.COMMUNE,
}


def _filters(request: HttpRequest) -> tuple[ObservatoryFilters, str | None, dt.date | None]:
    form = ObservatoryFilters(request.GET or None)
    categories = Category.objects.filter(active=True, confidential=False).order_by("position", "code")
    months = month_starts(timezone.localdate())
    form.set_choices(
        categories=[(c.code, name(c)) for c in categories],
        months=[(m.strftime("%Y-%m"), date_format(m, "F Y")) for m in reversed(months)],
    )
    if not form.is_valid():
        return form, None, None
    month = form.cleaned_data.get("month")
    start = dt.date.fromisoformat(month + "-01") if month else None
    return form, form.cleaned_data.get("category") or None, start


def _month_end(start: dt.date) -> dt.date:
    following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _hotspot_query(scope: Scope, category: str | None, month: dt.date | None) -> hotspot_selectors.HotspotQuery:
    return hotspot_selectors.HotspotQuery(
        resolution=scope.resolution(),
        box=scope.box,
        category_code=category,
        occurred_from=month,
        occurred_to=_month_end(month) if month else None,
    )


def _legend(cells: list[dict[str, Any]]) -> list[dict[str, object]]:
    counts = dict.fromkeys(CLASS_LABELS, 0)
    for cell in cells:
        counts[cell["class"]] += 1
    return [
        {"key": k, "label": v, "colour": charts.CLASS_COLOURS[k], "cells": counts[k]} for k, v in CLASS_LABELS.items()
    ]


def _map(scope: Scope, answer: dict[str, Any]) -> charts.MapDrawing:
    def title(cell: dict[str, Any]) -> str:
        return f"{cell['count']} · {CLASS_LABELS[cell['class']]} · z = {cell['z']:.2f}"

    shown = [(c["cell"], c["class"], title(c)) for c in answer["cells"]]
    return charts.hex_map(scope.box, shown, scope.outlines())


def _trend_chart(scope: Scope, category: str | None) -> tuple[Any, charts.LineChart]:
    trends = monthly_trends(scope=scope, today=timezone.localdate(), category_code=category)
    labels = [m.strftime("%Y-%m") for m in trends.months]
    series = [(name(t.category), t.counts) for t in trends.series[:SHOWN_SERIES]]
    return trends, charts.line_chart(labels, series)


def _children(scope: Scope) -> list[Area]:
    kind = CHILD_KIND.get(scope.kind)
    if kind is None:
        return []
    children = Area.objects.filter(kind=kind).order_by("code")
    if scope.area is not None:
        children = children.filter(**{scope.area.kind: scope.area})
    return list(children)


@require_http_methods(["GET", "HEAD"])
def observatory(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope = scope_for(code)
    form, category, month = _filters(request)
    answer = hotspot_selectors.hotspots(_hotspot_query(scope, category, month))
    trends, chart = _trend_chart(scope, category)
    emerging = figures.read("emerging", code=scope.code, category=category)
    context = {
        "scope": scope,
        "heading": name(scope.area) if scope.area else _("Morocco"),
        "parents": [a for a in (scope.area.region, scope.area.province) if a and a != scope.area] if scope.area else [],
        "form": form,
        "query": request.GET.urlencode(),
        "answer": answer,
        "legend": _legend(answer["cells"]),
        "map": _map(scope, answer),
        "trends": trends,
        "chart": chart,
        "emerging": emerging,
        "children": _children(scope),
    }
    return render(request, "analytics/observatory.html", context)


def _filename(scope: Scope, figure: str, extension: str) -> str:
    return f"amane-{figure}-{scope.code or 'morocco'}.{extension}"


def _scoped_hotspots(request: HttpRequest, code: str | None) -> tuple[Scope, dict[str, Any]]:
    """The scope and its hotspots under the request's filters, as the page shows them."""
    scope = scope_for(code)
    _form, category, month = _filters(request)
    return scope, hotspot_selectors.hotspots(_hotspot_query(scope, category, month))


@require_http_methods(["GET", "HEAD"])
def hotspots_csv(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope, answer = _scoped_hotspots(request, code)
    rows = [(c["cell"], *h3.cell_to_latlng(c["cell"]), c["count"], c["z"], c["p"], c["class"]) for c in answer["cells"]]
    header = ("cell", "lat", "lon", "count", "z", "p", "class")
    return csv_response(_filename(scope, "hotspots", "csv"), header, rows)


@require_http_methods(["GET", "HEAD"])
def hotspots_geojson(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope, answer = _scoped_hotspots(request, code)
    features: list[dict[str, object]] = [
        {
            "type": "Feature",
            "properties": {k: c[k] for k in ("cell", "count", "z", "p", "class")},
            "geometry": {"type": "Polygon", "coordinates": [_ring(c["cell"])]},
        }
        for c in answer["cells"]
    ]
    return geojson_response(_filename(scope, "hotspots", "geojson"), features)


def _ring(cell: str) -> list[list[float]]:
    ring = [[round(lon, 6), round(lat, 6)] for lat, lon in h3.cell_to_boundary(cell)]
    return [*ring, ring[0]]


@require_http_methods(["GET", "HEAD"])
def trends_csv(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope = scope_for(code)
    _form, category, _month = _filters(request)
    trends = monthly_trends(scope=scope, today=timezone.localdate(), category_code=category)
    header = ("category", *[m.strftime("%Y-%m") for m in trends.months])
    rows = [(t.category.code, *t.counts) for t in trends.series]
    return csv_response(_filename(scope, "trends", "csv"), header, rows)

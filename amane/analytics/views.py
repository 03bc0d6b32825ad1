"""The observatory's pages and downloads: thin, the figures come from the selectors."""

import datetime as dt
from typing import Any

import h3
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from amane.analytics import charts, figures, sections
from amane.analytics import services as record_services
from amane.analytics.exports import csv_response, csv_stream, geojson_response
from amane.analytics.forms import ObservatoryFilters, RecordPeriod
from amane.analytics.scopes import Scope, scope_for
from amane.analytics.selectors import density as density_selectors
from amane.analytics.selectors import jurisdiction as jurisdiction_selectors
from amane.analytics.selectors import records as record_selectors
from amane.analytics.selectors.jurisdiction import Jurisdiction
from amane.analytics.selectors.trends import Trends, month_starts, monthly_trends
from amane.authorities.selectors import unit_by_code
from amane.core.actors import analyst
from amane.core.errors import NotFound
from amane.core.viewer import viewer_for
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
EMERGING_LABELS = {
    "new-hot": gettext_lazy("New hot spot"),
    "consecutive-hot": gettext_lazy("Consecutive hot spot"),
    "intensifying-hot": gettext_lazy("Intensifying hot spot"),
    "persistent-hot": gettext_lazy("Persistent hot spot"),
    "diminishing-hot": gettext_lazy("Diminishing hot spot"),
    "sporadic-hot": gettext_lazy("Sporadic hot spot"),
    "oscillating-hot": gettext_lazy("Oscillating hot spot"),
    "historical-hot": gettext_lazy("Historical hot spot"),
    "new-cold": gettext_lazy("New cold spot"),
    "consecutive-cold": gettext_lazy("Consecutive cold spot"),
    "intensifying-cold": gettext_lazy("Intensifying cold spot"),
    "persistent-cold": gettext_lazy("Persistent cold spot"),
    "diminishing-cold": gettext_lazy("Diminishing cold spot"),
    "sporadic-cold": gettext_lazy("Sporadic cold spot"),
    "oscillating-cold": gettext_lazy("Oscillating cold spot"),
    "historical-cold": gettext_lazy("Historical cold spot"),
}
SHOWN_SERIES = 6
# Nodes along the longer side of the heat layer: fine enough for a phone, a few kilobytes of PNG.
DENSITY_SIZE = 128
CHILD_KIND: dict[str | None, str] = {
    None: AreaKind.REGION,
    AreaKind.REGION: AreaKind.PROVINCE,
    AreaKind.PROVINCE: AreaKind.COMMUNE,
}


def _filters(
    request: HttpRequest, categories: QuerySet[Category] | None = None
) -> tuple[ObservatoryFilters, str | None, dt.date | None]:
    form = ObservatoryFilters(request.GET or None)
    if categories is None:
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


def _period(month: dt.date | None) -> dict[str, str | None]:
    return {"first": month.isoformat() if month else None, "last": _month_end(month).isoformat() if month else None}


def _hotspot_layer(scope: Scope, category: str | None, month: dt.date | None) -> dict[str, Any]:
    """The scope's hotspots as last computed, refreshed in the background when the data move."""
    params = {"resolution": scope.resolution(), "box": list(scope.box), "category": category, **_period(month)}
    return figures.read("hotspots", compute_missing=True, **params).value


def _density_layer(scope: Scope, category: str | None, month: dt.date | None) -> dict[str, Any]:
    params = {"size": DENSITY_SIZE, "box": list(scope.box), "category": category, **_period(month)}
    return figures.read("density", compute_missing=True, **params).value


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


def _heat_map(scope: Scope, surface: dict[str, Any]) -> dict[str, object]:
    return {"drawing": charts.hex_map(scope.box, [], scope.outlines()), "image": charts.heat_image(surface["values"])}


def _trend_chart(scope: Scope, category: str | None) -> tuple[Any, charts.LineChart]:
    trends = monthly_trends(scope=scope, today=timezone.localdate(), category_code=category)
    labels = [m.strftime("%Y-%m") for m in trends.months]
    series = [(name(t.category), t.counts) for t in trends.series[:SHOWN_SERIES]]
    return trends, charts.line_chart(labels, series)


def _emerging_map(scope: Scope, emerging: figures.Read) -> dict[str, object] | None:
    """The emerging categories drawn cell by cell, with a legend of those present."""
    if emerging.missing or not emerging.value["cells"]:
        return None
    cells = [(cell, name, str(EMERGING_LABELS[name])) for cell, name in emerging.value["cells"]]
    legend = [
        {"key": key, "label": EMERGING_LABELS[key], "colour": charts.EMERGING_COLOURS[key], "cells": count}
        for key, count in emerging.value["summary"].items()
    ]
    drawing = charts.hex_map(scope.box, cells, scope.outlines(), colours=charts.EMERGING_COLOURS)
    return {"drawing": drawing, "legend": legend}


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
    answer = _hotspot_layer(scope, category, month)
    surface = _density_layer(scope, category, month)
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
        "surface": surface,
        "heat": _heat_map(scope, surface),
        "trends": trends,
        "chart": chart,
        "emerging": emerging,
        "emerging_map": _emerging_map(scope, emerging),
        "children": _children(scope),
        "links": _links(scope),
        "may_export": record_selectors.may_export(viewer_for(request.user)),
    }
    context |= sections.rates_section(scope, category, month)
    context |= sections.response_times_section(scope, category)
    context |= sections.sensitive_places_section(scope, category, month)
    return render(request, "analytics/observatory.html", context)


def _links(scope: Scope) -> dict[str, str]:
    def url(figure: str) -> str:
        if scope.code:
            return reverse(f"observatory_area_{figure}", args=[scope.code])
        return reverse(f"observatory_{figure}")

    names = (
        "hotspots_csv",
        "hotspots_geojson",
        "density_csv",
        "density_geojson",
        "emerging_csv",
        "emerging_geojson",
        "trends_csv",
        "records_csv",
    )
    return {link: url(link) for link in names}


def _filename(scope: Scope, figure: str, extension: str) -> str:
    return f"amane-{figure}-{scope.code or 'morocco'}.{extension}"


def _scoped_hotspots(request: HttpRequest, code: str | None) -> tuple[Scope, dict[str, Any]]:
    """The scope and its hotspots under the request's filters, as the page shows them."""
    scope = scope_for(code)
    _form, category, month = _filters(request)
    return scope, _hotspot_layer(scope, category, month)


@require_http_methods(["GET", "HEAD"])
def hotspots_csv(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope, answer = _scoped_hotspots(request, code)
    return _hotspot_rows(_filename(scope, "hotspots", "csv"), answer)


def _hotspot_rows(filename: str, answer: dict[str, Any]) -> HttpResponse:
    rows = [(c["cell"], *h3.cell_to_latlng(c["cell"]), c["count"], c["z"], c["p"], c["class"]) for c in answer["cells"]]
    return csv_response(filename, ("cell", "lat", "lon", "count", "z", "p", "class"), rows)


@require_http_methods(["GET", "HEAD"])
def hotspots_geojson(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope, answer = _scoped_hotspots(request, code)
    return geojson_response(_filename(scope, "hotspots", "geojson"), _hotspot_features(answer))


def _hotspot_features(answer: dict[str, Any]) -> list[dict[str, object]]:
    return [
        {
            "type": "Feature",
            "properties": {k: c[k] for k in ("cell", "count", "z", "p", "class")},
            "geometry": {"type": "Polygon", "coordinates": [_ring(c["cell"])]},
        }
        for c in answer["cells"]
    ]


def _scoped_density(request: HttpRequest, code: str | None) -> tuple[Scope, list[tuple[float, float, float]]]:
    scope = scope_for(code)
    _form, category, month = _filters(request)
    return scope, density_selectors.node_points(_density_layer(scope, category, month))


@require_http_methods(["GET", "HEAD"])
def density_csv(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope, nodes = _scoped_density(request, code)
    return csv_response(_filename(scope, "density", "csv"), ("lat", "lon", "reports_per_km2"), nodes)


@require_http_methods(["GET", "HEAD"])
def density_geojson(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope, nodes = _scoped_density(request, code)
    features: list[dict[str, object]] = [
        {
            "type": "Feature",
            "properties": {"reports_per_km2": value},
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
        }
        for lat, lon, value in nodes
    ]
    return geojson_response(_filename(scope, "density", "geojson"), features)


def _ring(cell: str) -> list[list[float]]:
    ring = [[round(lon, 6), round(lat, 6)] for lat, lon in h3.cell_to_boundary(cell)]
    return [*ring, ring[0]]


@require_http_methods(["GET", "HEAD"])
def trends_csv(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope = scope_for(code)
    _form, category, _month = _filters(request)
    trends = monthly_trends(scope=scope, today=timezone.localdate(), category_code=category)
    return _trend_rows(_filename(scope, "trends", "csv"), trends)


def _trend_rows(filename: str, trends: Trends) -> HttpResponse:
    header = ("category", *[m.strftime("%Y-%m") for m in trends.months])
    return csv_response(filename, header, [(t.category.code, *t.counts) for t in trends.series])


def _unit_page(request: HttpRequest, unit_code: str) -> tuple[Jurisdiction, str | None, dt.date | None, Any]:
    try:
        unit = unit_by_code(code=unit_code)
    except NotFound:
        raise Http404 from None
    jurisdiction = jurisdiction_selectors.jurisdiction_for(viewer=viewer_for(request.user), unit=unit)
    form, category, month = _filters(request, jurisdiction_selectors.categories_for(jurisdiction))
    return jurisdiction, category, month, form


def _unit_hotspots(jurisdiction: Jurisdiction, category: str | None, month: dt.date | None) -> dict[str, Any]:
    last = _month_end(month) if month else None
    return jurisdiction_selectors.hotspots(jurisdiction, category=category, first=month, last=last)


@require_http_methods(["GET", "HEAD"])
def unit_observatory(request: HttpRequest, unit_code: str) -> HttpResponse:
    jurisdiction, category, month, form = _unit_page(request, unit_code)
    answer = _unit_hotspots(jurisdiction, category, month)
    trends = jurisdiction_selectors.trends(jurisdiction, today=timezone.localdate(), category=category)
    labels = [m.strftime("%Y-%m") for m in trends.months]
    chart = charts.line_chart(labels, [(name(t.category), t.counts) for t in trends.series[:SHOWN_SERIES]])
    shown = [(c["cell"], c["class"], f"{c['count']} · {CLASS_LABELS[c['class']]}") for c in answer["cells"]]
    context = {
        "jurisdiction": jurisdiction,
        "heading": name(jurisdiction.unit),
        "form": form,
        "query": request.GET.urlencode(),
        "answer": answer,
        "legend": _legend(answer["cells"]),
        "map": charts.hex_map(jurisdiction.box, shown, jurisdiction.outlines()),
        "trends": trends,
        "chart": chart,
        "links": {
            "hotspots_csv": reverse("observatory_unit_hotspots_csv", args=[unit_code]),
            "hotspots_geojson": reverse("observatory_unit_hotspots_geojson", args=[unit_code]),
            "trends_csv": reverse("observatory_unit_trends_csv", args=[unit_code]),
        },
    }
    if jurisdiction.full:
        context |= sections.unit_response_times_section(jurisdiction.unit.pk, category)
    response = render(request, "analytics/unit_observatory.html", context)
    if jurisdiction.full:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_http_methods(["GET", "HEAD"])
def unit_hotspots_csv(request: HttpRequest, unit_code: str) -> HttpResponse:
    jurisdiction, category, month, _form = _unit_page(request, unit_code)
    answer = _unit_hotspots(jurisdiction, category, month)
    return _hotspot_rows(f"amane-hotspots-{unit_code}.csv", answer)


@require_http_methods(["GET", "HEAD"])
def unit_hotspots_geojson(request: HttpRequest, unit_code: str) -> HttpResponse:
    jurisdiction, category, month, _form = _unit_page(request, unit_code)
    answer = _unit_hotspots(jurisdiction, category, month)
    return geojson_response(f"amane-hotspots-{unit_code}.geojson", _hotspot_features(answer))


@require_http_methods(["GET", "HEAD"])
def unit_trends_csv(request: HttpRequest, unit_code: str) -> HttpResponse:
    jurisdiction, category, _month, _form = _unit_page(request, unit_code)
    trends = jurisdiction_selectors.trends(jurisdiction, today=timezone.localdate(), category=category)
    return _trend_rows(f"amane-trends-{unit_code}.csv", trends)


@require_http_methods(["GET", "HEAD"])
def records_csv(request: HttpRequest, code: str | None = None) -> HttpResponseBase:
    """Pseudonymised records of public reports, for analysts; every download is audited."""
    scope = scope_for(code)
    viewer = viewer_for(request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not record_selectors.may_export(viewer) or viewer.user_id is None:
        raise PermissionDenied
    period = RecordPeriod(request.GET)
    if not period.is_valid():
        errors = "; ".join(str(e) for messages in period.errors.values() for e in messages)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    first, last = period.cleaned_data.get("occurred_from"), period.cleaned_data.get("occurred_to")
    record_services.records_exported(actor=analyst(viewer.user_id), area_code=scope.code, first=first, last=last)
    query = record_selectors.RecordQuery(scope=scope, occurred_from=first, occurred_to=last)
    rows = record_selectors.record_rows(viewer=viewer, query=query)
    return csv_stream(_filename(scope, "records", "csv"), record_selectors.HEADER, rows)


def _scoped_emerging(request: HttpRequest, code: str | None) -> tuple[Scope, list[tuple[str, str]]]:
    """The emerging hot spots as last computed (none yet while the first computation runs)."""
    scope = scope_for(code)
    _form, category, _month = _filters(request)
    emerging = figures.read("emerging", code=scope.code, category=category)
    return scope, [] if emerging.missing else [tuple(cell) for cell in emerging.value["cells"]]


@require_http_methods(["GET", "HEAD"])
def emerging_csv(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope, cells = _scoped_emerging(request, code)
    rows = [(cell, *h3.cell_to_latlng(cell), category) for cell, category in cells]
    return csv_response(_filename(scope, "emerging", "csv"), ("cell", "lat", "lon", "category"), rows)


@require_http_methods(["GET", "HEAD"])
def emerging_geojson(request: HttpRequest, code: str | None = None) -> HttpResponse:
    scope, cells = _scoped_emerging(request, code)
    features: list[dict[str, object]] = [
        {
            "type": "Feature",
            "properties": {"cell": cell, "category": category},
            "geometry": {"type": "Polygon", "coordinates": [_ring(cell)]},
        }
        for cell, category in cells
    ]
    return geojson_response(_filename(scope, "emerging", "geojson"), features)

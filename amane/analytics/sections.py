"""
The observatory's rate, response-time and sensitive-place sections: figures and page context.

Rates read the month tallies and are cheap: they are computed on request (and cached by
their selector). Response times read every public report of the scope with its events, and
the places every public point around them: at a million reports these cost seconds, so they
are background figures (`amane.analytics.figures`), served current, stale or on their way.
Each `*_section` function returns the context its partial (`analytics/_<section>.html`) needs.
"""

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language

from amane.analytics import figures
from amane.analytics.figures import figure
from amane.analytics.scopes import Scope, scope_for
from amane.analytics.selectors import places as place_selectors
from amane.analytics.selectors import rates as rate_selectors
from amane.analytics.selectors import response as response_selectors
from amane.blackspots.models import PlaceKind

SHOWN_ROWS = 20
# Response times over the filing days of the last year: older answers say little of today's units.
RESPONSE_DAYS = 365


def _named(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of the rows with `name` (and `category_name`) in the active language, for the partials."""
    suffix = "fr" if (get_language() or "ar").startswith("fr") else "ar"
    named = []
    for row in rows:
        extra = {"name": row.get(f"name_{suffix}", "")}
        if "category" in row:
            extra["category_name"] = row.get(f"category_{suffix}", "")
        named.append({**row, **extra})
    return named


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@figure("response_times")
def response_times_figure(
    *,
    code: str | None,
    category: str | None,
    filed_from: str | None,
    filed_to: str | None,
    bbox: list[float] | None = None,
) -> dict[str, Any]:
    """Response times of a scope's public reports, per unit (else commune) and category."""
    query = response_selectors.ResponseQuery(
        scope=scope_for(code),
        category_code=category,
        filed_from=_day(filed_from),
        filed_to=_day(filed_to),
        box=(bbox[0], bbox[1], bbox[2], bbox[3]) if bbox else None,
    )
    return response_selectors.response_times(query, now=timezone.now())


@figure("sensitive_places")
def sensitive_places_figure(
    *,
    code: str | None,
    kind: str | None,
    radius_m: float,
    category: str | None,
    first: str | None = None,
    last: str | None = None,
) -> dict[str, Any]:
    """Public reports near each sensitive place of a scope, against its commune's density."""
    start, end = _day(first), _day(last)
    period = (start, end) if start and end else None
    scope = scope_for(code)
    return place_selectors.near_places(scope=scope, kind=kind, radius_m=radius_m, category_code=category, period=period)


def rates_section(scope: Scope, category: str | None = None, month: dt.date | None = None) -> dict[str, Any]:
    """The commune ranking by smoothed rate: over the chosen month, else the last twelve."""
    if month is not None:
        query = rate_selectors.RateQuery(scope=scope, month_from=month, month_to=month, category_code=category)
    else:
        query = rate_selectors.RateQuery.last_months(scope, timezone.localdate(), category_code=category)
    answer = rate_selectors.commune_rates(query)
    return {
        "rates": {
            **answer,
            "shown": _named(answer["communes"][:SHOWN_ROWS]),
            "more": len(answer["communes"]) > SHOWN_ROWS,
        }
    }


def response_times_section(scope: Scope, category: str | None = None) -> dict[str, Any]:
    """The response-time table of the last year's filings, from the background figure."""
    today = timezone.localdate()
    read = figures.read(
        "response_times",
        code=scope.code,
        category=category,
        filed_from=(today - dt.timedelta(days=RESPONSE_DAYS)).isoformat(),
        filed_to=None,
    )
    groups = read.value["groups"] if read.value else []
    shown = [{**g, "steps": [g["acknowledge"], g["resolve"]]} for g in _named(groups[:SHOWN_ROWS])]
    return {"response_times": {"read": read, "shown": shown, "more": len(groups) > SHOWN_ROWS}}


def sensitive_places_section(scope: Scope, category: str | None = None, month: dt.date | None = None) -> dict[str, Any]:
    """Schools of the scope with the public reports around them (in the month if one is chosen)."""
    first = last = None
    if month is not None:
        following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        first, last = month.isoformat(), (following - dt.timedelta(days=1)).isoformat()
    read = figures.read(
        "sensitive_places",
        code=scope.code,
        kind=PlaceKind.SCHOOL.value,
        radius_m=place_selectors.DEFAULT_RADIUS_M,
        category=category,
        first=first,
        last=last,
    )
    places = read.value["places"] if read.value else []
    return {
        "sensitive_places": {
            "read": read,
            "radius_m": int(place_selectors.DEFAULT_RADIUS_M),
            "shown": [{**p, "kind_label": str(PlaceKind(p["kind"]).label)} for p in _named(places[:SHOWN_ROWS])],
            "flagged": sum(1 for p in places if p["flagged"]),
            "more": len(places) > SHOWN_ROWS,
        }
    }


@figure("unit_response_times")
def unit_response_times_figure(*, unit_id: int, category: str | None, filed_from: str, hour: str) -> dict[str, Any]:
    """
    A unit's caseload in full, per unit and category. Confidential reports do not move the
    public data's version, so the hour is part of the figure's name: at worst an hour old.
    """
    query = response_selectors.ResponseQuery(
        scope=Scope(None), category_code=category, filed_from=_day(filed_from), caseload_of=unit_id
    )
    return response_selectors.response_times(query, now=timezone.now())


def unit_response_times_section(unit_id: int, category: str | None = None) -> dict[str, Any]:
    """The response-time table of a unit's caseload (its officers' view), from the background figure."""
    now = timezone.localtime()
    read = figures.read(
        "unit_response_times",
        unit_id=unit_id,
        category=category,
        filed_from=(now.date() - dt.timedelta(days=RESPONSE_DAYS)).isoformat(),
        hour=now.strftime("%Y-%m-%dT%H"),
    )
    groups = read.value["groups"] if read.value else []
    shown = [{**g, "steps": [g["acknowledge"], g["resolve"]]} for g in _named(groups[:SHOWN_ROWS])]
    return {"response_times": {"read": read, "shown": shown, "more": len(groups) > SHOWN_ROWS}}

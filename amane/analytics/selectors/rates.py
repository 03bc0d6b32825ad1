"""
Reports per 1,000 inhabitants per commune, empirical-Bayes smoothed, from the month tallies.

The counts come from `MonthTally` (public reports only, kept by the report services), so a
national ranking reads at most communes x categories x months rows, never the reports. The
prior is always the whole country's: a commune's smoothed rate is the same on the national,
regional and provincial pages, and a province's few communes do not shrink towards each
other alone. Communes without a census population (none should lack one) are left out.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from amane.analytics.engine import rates as rate_engine
from amane.analytics.scopes import Scope
from amane.analytics.selectors.common import current, public_category_id
from amane.analytics.selectors.hotspots import in_box
from amane.analytics.selectors.trends import month_starts
from amane.core.errors import InvalidInput
from amane.geo.models import Area, AreaKind
from amane.reports.models import MonthTally

DEFAULT_MONTHS = 12


@dataclass(frozen=True)
class RateQuery:
    scope: Scope
    month_from: dt.date  # first days of months, both included
    month_to: dt.date
    category_code: str | None = None
    box: tuple[float, float, float, float] | None = None  # communes whose centre lies inside

    @classmethod
    def last_months(cls, scope: Scope, today: dt.date, months: int = DEFAULT_MONTHS, **kwargs: Any) -> "RateQuery":
        starts = month_starts(today, months)
        return cls(scope=scope, month_from=starts[0], month_to=starts[-1], **kwargs)

    def cache_key(self) -> str:
        text = json.dumps(
            [self.scope.code, str(self.month_from), str(self.month_to), self.category_code, self.box], default=str
        )
        return "amane:analytics:rates:" + hashlib.sha256(text.encode()).hexdigest()[:32]


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def check(query: RateQuery) -> None:
    """Refuse, field by field, a period backwards or a category the public does not see."""
    errors: dict[str, list[str | Promise]] = {}
    if query.month_from > query.month_to:
        errors["from"] = [_("The start of the period comes after its end.")]
    if query.category_code is not None and public_category_id(query.category_code) is None:
        errors["category"] = [_("Unknown category.")]
    if errors:
        raise InvalidInput(fields=errors)


def commune_rates(query: RateQuery) -> dict[str, Any]:
    """The scope's communes ranked by smoothed rate, with the national prior; cached per data version."""
    check(query)
    return current(query.cache_key(), lambda: _computed(query))


def _counts(query: RateQuery) -> dict[int, int]:
    rows = MonthTally.objects.filter(month__gte=query.month_from, month__lte=query.month_to, count__gt=0)
    if query.category_code is not None:
        rows = rows.filter(category__code=query.category_code)
    return dict(rows.values_list("commune_id").annotate(n=Sum("count")).order_by())


def _communes() -> list[tuple[int, int]]:
    """Every commune with a census population: (id, population)."""
    rows = Area.objects.filter(kind=AreaKind.COMMUNE, population_2024__gt=0).order_by("id")
    return [(pk, population or 0) for pk, population in rows.values_list("id", "population_2024")]


def _in_scope(query: RateQuery) -> Q:
    where = Q(kind=AreaKind.COMMUNE, population_2024__gt=0)
    area = query.scope.area
    if area is not None:
        where &= Q(pk=area.pk) if area.kind == AreaKind.COMMUNE else Q(**{area.kind: area})
    if query.box is not None:
        where &= in_box(query.box, "centroid_lat", "centroid_lon")
    return where


def _computed(query: RateQuery) -> dict[str, Any]:
    counts = _counts(query)
    communes = _communes()
    ids = np.array([pk for pk, _population in communes], dtype=np.int64)
    events = np.array([counts.get(pk, 0) for pk, _population in communes], dtype=np.float64)
    population = np.array([p for _pk, p in communes], dtype=np.float64)
    result = rate_engine.empirical_bayes(events, population)
    raw, smoothed = result.per_thousand()
    position = {int(pk): i for i, pk in enumerate(ids)}
    national_rank = rate_engine.ranks(smoothed)
    shown = Area.objects.filter(_in_scope(query)).values_list("id", "code", "name_ar", "name_fr")
    rows = [
        _row(position[pk], code, name_ar, name_fr, events, population, raw, smoothed, national_rank)
        for pk, code, name_ar, name_fr in shown
        if pk in position
    ]
    rows.sort(key=lambda row: (-row["smoothed_per_1000"], row["code"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return {
        "from": str(query.month_from),
        "to": str(_month_end(query.month_to)),
        "category": query.category_code,
        "overall_per_1000": result.overall * rate_engine.PER,
        "communes": rows,
    }


def _row(i: int, code: str, name_ar: str, name_fr: str, *columns: Any) -> dict[str, Any]:
    events, population, raw, smoothed, national_rank = columns
    return {
        "code": code,
        "name_ar": name_ar,
        "name_fr": name_fr,
        "reports": int(events[i]),
        "population": int(population[i]),
        "raw_per_1000": float(raw[i]),
        "smoothed_per_1000": float(smoothed[i]),
        "national_rank": int(national_rank[i]),
    }


def _month_end(start: dt.date) -> dt.date:
    following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)

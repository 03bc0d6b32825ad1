"""Monthly counts of public reports per category in a scope, from the month tallies."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from amane.analytics.scopes import SCOPE_KINDS, Scope
from amane.analytics.selectors.common import public_category_id
from amane.core.errors import InvalidInput, NotFound
from amane.geo.selectors import area_by_code
from amane.reports.models import Category, MonthTally

MONTHS = 24
# The longest period the API returns month by month: ten years.
MAX_MONTHS = 120


@dataclass(frozen=True)
class Trend:
    category: Category
    counts: list[int]  # one per month, oldest first

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Trends:
    months: list[dt.date]  # first days, oldest first
    series: list[Trend]  # categories with at least one report, busiest first

    @property
    def rows(self) -> list[tuple[dt.date, list[int]]]:
        """Month by month, the count of each series: the chart as a table."""
        return [(month, [trend.counts[i] for trend in self.series]) for i, month in enumerate(self.months)]


def month_starts(last: dt.date, count: int = MONTHS) -> list[dt.date]:
    """The first days of the `count` months ending with the month of `last`."""
    year, month = last.year, last.month
    starts = []
    for _step in range(count):
        starts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of the months from the month of `first` to that of `last`, both included."""
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return month_starts(last, count) if count > 0 else []


def monthly_trends(
    *, scope: Scope, today: dt.date, category_code: str | None = None, months: list[dt.date] | None = None
) -> Trends:
    """
    The public's monthly counts per category over the given months, by default the last 24
    (a few thousand tally rows at most, whatever the number of reports).
    """
    months = months or month_starts(today)
    rows = MonthTally.objects.filter(scope.tallies(), month__gte=months[0], month__lte=months[-1], count__gt=0)
    if category_code:
        rows = rows.filter(category__code=category_code)
    position = {month: i for i, month in enumerate(months)}
    counts: dict[int, list[int]] = {}
    for category_id, month, n in rows.values_list("category_id", "month").annotate(n=Sum("count")).order_by():
        counts.setdefault(category_id, [0] * len(months))[position[month]] += n
    categories = Category.objects.in_bulk(list(counts))
    series = [Trend(categories[pk], values) for pk, values in counts.items()]
    series.sort(key=lambda trend: (-trend.total, trend.category.code))
    return Trends(months, series)


def trends_answer(
    *,
    area_code: str | None,
    category_code: str | None,
    first: dt.date | None,
    last: dt.date | None,
    today: dt.date,
) -> dict[str, object]:
    """The API's answer: each category's monthly counts, after checking every parameter."""
    errors: dict[str, list[str | Promise]] = {}
    scope = _scope_or_error(area_code, errors)
    last = last or today
    first = first or month_starts(last)[0]
    months = months_between(first, last)
    if not months:
        errors["from"] = [_("The start of the period comes after its end.")]
    elif len(months) > MAX_MONTHS:
        errors["from"] = [_("A period may cover at most %(months)d months.") % {"months": MAX_MONTHS}]
    if category_code is not None and not public_category_id(category_code):
        errors["category"] = [_("Unknown category.")]
    if errors or scope is None:
        raise InvalidInput(fields=errors)
    trends = monthly_trends(scope=scope, today=today, category_code=category_code, months=months)
    return {
        "area": area_code,
        "months": [month.strftime("%Y-%m") for month in trends.months],
        "series": [{"category": t.category.code, "counts": t.counts, "total": t.total} for t in trends.series],
    }


def _scope_or_error(area_code: str | None, errors: dict[str, list[str | Promise]]) -> Scope | None:
    if area_code is None:
        return Scope(None)
    try:
        area = area_by_code(code=area_code)
    except NotFound:
        area = None
    if area is None or area.kind not in SCOPE_KINDS:
        errors["area"] = [_("Give the code of a region, a province or a commune.")]
        return None
    return Scope(area)

"""Monthly counts of public reports per category in a scope, from the month tallies."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum

from amane.analytics.scopes import Scope
from amane.reports.models import Category, MonthTally

MONTHS = 24


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
    for _ in range(count):
        starts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def monthly_trends(*, scope: Scope, today: dt.date, category_code: str | None = None) -> Trends:
    """The public's monthly counts per category over the last 24 months (a few thousand rows at most)."""
    months = month_starts(today)
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

"""
How fast the authorities answer public reports: per responsible unit and category, else per commune.

A report is acknowledged by the first step an officer takes on it (acknowledged, in
progress, or closed at once) and resolved by the first closing step (resolved, rejected as
not a matter for the authorities, or closed as a duplicate), as amane.service_levels counts
them. Hours run from the start of the day the report was filed, the only moment a report
keeps (an exact time could be matched against a phone operator's records): a time is
therefore at most a day longer than the truth, never shorter. Deadlines are the ones fixed at
filing (`ReportDeadline`), or, for reports loaded around the services, those the category's
service level gives. Only public reports are counted: the figure is the same for everyone.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import FloatField, Func, Min, OuterRef, Q, Subquery
from django.utils import timezone

from amane.analytics.engine import response as response_engine
from amane.analytics.scopes import Scope
from amane.analytics.selectors.hotspots import in_box
from amane.authorities.models import ReportRouting, RoutingRole, Unit
from amane.geo.models import Area, AreaKind
from amane.reports.lifecycle import Status
from amane.reports.models import Category, Report
from amane.service_levels import deadlines
from amane.service_levels.models import ServiceLevel

ACKNOWLEDGING = [s.value for s in Status if s != Status.SUBMITTED]
CLOSING = [Status.RESOLVED.value, Status.REJECTED.value, Status.DUPLICATE.value]
HOUR = 3600.0
GroupKey = tuple[str, int, int]  # ("unit" or "commune", its id, the category's id)


@dataclass(frozen=True)
class ResponseQuery:
    scope: Scope
    category_code: str | None = None
    filed_from: dt.date | None = None
    filed_to: dt.date | None = None
    box: tuple[float, float, float, float] | None = None
    # A unit's caseload in full (its officers' view): every report routed to it, public or not.
    caseload_of: int | None = None


def report_filter(query: ResponseQuery) -> Q:
    """The reports of the query (public ones, or a unit's caseload): scope, box, category, filing days."""
    where = Q(public__in=(True,)) if query.caseload_of is None else Q(routing__unit_id=query.caseload_of)
    area = query.scope.area
    if area is not None:
        where &= Q(**{f"{area.kind}_id": area.pk})
    if query.box is not None:
        where &= in_box(query.box, "public_lat", "public_lon")
    if query.category_code is not None:
        where &= Q(category__code=query.category_code)
        if query.caseload_of is None:
            where &= Q(category__confidential=False)
    if query.filed_from is not None:
        where &= Q(submitted_on__gte=query.filed_from)
    if query.filed_to is not None:
        where &= Q(submitted_on__lte=query.filed_to)
    return where


class Epoch(Func):
    """Seconds since 1970 of a timestamp, read as a number: no datetime object per row and column."""

    output_field = FloatField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # SQLite keeps UTC text; julianday reads it, and 2440587.5 is the Julian day of 1970-01-01.
        template = "((julianday(%(expressions)s) - 2440587.5) * 86400.0)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="EXTRACT(EPOCH FROM %(expressions)s)::float8", **extra)


def _rows(query: ResponseQuery) -> list[tuple[Any, ...]]:
    responsible = ReportRouting.objects.filter(report=OuterRef("pk"), role=RoutingRole.RESPONSIBLE).values("unit_id")
    return list(
        Report.objects.filter(report_filter(query))
        # The id keeps one row per report: the aggregates group by every listed column.
        .values_list("id", "category_id", "commune_id")
        .annotate(
            filed=Epoch("submitted_on"),
            acknowledge_by=Epoch("deadline__acknowledge_by"),
            resolve_by=Epoch("deadline__resolve_by"),
            unit=Subquery(responsible[:1]),
            acknowledged=Epoch(Min("events__at", filter=Q(events__status__in=ACKNOWLEDGING))),
            closed=Epoch(Min("events__at", filter=Q(events__status__in=CLOSING))),
        )
        .order_by()
    )


def response_times(query: ResponseQuery, *, now: dt.datetime) -> dict[str, Any]:
    """Per group (unit or commune, and category): reports, median and 90th percentile hours, share overdue."""
    rows = _rows(query)
    columns = list(zip(*rows, strict=True)) or [()] * 9
    category, commune = np.array(columns[1], dtype=np.int64), np.array(columns[2], dtype=np.int64)
    filed, acknowledge_by, resolve_by, unit, acknowledged, closed = (np.array(c, dtype=np.float64) for c in columns[3:])
    keys, group = _groups(unit, commune, category)
    days, day_of = np.unique((filed // 86400).astype(np.int64), return_inverse=True)
    dates = [EPOCH_DAY + dt.timedelta(days=int(day)) for day in days]
    start = np.array([_day_start(day) for day in dates])[day_of.ravel()]
    _fill_deadlines(acknowledge_by, resolve_by, category, day_of.ravel(), dates)
    result = response_engine.response_times(
        group,
        start / HOUR,
        acknowledged / HOUR,
        closed / HOUR,
        acknowledge_by / HOUR,
        resolve_by / HOUR,
        now=now.timestamp() / HOUR,
        groups=len(keys),
    )
    labels = _labels(keys)
    groups = [_group_out(key, labels, result, i) for i, key in enumerate(keys)]
    groups.sort(key=lambda g: (-g["reports"], g["code"], g["category"]))
    return {"filed_from": _iso(query.filed_from), "filed_to": _iso(query.filed_to), "groups": groups}


EPOCH_DAY = dt.date(1970, 1, 1)
# One integer per (unit or commune, category): the flag, the owner's id, the category's id.
_UNIT_FLAG, _OWNER_SHIFT, _CATEGORY_MASK = 1 << 62, 16, (1 << 16) - 1


def _groups(unit: np.ndarray, commune: np.ndarray, category: np.ndarray) -> tuple[list[GroupKey], np.ndarray]:
    """The (unit or commune, category) of each report, as a list of keys and each report's index in it."""
    by_unit = ~np.isnan(unit)
    owner = np.where(by_unit, np.nan_to_num(unit), commune).astype(np.int64)
    packed = np.where(by_unit, _UNIT_FLAG, 0) | (owner << _OWNER_SHIFT) | category
    unique, group = np.unique(packed, return_inverse=True)
    keys = [
        ("unit" if int(k) & _UNIT_FLAG else "commune", (int(k) & ~_UNIT_FLAG) >> _OWNER_SHIFT, int(k) & _CATEGORY_MASK)
        for k in unique
    ]
    return keys, group.ravel()


def _day_start(day: dt.date) -> float:
    """The start of a local day in seconds since 1970 (Morocco's offset moves in Ramadan)."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone()).timestamp()


def _fill_deadlines(
    acknowledge_by: np.ndarray, resolve_by: np.ndarray, category: np.ndarray, day_of: np.ndarray, dates: list[dt.date]
) -> None:
    """Give reports loaded without deadlines those of their category's service level (in seconds)."""
    missing = np.flatnonzero(np.isnan(acknowledge_by))
    if len(missing) == 0:
        return
    due = _Due(_levels())
    pairs, which = np.unique((category[missing] << 32) | day_of[missing], return_inverse=True)
    found = np.array([due.of(int(p) >> 32, dates[int(p) & 0xFFFFFFFF]) for p in pairs]).reshape(-1, 2)
    acknowledge_by[missing] = found[which.ravel(), 0]
    resolve_by[missing] = found[which.ravel(), 1]


def _levels() -> dict[int, deadlines.Levels]:
    return {level.category_id: level.levels() for level in ServiceLevel.objects.all()}


class _Due:
    """The service level's deadlines of a category and filing day, each pair computed once."""

    def __init__(self, levels: dict[int, deadlines.Levels]) -> None:
        self.levels = levels
        self.tz = timezone.get_default_timezone()
        self.known: dict[tuple[int, dt.date], tuple[float, float]] = {}

    def of(self, category_id: int, filed_on: dt.date) -> tuple[float, float]:
        key = (category_id, filed_on)
        if key not in self.known:
            level = self.levels.get(category_id, deadlines.Levels())
            due = deadlines.deadlines_for(filed_on=filed_on, tz=self.tz, levels=level)
            self.known[key] = (due.acknowledge_by.timestamp(), due.resolve_by.timestamp())
        return self.known[key]


def _labels(keys: list[tuple[str, int, int]]) -> dict[tuple[str, int], tuple[str, str, str]]:
    units = {k[1] for k in keys if k[0] == "unit"}
    communes = {k[1] for k in keys if k[0] == "commune"}
    categories = {k[2] for k in keys}
    labels: dict[tuple[str, int], tuple[str, str, str]] = {}
    for pk, code, name_ar, name_fr in Unit.objects.filter(pk__in=units).values_list("pk", "code", "name_ar", "name_fr"):
        labels["unit", pk] = (code, name_ar, name_fr)
    communes_rows = Area.objects.filter(pk__in=communes, kind=AreaKind.COMMUNE)
    for pk, code, name_ar, name_fr in communes_rows.values_list("pk", "code", "name_ar", "name_fr"):
        labels["commune", pk] = (code, name_ar, name_fr)
    for pk, code, name_ar, name_fr in Category.objects.filter(pk__in=categories).values_list(
        "pk", "code", "name_ar", "name_fr"
    ):
        labels["category", pk] = (code, name_ar, name_fr)
    return labels


def _group_out(
    key: tuple[str, int, int], labels: dict[tuple[str, int], tuple[str, str, str]], result: Any, i: int
) -> dict[str, Any]:
    kind, pk, category_id = key
    code, name_ar, name_fr = labels.get((kind, pk), ("", "", ""))
    category, category_ar, category_fr = labels.get(("category", category_id), ("", "", ""))
    return {
        "by": kind,
        "code": code,
        "name_ar": name_ar,
        "name_fr": name_fr,
        "category": category,
        "category_ar": category_ar,
        "category_fr": category_fr,
        "reports": int(result.reports[i]),
        "acknowledge": _durations_out(result.acknowledge, i),
        "resolve": _durations_out(result.resolve, i),
    }


def _durations_out(durations: response_engine.Durations, i: int) -> dict[str, Any]:
    return {
        "count": int(durations.count[i]),
        "median_hours": _number(durations.median[i]),
        "p90_hours": _number(durations.p90[i]),
        "settled": int(durations.settled[i]),
        "overdue_share": _number(durations.overdue_share[i]),
    }


def _number(value: float) -> float | None:
    return None if np.isnan(value) else round(float(value), 3)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None

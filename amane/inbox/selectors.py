"""
The officer's inbox: the reports routed to the units a viewer acts for, and one report in full.

Everything here starts from the routing table (amane.authorities.ReportRouting), so that an
officer never reads a report outside the jurisdiction: such a report is "not found", exactly
like one that does not exist. A unit's parents see what it sees (routing wrote their rows).
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils.translation import gettext as _

from amane.authorities.models import ReportRouting, RoutingRole, Unit
from amane.authorities.routing import units_seeing
from amane.conversations.models import Message
from amane.conversations.selectors import thread_for_unit
from amane.core.errors import NotFound
from amane.core.viewer import Viewer
from amane.inbox.models import Assignment, InternalNote
from amane.reports.models import Photo, Report, ReportEvent
from amane.service_levels.selectors import overdue_q

PAGE = 50
# An inbox counts by status, and looks for words, among the newest WINDOW reports of each of
# the viewer's units that pass the other filters: at a million reports Casablanca's prefecture
# holds 250,000, and reading them all for a count or a word takes seconds. Dates reach further.
WINDOW = 10_000


@dataclass(frozen=True)
class InboxFilters:
    statuses: tuple[str, ...] = ()
    category_codes: tuple[str, ...] = ()
    unit_id: int | None = None
    text: str = ""
    occurred_from: dt.date | None = None
    occurred_to: dt.date | None = None
    # Only reports past a deadline at this moment (the most urgent), among each unit's window.
    overdue_at: dt.datetime | None = None


@dataclass(frozen=True)
class InboxPage:
    reports: list[Report]
    next_before: int | None
    counts: dict[str, int]
    # Whether the counts, or the text search, stopped at a unit's newest WINDOW reports: each
    # count is then a lower bound, and older reports are reached by dates.
    capped: bool = False


def viewer_units(viewer: Viewer) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=sorted(viewer.unit_ids)).order_by("code")


def _units(viewer: Viewer, unit_id: int | None) -> list[int]:
    return sorted(viewer.unit_ids) if unit_id is None else [unit_id] if unit_id in viewer.unit_ids else []


def _dated(unit_id: int, filters: InboxFilters) -> QuerySet[ReportRouting]:
    """Return the unit's routing rows within the dates: the rows' own day, in their (unit, day) index."""
    rows = ReportRouting.objects.filter(unit_id=unit_id)
    if filters.occurred_from:
        rows = rows.filter(occurred_on__gte=filters.occurred_from)
    if filters.occurred_to:
        rows = rows.filter(occurred_on__lte=filters.occurred_to)
    return rows


def _window(unit_id: int, filters: InboxFilters) -> QuerySet[ReportRouting, int]:
    """Return the ids of the unit's newest WINDOW reports within the dates: one walk of an index."""
    return _dated(unit_id, filters).order_by("-report_id").values_list("report_id", flat=True)[:WINDOW]


class _AnyOf(Func):
    """`value = ANY(array)`, PostgreSQL's test of membership in an array."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def _in_window(unit_id: int, filters: InboxFilters) -> Q:
    """Return the condition "a report among the unit's window", for a query on reports."""
    window = _window(unit_id, filters)
    if connection.vendor != "postgresql":
        return Q(pk__in=window)
    # As an array computed once, which PostgreSQL looks up in the primary key: given `IN (…)`,
    # on a table of 100,000 it judges a text filter selective and reads every description.
    return Q(_AnyOf(F("pk"), Subquery(window, template="ARRAY(%(subquery)s)")))


def _on_reports(filters: InboxFilters, *, via: str = "", with_status: bool = True) -> Q:
    """Return the filters on the report's own columns, reached through `via` ("report__" from a routing row)."""
    found = Q()
    if with_status and filters.statuses:
        found &= Q(**{f"{via}status__in": filters.statuses})
    if filters.category_codes:
        found &= Q(**{f"{via}category__code__in": filters.category_codes})
    return found


def _walks(unit_id: int, filters: InboxFilters, *, before: int | None) -> list[QuerySet[Any, int]]:
    """
    Return the ids of the unit's reports that pass the filters, newest first, as walks backwards
    along the routing table's (unit, report) index that stop at the page's end, instead of
    collecting the unit's every report to sort them (250,000 for Casablanca's prefecture).
    With a text, two walks: the words, among the unit's newest WINDOW reports within the dates,
    and the report whose id it is, wherever it is (its own index).
    """
    dated = filters.occurred_from is not None or filters.occurred_to is not None
    rows = _dated(unit_id, filters).filter(_on_reports(filters, via="report__"))
    walks: list[tuple[QuerySet[Any], str]] = [(rows, "report_id")]
    if (filters.statuses or filters.category_codes) and not dated:
        # From the reports' side, down from the unit's newest: each report of that status or
        # category is checked in the routing table's (report, unit) index. Walked from the
        # routing side, PostgreSQL would merge it with the reports' ids from the newest of all.
        newest = _dated(unit_id, filters).order_by("-report_id").values_list("report_id", flat=True).first()
        routed = ReportRouting.objects.filter(unit_id=unit_id, report=OuterRef("pk"))
        reports = Report.objects.filter(_on_reports(filters), Exists(routed), pk__lte=newest or 0)
        walks = [(reports, "pk")]
    if filters.overdue_at is not None:
        # Overdue reports are the older ones: looked for among the unit's window, like words.
        late = Report.objects.filter(
            _on_reports(filters), _in_window(unit_id, filters), overdue_q(now=filters.overdue_at)
        )
        walks = [(late, "pk")]
    text = filters.text.strip()
    if text:
        words = Report.objects.filter(_on_reports(filters), _in_window(unit_id, filters), description__icontains=text)
        if filters.overdue_at is not None:
            words = words.filter(overdue_q(now=filters.overdue_at))
        walks = [(words, "pk"), (rows.filter(report__public_id=text.lower()), "report_id")]
    if before is not None:
        walks = [(walk.filter(**{f"{key}__lt": before}), key) for walk, key in walks]
    if dated:
        # Within dates, the days' rows are read in the (unit, day) index and sorted: PostgreSQL
        # would otherwise walk the ids from the newest, expecting the dates spread evenly
        # among them, and pass over every report newer than the last date first.
        return [walk.order_by((F(key) + 0).desc()).values_list(key, flat=True) for walk, key in walks]
    return [walk.order_by(f"-{key}").values_list(key, flat=True) for walk, key in walks]


def inbox_page(*, viewer: Viewer, filters: InboxFilters, before: int | None = None, limit: int = PAGE) -> InboxPage:
    """The newest reports first (in the order they were filed), a page at a time, with counts by status."""
    units = _units(viewer, filters.unit_id)
    # A report routed to two of the viewer's units (a district and its prefecture) is listed once.
    walks = [walk for unit_id in units for walk in _walks(unit_id, filters, before=before)]
    ids = sorted({pk for walk in walks for pk in walk[: limit + 1]}, reverse=True)
    reports = Report.objects.filter(pk__in=ids[: limit + 1]).select_related("category", "commune")
    found = list(reports.order_by("-pk"))
    next_before = found[limit - 1].pk if len(found) > limit else None
    counts, capped = _counts(units, filters)
    return InboxPage(reports=found[:limit], next_before=next_before, counts=counts, capped=capped)


def _counts(units: list[int], filters: InboxFilters) -> tuple[dict[str, int], bool]:
    """Count by status, among each unit's newest WINDOW reports within the dates, those that pass the rest."""
    if not units:
        return {}, False
    within, capped = Q(), False
    text = filters.text.strip()
    for unit_id in units:
        within |= _in_window(unit_id, filters)
        capped |= _dated(unit_id, filters).order_by("-report_id")[WINDOW : WINDOW + 1].exists()
    reports = Report.objects.filter(within, _on_reports(filters, with_status=False))
    if text:
        reports = reports.filter(Q(description__icontains=text) | Q(public_id=text.lower()))
    if filters.overdue_at is not None:
        reports = reports.filter(overdue_q(now=filters.overdue_at))
    return dict(reports.values_list("status").annotate(n=Count("id")).order_by()), capped


@dataclass(frozen=True)
class InboxReport:
    report: Report
    responsible: Unit | None
    copies: list[Unit]
    # Whether the viewer acts for the responsible unit or one above it: who may change the
    # status, and who sees the exact point and the full photos.
    may_act: bool
    events: list[ReportEvent]
    photos: list[Photo]
    notes: list[InternalNote]
    # The conversation with the reporter: for the responsible unit only (None for the others).
    thread: list[Message] | None


def inbox_report(*, viewer: Viewer, public_id: str) -> InboxReport:
    """One report of the viewer's jurisdiction in full, or NotFound."""
    routed = ReportRouting.objects.filter(report=OuterRef("pk"), unit_id__in=sorted(viewer.unit_ids))
    report = (
        Report.objects.select_related("category", "commune", "arrondissement", "province")
        .filter(Exists(routed), public_id=public_id)
        .first()
    )
    if report is None:
        raise NotFound(_("No report has this id."))
    rows = list(ReportRouting.objects.filter(report=report).select_related("unit"))
    responsible = next((r.unit for r in rows if r.role == RoutingRole.RESPONSIBLE), None)
    copies = sorted((r.unit for r in rows if r.role == RoutingRole.COPY), key=lambda unit: unit.code)
    return InboxReport(
        report=report,
        responsible=responsible,
        copies=copies,
        may_act=may_act_on(viewer, responsible),
        events=list(report.events.order_by("at", "id")),
        photos=list(report.photos.order_by("position")),
        notes=list(InternalNote.objects.filter(report=report).select_related("unit")),
        thread=_thread(viewer, report, responsible),
    )


def _thread(viewer: Viewer, report: Report, responsible: Unit | None) -> list[Message] | None:
    if responsible is None or responsible.pk not in viewer.unit_ids:
        return None
    return list(thread_for_unit(report=report, unit_ids=viewer.unit_ids))


def may_act_on(viewer: Viewer, responsible: Unit | None) -> bool:
    if viewer.is_staff:
        return True
    if responsible is None:
        return False
    return any(unit.pk in viewer.unit_ids for unit in units_seeing(responsible))


def assignment_of(*, report: Report) -> Assignment | None:
    """Who follows a report the caller already read through inbox_report, if anyone."""
    return Assignment.objects.filter(report=report).select_related("assignee").first()

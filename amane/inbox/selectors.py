"""
The officer's inbox: the reports routed to the units a viewer acts for, and one report in full.

Everything here starts from the routing table (amane.authorities.ReportRouting), so that an
officer never reads a report outside the jurisdiction: such a report is "not found", exactly
like one that does not exist. A unit's parents see what it sees (routing wrote their rows).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from amane.authorities.models import ReportRouting, RoutingRole, Unit
from amane.authorities.routing import units_seeing
from amane.conversations.models import Message
from amane.conversations.selectors import thread_for_unit
from amane.core.errors import NotFound
from amane.core.viewer import Viewer
from amane.inbox.models import InternalNote
from amane.reports.models import Photo, Report, ReportEvent

PAGE = 50


@dataclass(frozen=True)
class InboxFilters:
    statuses: tuple[str, ...] = ()
    category_codes: tuple[str, ...] = ()
    unit_id: int | None = None
    text: str = ""
    occurred_from: dt.date | None = None
    occurred_to: dt.date | None = None


@dataclass(frozen=True)
class InboxPage:
    reports: list[Report]
    next_before: int | None
    counts: dict[str, int]


def viewer_units(viewer: Viewer) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=sorted(viewer.unit_ids)).order_by("code")


def _routed(viewer: Viewer, unit_id: int | None) -> QuerySet[ReportRouting, int]:
    units = sorted(viewer.unit_ids) if unit_id is None else [unit_id] if unit_id in viewer.unit_ids else []
    return ReportRouting.objects.filter(unit_id__in=units).values_list("report_id", flat=True)


def _filtered(viewer: Viewer, filters: InboxFilters, *, with_status: bool = True) -> QuerySet[Report]:
    reports = Report.objects.filter(pk__in=_routed(viewer, filters.unit_id))
    if with_status and filters.statuses:
        reports = reports.filter(status__in=filters.statuses)
    if filters.category_codes:
        reports = reports.filter(category__code__in=filters.category_codes)
    if filters.occurred_from:
        reports = reports.filter(occurred_on__gte=filters.occurred_from)
    if filters.occurred_to:
        reports = reports.filter(occurred_on__lte=filters.occurred_to)
    if filters.text.strip():
        text = filters.text.strip()
        reports = reports.filter(Q(description__icontains=text) | Q(public_id__iexact=text))
    return reports


def inbox_page(*, viewer: Viewer, filters: InboxFilters, before: int | None = None, limit: int = PAGE) -> InboxPage:
    """The newest reports first (in the order they were filed), a page at a time, with counts by status."""
    reports = _filtered(viewer, filters).select_related("category", "commune")
    if before is not None:
        reports = reports.filter(pk__lt=before)
    found = list(reports.order_by("-pk")[: limit + 1])
    by_status = _filtered(viewer, filters, with_status=False).values_list("status").annotate(n=Count("id"))
    counts = dict(by_status.order_by())
    next_before = found[limit - 1].pk if len(found) > limit else None
    return InboxPage(reports=found[:limit], next_before=next_before, counts=counts)


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
    report = (
        Report.objects.select_related("category", "commune", "arrondissement", "province")
        .filter(public_id=public_id, pk__in=_routed(viewer, None))
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

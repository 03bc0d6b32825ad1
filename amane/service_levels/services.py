"""
Writes of service levels and deadlines, and the escalation sweep.

The sweep runs as Amane itself (the SYSTEM actor), every 15 minutes from the task queue
(amane.service_levels.tasks) or by hand (`amane escalate`). For each open report whose
deadline passed, it hands the report from its responsible unit to that unit's parent, once
per deadline, with an audit row and a notice.

Who hears of an escalation: the address in AMANE_ESCALATION_NOTIFY (empty: nobody). Officer
and unit-head accounts carry no e-mail address yet; the heads of the unit the report leaves
and of the one it reaches will be notified once unit memberships exist.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from amane.audit.services import audit_record
from amane.authorities.models import ReportRouting, RoutingRole, Unit
from amane.core.actors import Actor, Role
from amane.core.errors import InvalidInput
from amane.core.writer_turn import writer_turn
from amane.notifications.services import Notice, notify
from amane.reports.models import Report
from amane.service_levels import deadlines
from amane.service_levels.backfill import WAITING as _WAITING
from amane.service_levels.backfill import Progress, deadlines_backfill
from amane.service_levels.deadlines import Kind
from amane.service_levels.models import Escalation, ReportDeadline, ServiceLevel

SWEEPER = Actor(role=Role.SYSTEM)

# Reports handled per transaction: short enough that officers acting meanwhile wait little.
BATCH = 500

_WATCHED_FIELD = {Kind.ACKNOWLEDGE: "acknowledge_watched", Kind.RESOLVE: "resolve_watched"}


def service_level_save(*, actor: Actor, level: ServiceLevel) -> ServiceLevel:
    """Create or change a category's service level, within the national bounds; deadlines already set stay."""
    try:
        level.full_clean()
    except ValidationError as error:
        raise InvalidInput(fields={name: list(messages) for name, messages in error.message_dict.items()}) from error
    with writer_turn(), transaction.atomic():
        before: dict[str, object] | None = None
        if level.pk is not None:
            stored = ServiceLevel.objects.filter(pk=level.pk).values_list("acknowledge_hours", "resolve_days").first()
            if stored is not None:
                before = {"acknowledge_hours": stored[0], "resolve_days": stored[1]}
        level.save()
        audit_record(
            actor=actor,
            action="service_level.update" if before else "service_level.create",
            target_type="category",
            target_id=level.category.code,
            before=before,
            after={"acknowledge_hours": level.acknowledge_hours, "resolve_days": level.resolve_days},
        )
    return level


def report_deadline_start(*, report: Report) -> ReportDeadline:
    """Set a report's deadlines from its category's service level; inside the filing's transaction."""
    level = ServiceLevel.objects.filter(category_id=report.category_id).first()
    levels = level.levels() if level else deadlines.Levels()
    due = deadlines.deadlines_for(filed_on=report.submitted_on, tz=timezone.get_default_timezone(), levels=levels)
    return ReportDeadline.objects.create(
        report=report,
        acknowledge_by=due.acknowledge_by,
        resolve_by=due.resolve_by,
        acknowledge_watched=due.acknowledge_by if report.status in _WAITING[Kind.ACKNOWLEDGE] else None,
        resolve_watched=due.resolve_by if report.status in _WAITING[Kind.RESOLVE] else None,
    )


def report_deadline_follow(*, report: Report) -> None:
    """Stop watching the deadlines a report's new status has met; inside the status change's transaction."""
    changes: dict[str, None] = {}
    if report.status not in _WAITING[Kind.ACKNOWLEDGE]:
        changes["acknowledge_watched"] = None
    if report.status not in _WAITING[Kind.RESOLVE]:
        changes["resolve_watched"] = None
    if changes:
        ReportDeadline.objects.filter(report_id=report.pk).update(**changes)


@dataclass
class SweepResult:
    deadlines_set: int = 0
    escalated: dict[str, int] = field(default_factory=lambda: {kind.value: 0 for kind in Kind})
    without_parent: int = 0
    # Watched deadlines found met (the report moved on without the status change being seen).
    met: int = 0

    @property
    def total_escalated(self) -> int:
        return sum(self.escalated.values())


def _escalate_one(
    *, kind: Kind, due: dt.datetime, report: Report, responsible: ReportRouting | None, now: dt.datetime
) -> Escalation:
    from_unit: Unit | None = responsible.unit if responsible else None
    to_unit = from_unit.parent if from_unit else None
    if responsible is not None and to_unit is not None:
        responsible.role = RoutingRole.COPY
        responsible.save(update_fields=["role"])
        # The parent already sees the report (every parent of a routed unit has a row); it now answers for it.
        moved = ReportRouting.objects.filter(report=report, unit=to_unit).update(role=RoutingRole.RESPONSIBLE)
        if not moved:
            ReportRouting.objects.create(
                report=report, unit=to_unit, role=RoutingRole.RESPONSIBLE, occurred_on=report.occurred_on
            )
    from_code = from_unit.code if from_unit else None
    audit_record(
        actor=SWEEPER,
        action="report.escalate",
        target_type="report",
        target_id=report.public_id,
        details={"deadline": kind.value, "due": due.isoformat(), "parent_missing": to_unit is None},
        before={"responsible": from_code},
        after={"responsible": to_unit.code if to_unit else from_code},
    )
    recipient = settings.AMANE_ESCALATION_NOTIFY
    if recipient:
        notify(contact=recipient, notice=_escalation_notice(kind, report, from_unit, to_unit))
    return Escalation(report=report, kind=kind.value, due_at=due, from_unit=from_unit, to_unit=to_unit, at=now)


def _escalation_notice(kind: Kind, report: Report, from_unit: Unit | None, to_unit: Unit | None) -> Notice:
    names = {"id": report.public_id, "from": from_unit.name_fr if from_unit else "—"}
    if to_unit is None:
        text = (
            _("Report %(id)s was not acknowledged in time, and %(from)s has no higher unit to hand it to.")
            if kind == Kind.ACKNOWLEDGE
            else _("Report %(id)s was not resolved in time, and %(from)s has no higher unit to hand it to.")
        ) % names
    else:
        text = (
            _("Report %(id)s was not acknowledged in time: it goes from %(from)s to %(to)s.")
            if kind == Kind.ACKNOWLEDGE
            else _("Report %(id)s was not resolved in time: it goes from %(from)s to %(to)s.")
        ) % {**names, "to": to_unit.name_fr}
    return Notice(
        subject=_("Escalated report %(id)s") % {"id": report.public_id},
        text=text,
        link=reverse("report_detail", args=[report.public_id]),
    )


def _sweep_batch(kind: Kind, due_rows: list[tuple[int, dt.datetime]], now: dt.datetime, result: SweepResult) -> None:
    """Escalate one batch of watched deadlines that passed; the caller holds the writer's turn."""
    watched = _WATCHED_FIELD[kind]
    ids = [report_id for report_id, _due in due_rows]
    # Locked like report_change_status locks: an officer acting now either wins, and the
    # report is no longer waiting, or acts after the escalation.
    no_key = connection.features.has_select_for_no_key_update
    reports = {
        report.pk: report
        for report in Report.objects.select_for_update(no_key=no_key)
        .filter(id__in=ids)
        .only("id", "public_id", "status")
        .order_by("id")
    }
    done = set(Escalation.objects.filter(report_id__in=ids, kind=kind.value).values_list("report_id", flat=True))
    responsible = {
        row.report_id: row
        for row in ReportRouting.objects.filter(report_id__in=ids, role=RoutingRole.RESPONSIBLE).select_related(
            "unit__parent"
        )
    }
    escalations = []
    for report_id, due in due_rows:
        report = reports.get(report_id)
        if report is None or report.status not in _WAITING[kind] or report_id in done:
            result.met += 1
            continue
        escalation = _escalate_one(kind=kind, due=due, report=report, responsible=responsible.get(report_id), now=now)
        escalations.append(escalation)
        result.escalated[kind.value] += 1
        result.without_parent += escalation.to_unit is None
    Escalation.objects.bulk_create(escalations)
    ReportDeadline.objects.filter(report_id__in=ids).update(**{watched: None})


def escalate_overdue(*, now: dt.datetime, progress: Progress | None = None) -> SweepResult:
    """
    Escalate every open report whose deadline passed by `now` and was not escalated yet.

    Reads only watched deadlines that passed, through their partial indexes, in batches of
    BATCH reports, each batch in its own transaction; a sweep interrupted midway resumes
    where it stopped, since each batch stops watching what it handled.
    """
    result = SweepResult()
    result.deadlines_set = deadlines_backfill(progress=progress)
    for kind in Kind:
        watched = _WATCHED_FIELD[kind]
        while True:
            due_rows = list(
                ReportDeadline.objects.filter(**{f"{watched}__lte": now})
                .order_by(watched, "report_id")
                .values_list("report_id", watched)[:BATCH]
            )
            if not due_rows:
                break
            with writer_turn(), transaction.atomic():
                _sweep_batch(kind, due_rows, now, result)
            if progress:
                progress(f"{kind.value}: {result.escalated[kind]:,} reports escalated")
    return result

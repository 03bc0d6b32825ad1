"""
What officers do from the inbox: change a report's status, for one or many, and write notes.

Every action first reads the report through the inbox selectors, so an officer outside the
jurisdiction is told the report does not exist; only the responsible unit and those above
it change a status. The status change itself is the reports app's, with its event, audit
row and conflict check.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from amane.audit.services import audit_record
from amane.authorities.models import Membership, ReportRouting, Unit
from amane.authorities.services import report_transfer
from amane.conversations.models import Message
from amane.conversations.services import message_from_officer
from amane.core import clock
from amane.core.actors import Actor
from amane.core.errors import AmaneError, InvalidInput, NotAllowed
from amane.core.viewer import Viewer
from amane.inbox.models import NOTE_MAX, Assignment, InternalNote
from amane.inbox.selectors import inbox_report
from amane.reports.lifecycle import Status
from amane.reports.models import ReportEvent
from amane.reports.services import report_change_status


def inbox_change_status(
    *,
    viewer: Viewer,
    actor: Actor,
    public_id: str,
    new_status: str,
    expected_status: str,
    message: str = "",
    duplicate_of_public_id: str | None = None,
) -> ReportEvent:
    """Move a report of the viewer's jurisdiction; refused to units in copy, and on a conflict."""
    seen = inbox_report(viewer=viewer, public_id=public_id)
    if not seen.may_act:
        raise NotAllowed(_("Only the responsible unit, or a unit above it, changes this report's status."))
    return report_change_status(
        actor=actor,
        public_id=public_id,
        new_status=new_status,
        message=message,
        duplicate_of_public_id=duplicate_of_public_id,
        expected_status=expected_status,
    )


@dataclass
class BulkOutcome:
    done: list[str] = field(default_factory=list)
    # Public id → why that report was not changed, in the user's language.
    refused: dict[str, str] = field(default_factory=dict)


def inbox_acknowledge_many(*, viewer: Viewer, actor: Actor, public_ids: list[str]) -> BulkOutcome:
    """Acknowledge each report that is still "submitted"; each one commits or fails alone."""
    outcome = BulkOutcome()
    for public_id in dict.fromkeys(public_ids):
        try:
            inbox_change_status(
                viewer=viewer,
                actor=actor,
                public_id=public_id,
                new_status=Status.ACKNOWLEDGED,
                expected_status=Status.SUBMITTED,
            )
        except AmaneError as error:
            outcome.refused[public_id] = str(error.detail)
        else:
            outcome.done.append(public_id)
    return outcome


def note_add(*, viewer: Viewer, actor: Actor, public_id: str, body: str) -> InternalNote:
    """Write an internal note on a report of the viewer's jurisdiction, in the name of their unit."""
    body = (body or "").strip()
    if not body:
        raise InvalidInput(fields={"body": [_("Write the note.")]})
    if len(body) > NOTE_MAX:
        raise InvalidInput(fields={"body": [_("A note may have at most %(limit)d characters.") % {"limit": NOTE_MAX}]})
    if actor.user_id is None:
        raise NotAllowed()
    seen = inbox_report(viewer=viewer, public_id=public_id)
    with transaction.atomic():
        # The note speaks for the viewer's unit that the report reached (the most specific one).
        unit_id = (
            ReportRouting.objects.filter(report=seen.report, unit_id__in=sorted(viewer.unit_ids))
            .order_by("role", "unit_id")
            .values_list("unit_id", flat=True)
            .first()
        )
        if unit_id is None:
            raise NotAllowed()
        note = InternalNote.objects.create(
            report=seen.report, unit_id=unit_id, author_id=actor.user_id, body=body, at=clock.now()
        )
        audit_record(
            actor=actor,
            action="report.note",
            target_type="report",
            target_id=public_id,
            details={"note": note.pk, "unit": unit_id},
        )
    return note


def inbox_message(*, viewer: Viewer, actor: Actor, public_id: str, body: str, photo: bytes | None = None) -> Message:
    """Write to the reporter for the viewer's unit, which must be the one responsible for the report."""
    seen = inbox_report(viewer=viewer, public_id=public_id)
    if seen.responsible is None or seen.responsible.pk not in viewer.unit_ids:
        raise NotAllowed(_("Only the responsible unit writes to the reporter."))
    return message_from_officer(actor=actor, report=seen.report, unit=seen.responsible, body=body, photo=photo)


def inbox_transfer(*, viewer: Viewer, actor: Actor, public_id: str, to_unit_code: str, reason: str) -> None:
    """Hand a report of the viewer's jurisdiction to another unit, with the reason."""
    seen = inbox_report(viewer=viewer, public_id=public_id)
    if not seen.may_act:
        raise NotAllowed(_("Only the responsible unit, or a unit above it, hands this report on."))
    to_unit = Unit.objects.filter(code=(to_unit_code or "").strip()).first()
    if to_unit is None:
        raise InvalidInput(fields={"to_unit": [_("No unit has this code.")]})
    report_transfer(actor=actor, report=seen.report, to_unit=to_unit, reason=reason)


def inbox_assign(*, viewer: Viewer, actor: Actor, public_id: str, assignee_id: int) -> Assignment:
    """Give a report to an officer of the responsible unit to follow."""
    seen = inbox_report(viewer=viewer, public_id=public_id)
    if not seen.may_act or actor.user_id is None:
        raise NotAllowed(_("Only the responsible unit, or a unit above it, assigns this report."))
    if seen.responsible is None or not Membership.objects.filter(unit=seen.responsible, user_id=assignee_id).exists():
        raise InvalidInput(fields={"assignee": [_("Choose an officer of the responsible unit.")]})
    with transaction.atomic():
        assignment, _created = Assignment.objects.update_or_create(
            report=seen.report,
            defaults={"assignee_id": assignee_id, "assigned_by_id": actor.user_id, "at": clock.now()},
        )
        audit_record(
            actor=actor,
            action="report.assign",
            target_type="report",
            target_id=public_id,
            after={"assignee": assignee_id},
        )
    return assignment

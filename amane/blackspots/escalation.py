"""
The black spots' sweep: a deadline missed hands the spot from its unit to that unit's parent.

Run with the reports' sweep every 15 minutes (amane.blackspots.tasks). It reads only the
black spots whose watched deadline has passed, through a partial index of the waiting ones,
in batches, each in its own transaction; each escalation is recorded once per deadline with
an audit row, and the heads of the unit that receives it are told.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from amane.audit.services import audit_record
from amane.authorities.models import Unit
from amane.authorities.selectors import head_emails
from amane.blackspots import lifecycle
from amane.blackspots.models import BlackSpot, BlackSpotEscalation
from amane.core.actors import Actor, Role
from amane.core.writer_turn import writer_turn
from amane.notifications.services import Notice, notify

SWEEPER = Actor(role=Role.SYSTEM)
BATCH = 200
_KINDS = frozenset(kind.value for kind in lifecycle.Deadline)


@dataclass
class BlackSpotSweep:
    escalated: int = 0
    without_parent: int = 0
    met: int = 0


def _escalate(spot: BlackSpot, kind: lifecycle.Deadline, now: dt.datetime) -> BlackSpotEscalation:
    from_unit: Unit | None = spot.responsible_unit
    to_unit = from_unit.parent if from_unit is not None else None
    if to_unit is not None:
        spot.responsible_unit = to_unit
    audit_record(
        actor=SWEEPER,
        action="black_spot.escalate",
        target_type="black_spot",
        target_id=spot.public_id,
        details={"deadline": kind.value, "due": spot.watched_at.isoformat() if spot.watched_at else None},
        before={"responsible": from_unit.code if from_unit else None},
        after={"responsible": to_unit.code if to_unit else from_unit.code if from_unit else None},
    )
    if to_unit is not None:
        notice = Notice(
            subject=_("Escalated black spot %(id)s") % {"id": spot.public_id},
            text=_("Black spot %(id)s was not answered in time: it goes from %(from)s to %(to)s.")
            % {"id": spot.public_id, "from": from_unit.name_fr if from_unit else "—", "to": to_unit.name_fr},
            link=settings.AMANE_SITE_URL.rstrip("/") + reverse("black_spot", args=[spot.public_id]),
        )
        for recipient in dict.fromkeys(r for r in [*head_emails(unit=to_unit), settings.AMANE_ESCALATION_NOTIFY] if r):
            notify(contact=recipient, notice=notice)
    assert spot.watched_at is not None
    return BlackSpotEscalation(
        black_spot=spot, kind=kind.value, due_at=spot.watched_at, from_unit=from_unit, to_unit=to_unit, at=now
    )


def _sweep_batch(ids: list[int], now: dt.datetime, result: BlackSpotSweep) -> None:
    no_key = connection.features.has_select_for_no_key_update
    spots = list(
        BlackSpot.objects.select_for_update(no_key=no_key, of=("self",))
        .select_related("responsible_unit__parent")
        .filter(pk__in=ids, watched_at__lte=now)
        .order_by("pk")
    )
    done: dict[int, set[str]] = {}
    for spot_id, done_kind in BlackSpotEscalation.objects.filter(black_spot_id__in=ids).values_list(
        "black_spot_id", "kind"
    ):
        done.setdefault(spot_id, set()).add(done_kind)
    escalations = []
    for spot in spots:
        kind = lifecycle.Deadline(spot.watched_kind) if spot.watched_kind in _KINDS else None
        escalated = done.get(spot.pk, set())
        if kind is None or kind.value in escalated or spot.status not in lifecycle.OPEN:
            result.met += 1
        else:
            escalation = _escalate(spot, kind, now)
            escalations.append(escalation)
            escalated.add(kind.value)
            result.escalated += 1
            result.without_parent += escalation.to_unit is None
        watch = lifecycle.next_watch(spot.status, escalated=frozenset(escalated))
        spot.watched_kind = watch.value if watch else ""
        spot.watched_at = (
            None
            if watch is None
            else spot.acknowledge_by
            if watch == lifecycle.Deadline.ACKNOWLEDGE
            else spot.answer_by
        )
        spot.save(update_fields=["responsible_unit", "watched_kind", "watched_at"])
    BlackSpotEscalation.objects.bulk_create(escalations)


def escalate_overdue_black_spots(*, now: dt.datetime) -> BlackSpotSweep:
    """Escalate every open black spot whose watched deadline passed by `now`, once per deadline."""
    result = BlackSpotSweep()
    while True:
        ids = list(
            BlackSpot.objects.filter(watched_at__lte=now)
            .order_by("watched_at", "id")
            .values_list("id", flat=True)[:BATCH]
        )
        if not ids:
            return result
        with writer_turn(), transaction.atomic():
            _sweep_batch(ids, now, result)

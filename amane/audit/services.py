"""Writing the audit trail, always inside the transaction of the write it records."""

import datetime as dt

from django.db import connection
from django.utils import timezone

from amane.audit.models import AuditEntry
from amane.core import clock
from amane.core.actors import Actor


def _start_of_day(moment: dt.datetime) -> dt.datetime:
    local = timezone.localtime(moment)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def audit_record(
    *, actor: Actor, action: str, target_type: str, target_id: str, details: dict[str, object] | None = None
) -> AuditEntry:
    """Record what `actor` did; the caller's transaction must be open, so both commit or neither."""
    if not connection.in_atomic_block:
        raise RuntimeError("An audit row is written inside the transaction of the change it records.")
    moment = clock.now()
    return AuditEntry.objects.create(
        # An anonymous reporter's exact time could be matched against a phone operator's records.
        at=_start_of_day(moment) if actor.anonymous else moment,
        action=action,
        actor_role=actor.role.value,
        actor_user_id=actor.user_id,
        is_demo=actor.demo,
        target_type=target_type,
        target_id=target_id,
        details=details or {},
    )

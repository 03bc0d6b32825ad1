"""Writing the audit trail, always inside the transaction of the write it records."""

import datetime as dt

from django.db import connection
from django.utils import timezone

from amane.audit.chain import GENESIS, entry_hash
from amane.audit.models import AuditEntry
from amane.core import clock
from amane.core.actors import Actor


def _start_of_day(moment: dt.datetime) -> dt.datetime:
    local = timezone.localtime(moment)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


# Any constant: the key of the lock that takes writers of the trail one at a time.
_CHAIN_LOCK = 0x616D616E65


def _previous_hash() -> str:
    """The hash of the last entry, read once this transaction has the trail's turn."""
    if connection.vendor == "postgresql":
        # Held until commit: the next writer reads this transaction's entry as its previous one.
        # (SQLite's writers are already one at a time: transactions begin IMMEDIATE.)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
    last = AuditEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
    return last or GENESIS


def audit_record(
    *,
    actor: Actor,
    action: str,
    target_type: str,
    target_id: str,
    details: dict[str, object] | None = None,
    before: dict[str, object] | None = None,
    after: dict[str, object] | None = None,
) -> AuditEntry:
    """Record what `actor` did; the caller's transaction must be open, so both commit or neither."""
    if not connection.in_atomic_block:
        raise RuntimeError("An audit row is written inside the transaction of the change it records.")
    moment = clock.now()
    entry = AuditEntry(
        # An anonymous reporter's exact time could be matched against a phone operator's records.
        at=_start_of_day(moment) if actor.anonymous else moment,
        action=action,
        actor_role=actor.role.value,
        actor_user_id=actor.user_id,
        is_demo=actor.demo,
        target_type=target_type,
        target_id=target_id,
        details=details or {},
        before=before,
        after=after,
    )
    entry.previous_hash = _previous_hash()
    entry.entry_hash = entry_hash(entry.previous_hash, entry.chained_fields())
    entry.save(force_insert=True)
    return entry

"""The observatory's writes: only the record of who downloaded pseudonymised records."""

import datetime as dt

from django.db import transaction

from amane.audit.services import audit_record
from amane.core.actors import Actor


def records_exported(*, actor: Actor, area_code: str | None, first: dt.date | None, last: dt.date | None) -> None:
    """Keep, in the audit trail, that this analyst took these records (a download is a disclosure)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="analytics.records_exported",
            target_type="area",
            target_id=area_code or "morocco",
            details={"from": str(first) if first else None, "to": str(last) if last else None},
        )

"""Reading the audit trail: platform staff only."""

from django.db.models import QuerySet

from amane.audit.models import AuditEntry
from amane.core.errors import NotFound
from amane.core.viewer import Viewer


def audit_trail(*, viewer: Viewer, target_type: str, target_id: str) -> QuerySet[AuditEntry]:
    """Every recorded write on one record, oldest first; anyone but staff is told nothing exists."""
    if not viewer.is_staff:
        raise NotFound()
    return AuditEntry.objects.filter(target_type=target_type, target_id=target_id).order_by("id")

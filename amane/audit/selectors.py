"""Reading the audit trail: platform staff only; checking that its chain holds."""

from collections.abc import Callable, Iterator

from django.db.models import QuerySet

from amane.audit.chain import ChainedEntry, first_break
from amane.audit.models import AuditEntry
from amane.core.errors import NotFound
from amane.core.viewer import Viewer


def audit_trail(*, viewer: Viewer, target_type: str, target_id: str) -> QuerySet[AuditEntry]:
    """Every recorded write on one record, oldest first; anyone but staff is told nothing exists."""
    if not viewer.is_staff:
        raise NotFound()
    return AuditEntry.objects.filter(target_type=target_type, target_id=target_id).order_by("id")


def _chained(progress: Callable[[int], None] | None) -> Iterator[ChainedEntry]:
    for n, entry in enumerate(AuditEntry.objects.order_by("id").iterator(chunk_size=5000), start=1):
        if progress and n % 100_000 == 0:
            progress(n)
        yield ChainedEntry(entry.pk, entry.previous_hash, entry.entry_hash, entry.chained_fields())


def trail_first_break(*, progress: Callable[[int], None] | None = None) -> int | None:
    """The id of the first entry that was removed before, altered or inserted; None if the chain holds."""
    return first_break(_chained(progress))


UNIT_TRAIL_PAGE = 100


def unit_trail(*, viewer: Viewer, unit_ids: frozenset[int], before: int | None = None) -> list[AuditEntry]:
    """
    The newest entries about reports routed to these units, for the head of each: a page at a
    time, walking the trail backwards. Anyone but a head of all of them is told nothing exists.
    """
    if not unit_ids or not (viewer.is_staff or unit_ids <= viewer.head_of):
        raise NotFound()
    from amane.authorities.models import ReportRouting

    routed = ReportRouting.objects.filter(unit_id__in=sorted(unit_ids)).values("report__public_id")
    entries = AuditEntry.objects.filter(target_type="report", target_id__in=routed)
    if before is not None:
        entries = entries.filter(id__lt=before)
    return list(entries.select_related("actor_user").order_by("-id")[:UNIT_TRAIL_PAGE])

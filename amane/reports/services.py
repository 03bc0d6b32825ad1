"""
Writes on reports: filing one, and moving it along its lifecycle.

Every input is checked before the database is touched; a refused report leaves no row
and no file behind. Status changes go through `report_change_status` alone, which claims
the row so that two officers cannot act on one report at once.
"""

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amane.audit.services import audit_record
from amane.authorities.services import report_route
from amane.core import clock
from amane.core.actors import Actor
from amane.core.errors import AmaneError, Conflict, InvalidInput, InvalidTransition, NotFound
from amane.core.writer_turn import writer_turn
from amane.reports import idempotency, limits, public_cache, receipt, report_input, signals, tallies
from amane.reports.lifecycle import Status, can_move
from amane.reports.models import (
    Category,
    IdempotencyRecord,
    Photo,
    Report,
    ReportEvent,
    ReportStatus,
)
from amane.reports.photos import CleanPhoto
from amane.reports.privacy import coarsen

PUBLIC_ID_ALPHABET = receipt.ALPHABET.lower()

# A selector or public id can collide (about 1 in 10^9 per report); a few fresh draws suffice.
STORE_ATTEMPTS = 3


def photo_bytes(uploads: Sequence[IO[bytes]]) -> list[bytes]:
    """Read uploaded photos, each only one byte past the limit so that a huge one is never read whole."""
    if len(uploads) > limits.PHOTOS_PER_REPORT:
        raise InvalidInput(fields={"photos": [report_input.too_many_photos()]})
    limit = settings.AMANE_PHOTO_MAX_BYTES
    return [upload.read(limit + 1) for upload in uploads]


@dataclass(frozen=True)
class FiledReport:
    report: Report
    receipt_code: str


@dataclass(frozen=True)
class IdempotencyClaim:
    """A client's Idempotency-Key, already checked for shape, and the digest of its request."""

    key: str
    request_digest: str


class AlreadyFiled(Exception):
    """Another request with the same Idempotency-Key filed its report first; nothing was written."""


# Long enough for any client's retries; the sealed codes are not kept past it.
IDEMPOTENCY_DAYS = 2


def _new_public_id(length: int = 10) -> str:
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(length))


def report_submit(
    *,
    actor: Actor,
    category_code: str,
    description: str,
    occurred_at: dt.datetime | None,
    lat: float | None = None,
    lon: float | None = None,
    commune_code: str | None = None,
    photos: Sequence[bytes] = (),
    contact: str = "",
    idempotency: IdempotencyClaim | None = None,
) -> FiledReport:
    """
    File a report from raw input for `actor` and return it with its receipt code, shown only once.

    With an idempotency claim, the first answer is kept sealed for a retry, and a request that
    lost the race to another with the same key raises AlreadyFiled, having written nothing.
    """
    now = clock.now()
    valid = report_input.validated(
        now=now,
        category_code=category_code,
        description=description,
        occurred_at=occurred_at,
        lat=lat,
        lon=lon,
        commune_code=commune_code,
        photos=photos,
        contact=contact,
    )
    category, location, occurred_at = valid.category, valid.location, valid.occurred_at
    fields = {
        "category": category,
        "description": valid.description,
        "lat": valid.lat,
        "lon": valid.lon,
        "location_precision": valid.precision,
        "commune": location.commune,
        "arrondissement": location.arrondissement,
        "province": location.province,
        "region": location.region,
        "occurred_at": occurred_at,
        "occurred_on": timezone.localdate(occurred_at),
        "public": not category.confidential,
        "submitted_on": timezone.localdate(now),
        "contact": valid.contact,
        "is_demo": actor.demo,
    }
    for attempt in range(STORE_ATTEMPTS):
        try:
            return _store_report(actor, fields, valid.photos, idempotency)
        except IntegrityError:
            if attempt == STORE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def report_check(
    *,
    category_code: str,
    description: str,
    occurred_at: dt.datetime | None,
    lat: float | None = None,
    lon: float | None = None,
    commune_code: str | None = None,
    photos: Sequence[bytes] = (),
    contact: str = "",
) -> None:
    """
    Raise InvalidInput with every error these inputs hold, and write nothing.

    For a form whose own parsing already failed (a date it could not read): it still shows
    what the service would say about the other fields, so that all errors come in one pass.
    """
    report_input.validated(
        now=clock.now(),
        category_code=category_code,
        description=description,
        occurred_at=occurred_at,
        lat=lat,
        lon=lon,
        commune_code=commune_code,
        photos=photos,
        contact=contact,
    )


def _store_report(
    actor: Actor, fields: dict[str, object], photos: list[CleanPhoto], claim: IdempotencyClaim | None
) -> FiledReport:
    code = receipt.generate()
    # Hashed before the transaction: a slow scheme, if configured, must not hold SQLite's write lock.
    secret_hash = receipt.hash_secret(code.secret, log2_n=settings.AMANE_RECEIPT_SCRYPT_LOG2_N)
    public = coarsen(float(fields["lat"]), float(fields["lon"]))  # type: ignore[arg-type]
    saved_files: list[str] = []
    try:
        with writer_turn(), transaction.atomic():
            report = Report.objects.create(
                public_id=_new_public_id(),
                public_lat=public.lat,
                public_lon=public.lon,
                cell_r9=public.cell,
                cell_r7=public.cell_r7,
                cell_r5=public.cell_r5,
                receipt_selector=code.selector,
                receipt_hash=secret_hash,
                **fields,
            )
            tallies.report_added(report)
            ReportEvent.objects.create(
                report=report,
                status=ReportStatus.SUBMITTED,
                at=_start_of_day(report.submitted_on),
                actor_role=actor.role.value,
            )
            for position, photo in enumerate(photos):
                photo_id = _new_public_id(16)
                name = default_storage.save(f"photos/{photo_id}.jpg", ContentFile(photo.jpeg))
                saved_files.append(name)
                Photo.objects.create(
                    report=report,
                    public_id=photo_id,
                    file=name,
                    width=photo.width,
                    height=photo.height,
                    position=position,
                )
            if claim is not None:
                _keep_first_answer(report, code.display(), claim)
            audit_record(
                actor=actor,
                action="report.submit",
                target_type="report",
                target_id=report.public_id,
                details={"category": report.category.code, "commune": report.commune.code, "photos": len(photos)},
            )
            # Routed in the same transaction: a report is never filed without reaching a unit or
            # the unrouted queue.
            report_route(actor=actor, report=report)
            transaction.on_commit(partial(signals.report_filed.send, sender=Report, report=report))
    except BaseException:
        for name in saved_files:
            default_storage.delete(name)
        raise
    return FiledReport(report=report, receipt_code=code.display())


def _keep_first_answer(report: Report, receipt_code: str, claim: IdempotencyClaim) -> None:
    today = report.submitted_on
    IdempotencyRecord.objects.filter(created_on__lt=today - dt.timedelta(days=IDEMPOTENCY_DAYS)).delete()
    try:
        with transaction.atomic():
            IdempotencyRecord.objects.create(
                key_digest=idempotency.key_digest(claim.key),
                request_digest=claim.request_digest,
                report=report,
                sealed_receipt=idempotency.seal(receipt_code, claim.key),
                created_on=today,
            )
    except IntegrityError:
        raise AlreadyFiled from None


def _start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def report_change_status(
    *,
    actor: Actor,
    public_id: str,
    new_status: str,
    message: str = "",
    duplicate_of_public_id: str | None = None,
    expected_status: str | None = None,
) -> ReportEvent:
    """
    Move a report to a new status for `actor`, recording the timeline event and the audit row.

    With `expected_status` (the status the actor saw), a report that someone else moved
    meanwhile is refused with a conflict, so that two officers never overwrite each other.
    """
    try:
        target = Status(new_status)
    except ValueError:
        raise InvalidInput(fields={"status": [_("Unknown status.")]}) from None
    message = (message or "").strip()
    if len(message) > limits.STATUS_MESSAGE_MAX:
        raise InvalidInput(
            fields={
                "message": [
                    _("The message may have at most %(limit)d characters.") % {"limit": limits.STATUS_MESSAGE_MAX}
                ]
            }
        )
    if target == Status.REJECTED and not message:
        raise InvalidInput(fields={"message": [_("Give the reason for rejecting the report.")]})
    with writer_turn(), transaction.atomic():
        # Lock the report, the one it repeats and that one's root together, in id order, so
        # that two officers linking reports at once queue instead of deadlocking or forming
        # a loop. NO KEY: the foreign-key check at commit must not wait on these locks.
        ids = {public_id}
        if target == Status.DUPLICATE and duplicate_of_public_id:
            ids |= {duplicate_of_public_id, *_chain_root(duplicate_of_public_id)}
        no_key = connection.features.has_select_for_no_key_update
        rows = Report.objects.select_for_update(no_key=no_key).filter(public_id__in=ids).order_by("id")
        locked = {r.public_id: r for r in rows}
        report = locked.get(public_id)
        if report is None:
            raise NotFound(_("No report has this id."))
        if expected_status is not None and report.status != expected_status:
            raise Conflict(
                _("Someone else changed this report meanwhile: it is now %(current)s. Check it, then try again.")
                % {"current": ReportStatus(report.status).label}
            )
        if not can_move(Status(report.status), target):
            raise InvalidTransition(
                _("A report that is %(current)s cannot become %(new)s.")
                % {"current": ReportStatus(report.status).label, "new": ReportStatus(target.value).label}
            )
        if target == Status.DUPLICATE:
            report.duplicate_of = _original_for(report, duplicate_of_public_id)
            if report.duplicate_of.public_id not in locked:
                # The chain changed between the look and the lock: nothing was written.
                raise InvalidTransition(_("The other report changed meanwhile; try again."))
        previous = report.status
        report.status = target.value
        report.save(update_fields=["status", "duplicate_of"])
        tallies.report_status_moved(report, previous)
        event = ReportEvent.objects.create(
            report=report, status=target.value, at=clock.now(), actor_role=actor.role.value, message=message
        )
        details: dict[str, object] = {"from": previous, "to": target.value}
        if report.duplicate_of is not None:
            details["duplicate_of"] = report.duplicate_of.public_id
        audit_record(actor=actor, action="report.status", target_type="report", target_id=public_id, details=details)
        transaction.on_commit(partial(signals.report_status_changed.send, sender=Report, report=report, event=event))
        return event


def _chain_root(public_id: str) -> set[str]:
    """Return the public id of the report at the end of a duplicate chain (unlocked look)."""
    row = Report.objects.filter(public_id=public_id).values("id", "public_id", "duplicate_of_id").first()
    seen: set[int] = set()
    while row is not None and row["duplicate_of_id"] is not None and row["id"] not in seen:
        seen.add(row["id"])
        row = Report.objects.filter(id=row["duplicate_of_id"]).values("id", "public_id", "duplicate_of_id").first()
    return {row["public_id"]} if row is not None else set()


def _original_for(report: Report, original_public_id: str | None) -> Report:
    refused = InvalidInput(fields={"duplicate_of": [_("Name the other report this one repeats.")]})
    original = Report.objects.select_related("category").filter(public_id=original_public_id or "").first()
    if original is None or original.pk == report.pk:
        raise refused
    # Point at the root so that chains of duplicates never form. Reports up the chain are
    # closed as duplicates already, and a closed report never changes, so the walk is stable.
    seen = {report.pk}
    while original.duplicate_of_id is not None:
        seen.add(original.pk)
        original = Report.objects.select_related("category").get(pk=original.duplicate_of_id)
        if original.pk in seen:
            raise refused
    if original.pk == report.pk:
        raise refused
    # A public report must never point the public at a confidential one, nor the reverse.
    if original.category.confidential != report.category.confidential:
        raise InvalidInput(fields={"duplicate_of": [_("A report can only repeat one of the same confidentiality.")]})
    return original


def category_save(*, actor: Actor, category: Category) -> Category:
    """
    Save a category edited by staff; when its confidentiality changed, hide or show its reports.

    Every report of the category changes its `public` flag and the map's counts are made
    again for it, in the same transaction: a category made confidential leaves no trace in
    any public count, list or page from the moment it commits.
    """
    with writer_turn(), transaction.atomic():
        before = Category.objects.select_for_update().filter(pk=category.pk).values_list("confidential", flat=True)
        was_confidential = before.first() if category.pk else None
        category.save()
        if was_confidential is not None and was_confidential != category.confidential:
            # A report hidden by flags stays hidden whatever its category becomes.
            Report.objects.filter(category=category, hidden=False).update(public=not category.confidential)
            tallies.category_resynced(category)
            transaction.on_commit(public_cache.invalidate)
            audit_record(
                actor=actor,
                action="category.confidential",
                target_type="category",
                target_id=category.code,
                details={"confidential": category.confidential},
            )
    return category


__all__ = [
    "AlreadyFiled",
    "AmaneError",
    "FiledReport",
    "IdempotencyClaim",
    "category_save",
    "report_change_status",
    "report_check",
    "report_submit",
]

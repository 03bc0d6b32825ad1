"""
Writes on flags: flagging content, hiding it past the threshold, and the moderators' decisions.

Each write checks all its input first, runs in one transaction with its audit row, and
leaves nothing behind when refused. Flags on one piece of content are counted one writer
at a time (a lock on the content's key), so that two flags racing past the threshold hide it
exactly once.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amane.audit.services import audit_record
from amane.core import clock
from amane.core.actors import Actor, Role, moderator
from amane.core.errors import Conflict, InvalidInput, Message, NotAllowed, NotFound
from amane.core.viewer import Viewer
from amane.core.writer_turn import writer_turn
from amane.flags import conf, limits, registry
from amane.flags.models import CaseState, Flag, FlagReason, ModerationCase
from amane.reports import moderation
from amane.reports.models import Photo, PhotoReview

SYSTEM = Actor(role=Role.SYSTEM)


@dataclass(frozen=True)
class FlagOutcome:
    # Whether the content is hidden from the public now.
    hidden: bool
    # Whether this flag was counted (False: this flagger had flagged it already, or it was hidden).
    counted: bool


def _lock_content(kind: str, target_id: str) -> None:
    """Take the turn of one piece of content until commit (SQLite's writers already go one at a time)."""
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(f"amane.flags:{kind}:{target_id}".encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)])


def _clean_text(text: str, errors: dict[str, list[Message]]) -> str:
    text = (text or "").strip()
    if len(text) > limits.TEXT_MAX:
        message = _("Write at most %(limit)d characters.") % {"limit": limits.TEXT_MAX}
        errors.setdefault("text", []).append(message)
    if "\x00" in text:
        errors.setdefault("text", []).append(_("This text holds a character that is not allowed."))
    return text


def _moment(actor: Actor) -> dt.datetime:
    now = clock.now()
    if not actor.anonymous:
        return now
    return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)


def flag_submit(
    *, actor: Actor, flagger_key: str, kind: str, target_id: str, reason: str, text: str = ""
) -> FlagOutcome:
    """
    Record `flagger_key`'s flag on a piece of content and hide it once enough distinct flaggers did.

    Content the public does not see cannot be flagged (not found), unless flags hid it: then
    the answer says it is hidden and nothing is counted.
    """
    content_kind = registry.flaggable(kind)
    errors: dict[str, list[Message]] = {}
    if reason not in FlagReason.values:
        errors["reason"] = [_("Choose one of the reasons.")]
    text = _clean_text(text, errors)
    if errors:
        raise InvalidInput(fields=errors)
    if not target_id or len(target_id) > limits.TARGET_MAX or not target_id.isalnum():
        raise NotFound(_("Nothing has this id."))
    with writer_turn(), transaction.atomic():
        _lock_content(kind, target_id)
        content = content_kind.find(target_id)
        if not content_kind.is_public(content):
            hidden_by_flags = ModerationCase.objects.filter(
                kind=kind, target_id=target_id, state__in=[CaseState.PENDING, CaseState.REMOVED]
            ).exists()
            if hidden_by_flags:
                return FlagOutcome(hidden=True, counted=False)
            raise NotFound(_("Nothing has this id."))
        if Flag.objects.filter(kind=kind, target_id=target_id, flagger_key=flagger_key).exists():
            return FlagOutcome(hidden=False, counted=False)
        Flag.objects.create(
            kind=kind, target_id=target_id, reason=reason, text=text, flagger_key=flagger_key, created_at=_moment(actor)
        )
        audit_record(actor=actor, action="flag.add", target_type=kind, target_id=target_id, details={"reason": reason})
        live = Flag.objects.filter(kind=kind, target_id=target_id, case__isnull=True)
        count = live.count()
        threshold = conf.threshold_for(kind)
        if count < threshold:
            return FlagOutcome(hidden=False, counted=True)
        case = ModerationCase.objects.create(kind=kind, target_id=target_id, flag_count=count, opened_at=clock.now())
        live.update(case=case)
        content_kind.set_hidden(content, True)
        audit_record(
            actor=SYSTEM,
            action="moderation.hide",
            target_type=kind,
            target_id=target_id,
            details={"case": case.pk, "flags": count, "threshold": threshold},
        )
        return FlagOutcome(hidden=True, counted=True)


class Decision:
    RESTORE = "restore"
    REMOVE = "remove"


def _moderator_actor(viewer: Viewer) -> Actor:
    if not viewer.is_moderator or viewer.user_id is None:
        raise NotAllowed()
    return moderator(viewer.user_id)


def case_decide(*, viewer: Viewer, case_id: int, decision: str, reason: str = "") -> ModerationCase:
    """
    A moderator restores hidden content (its flags are spent) or removes it (hidden for good).
    """
    actor = _moderator_actor(viewer)
    errors: dict[str, list[Message]] = {}
    if decision not in (Decision.RESTORE, Decision.REMOVE):
        errors["decision"] = [_("Choose to restore or to remove.")]
    reason = _clean_text(reason, errors)
    if errors:
        raise InvalidInput(fields={("reason" if k == "text" else k): v for k, v in errors.items()})
    with writer_turn(), transaction.atomic():
        case = ModerationCase.objects.select_for_update().filter(pk=case_id).first()
        if case is None:
            raise NotFound(_("No case has this id."))
        if case.state != CaseState.PENDING:
            raise Conflict(_("Another moderator decided on this case meanwhile."))
        content_kind = registry.flaggable(case.kind)
        if decision == Decision.RESTORE:
            content_kind.set_hidden(content_kind.find(case.target_id), False)
        case.state = CaseState.RESTORED if decision == Decision.RESTORE else CaseState.REMOVED
        case.decided_by_id = viewer.user_id
        case.decided_at = clock.now()
        case.reason = reason
        case.save(update_fields=["state", "decided_by", "decided_at", "reason"])
        audit_record(
            actor=actor,
            action=f"moderation.{decision}",
            target_type=case.kind,
            target_id=case.target_id,
            details={"case": case.pk, "reason": reason},
        )
        return case


class PhotoDecision:
    APPROVE = "approve"
    REMOVE = "remove"


def photo_review(*, viewer: Viewer, photo_public_id: str, decision: str) -> Photo:
    """A moderator's first look at a photo: approve it (the public sees it) or remove it."""
    actor = _moderator_actor(viewer)
    reviews = {PhotoDecision.APPROVE: PhotoReview.APPROVED, PhotoDecision.REMOVE: PhotoReview.REMOVED}
    if decision not in reviews:
        raise InvalidInput(fields={"decision": [_("Choose to approve or to remove.")]})
    with writer_turn(), transaction.atomic():
        photo = Photo.objects.select_for_update().filter(public_id=photo_public_id).first()
        if photo is None:
            raise NotFound(_("No photo has this id."))
        if photo.review != PhotoReview.PENDING:
            raise Conflict(_("Another moderator looked at this photo meanwhile."))
        moderation.photo_review_set(photo, review=reviews[decision])
        audit_record(
            actor=actor,
            action=f"photo.{decision}",
            target_type="photo",
            target_id=photo.public_id,
            details={"report": photo.report.public_id},
        )
        return photo

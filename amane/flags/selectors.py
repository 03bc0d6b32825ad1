"""The moderators' reads: the cases waiting for them and the photos waiting for a first look."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from amane.core.errors import InvalidInput, NotFound
from amane.core.viewer import Viewer
from amane.flags import limits, registry
from amane.flags.models import CaseState, Flag, FlagReason, ModerationCase
from amane.reports.models import Photo, PhotoReview


@dataclass
class CaseView:
    case: ModerationCase
    label: str
    description: str
    link: str | None
    image: str | None
    reasons: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QueuePage:
    items: list[Any]
    # The `after` of the next page, or None on the last one.
    next_after: int | None


def _require_moderator(viewer: Viewer) -> None:
    # Not allowed and not there look the same: the queue exists for moderators alone.
    if not viewer.is_moderator:
        raise NotFound()


def _after(raw: str | None) -> int:
    if not raw:
        return 0
    if not raw.isdigit() or len(raw) > 18:
        raise InvalidInput(fields={"after": [_("This cursor is not valid.")]})
    return int(raw)


def _case_view(case: ModerationCase, flags: list[Flag]) -> CaseView:
    try:
        kind = registry.flaggable(case.kind)
        content = kind.find(case.target_id)
    except NotFound:
        return CaseView(
            case=case, label=case.kind, description=_("This content no longer exists."), link=None, image=None
        )
    reasons = Counter(flag.reason for flag in flags)
    return CaseView(
        case=case,
        label=str(kind.label),
        description=kind.describe(content),
        link=kind.link(content),
        image=kind.image(content),
        reasons=[(str(FlagReason(reason).label), n) for reason, n in reasons.most_common()],
        texts=[flag.text for flag in flags if flag.text],
    )


def pending_cases(*, viewer: Viewer, after: str | None = None, limit: int = limits.QUEUE_PAGE) -> QueuePage:
    """Hidden content waiting for a moderator, oldest first, from the cursor on."""
    _require_moderator(viewer)
    rows = list(
        ModerationCase.objects.filter(state=CaseState.PENDING, id__gt=_after(after)).order_by("id")[: limit + 1]
    )
    page = rows[:limit]
    flags: dict[int, list[Flag]] = defaultdict(list)
    for flag in Flag.objects.filter(case__in=page).order_by("id"):
        assert flag.case_id is not None
        flags[flag.case_id].append(flag)
    items = [_case_view(case, flags[case.pk]) for case in page]
    return QueuePage(items=items, next_after=page[-1].pk if len(rows) > limit else None)


def photos_awaiting_review(*, viewer: Viewer, after: str | None = None, limit: int = limits.QUEUE_PAGE) -> QueuePage:
    """Photos of public reports no moderator has looked at yet, oldest first."""
    _require_moderator(viewer)
    rows = list(
        Photo.objects.select_related("report__category")
        .filter(review=PhotoReview.PENDING, hidden=False, report__public=True, id__gt=_after(after))
        .order_by("id")[: limit + 1]
    )
    page = rows[:limit]
    return QueuePage(items=page, next_after=page[-1].pk if len(rows) > limit else None)


def photo_for_moderator(*, viewer: Viewer, photo_public_id: str) -> Photo:
    """Any photo, for a moderator deciding on it (hidden or waiting ones included)."""
    _require_moderator(viewer)
    photo = Photo.objects.filter(public_id=photo_public_id).first()
    if photo is None:
        raise NotFound()
    return photo

"""
Writing announcements: an officer of a unit publishes, edits and withdraws its own.

Every write checks all its input first (who, the texts, the dates, the areas), then writes
the announcement, its area links and its audit row in one transaction. Once committed, the
ticker's cache and the public pages' cache are made stale, so the next page shows it.
"""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from amane.announcements import sanitise, ticker
from amane.announcements.models import BODY_MAX, TITLE_MAX, Announcement, AnnouncementArea
from amane.audit.services import audit_record
from amane.authorities.models import Unit, UnitCoverage
from amane.core import clock
from amane.core.actors import Actor
from amane.core.errors import InvalidInput, Message, NotAllowed, NotFound
from amane.core.viewer import Viewer
from amane.geo.models import Area, AreaKind
from amane.reports import public_cache

# An urgent announcement interrupts every page of its area: it must say when it stops.
URGENT_MAX_DAYS = 30
AREAS_MAX = 50
PUBLIC_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


@dataclass(frozen=True)
class AnnouncementInput:
    title_ar: str
    body_ar: str
    title_fr: str = ""
    body_fr: str = ""
    urgent: bool = False
    # Now, when absent.
    publishes_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None
    # Communes or provinces that the unit covers; the unit's whole coverage when empty.
    area_codes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class _Checked:
    title_ar: str
    title_fr: str
    body_ar: str
    body_fr: str
    urgent: bool
    publishes_at: dt.datetime
    expires_at: dt.datetime | None
    areas: list[Area]


def _new_public_id() -> str:
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(10))


def unit_coverage(unit: Unit) -> list[Area]:
    """The areas an announcement of `unit` is for by default: its coverage, or its nearest parent's."""
    current: Unit | None = unit
    while current is not None:
        covered = UnitCoverage.objects.filter(unit=current).values("area_id")
        areas = list(Area.objects.filter(pk__in=covered).select_related("parent"))
        if areas:
            # A district of Casablanca covers an arrondissement; pages and feeds know its commune.
            normalised = {(a.parent if a.kind == AreaKind.ARRONDISSEMENT and a.parent else a) for a in areas}
            return sorted(normalised, key=lambda area: area.code)
        # An annex is drawn on the map inside its pashalik's commune.
        current = current.parent
    return []


def _chosen_areas(unit: Unit, codes: tuple[str, ...], errors: dict[str, list[Message]]) -> list[Area]:
    coverage = unit_coverage(unit)
    if not codes:
        if not coverage:
            errors["areas"] = [_("This unit covers no area yet: choose the communes or provinces.")]
        return coverage
    if len(codes) > AREAS_MAX:
        errors["areas"] = [_("Choose at most %(count)d areas.") % {"count": AREAS_MAX}]
        return []
    covered = {area.pk for area in coverage}
    found = {
        area.code: area for area in Area.objects.filter(code__in=codes, kind__in=(AreaKind.COMMUNE, AreaKind.PROVINCE))
    }
    chosen = []
    for code in dict.fromkeys(codes):
        area = found.get(code)
        inside = area is not None and (area.pk in covered or area.province_id in covered or area.region_id in covered)
        if area is None or not inside:
            errors.setdefault("areas", []).append(
                _("%(code)s is not a commune or province that this unit covers.") % {"code": code}
            )
        else:
            chosen.append(area)
    return chosen


def _check_text(name: str, value: str, *, required: bool, limit: int, errors: dict[str, list[Message]]) -> str:
    value = value.strip()
    if required and not value:
        errors[name] = [_("This field is required.")]
    elif len(value) > limit:
        errors[name] = [_("At most %(limit)d characters.") % {"limit": limit}]
    return value


def _check_body(name: str, value: str, *, required: bool, errors: dict[str, list[Message]]) -> str:
    cleaned = sanitise.clean_rich_text(value)
    if not sanitise.has_text(cleaned):
        if required:
            errors[name] = [_("This field is required.")]
        return ""
    if len(cleaned) > BODY_MAX:
        errors[name] = [_("At most %(limit)d characters.") % {"limit": BODY_MAX}]
    return cleaned


def _check(unit: Unit, data: AnnouncementInput, *, now: dt.datetime, previous: Announcement | None) -> _Checked:
    errors: dict[str, list[Message]] = {}
    title_ar = _check_text("title_ar", data.title_ar, required=True, limit=TITLE_MAX, errors=errors)
    title_fr = _check_text("title_fr", data.title_fr, required=False, limit=TITLE_MAX, errors=errors)
    body_ar = _check_body("body_ar", data.body_ar, required=True, errors=errors)
    body_fr = _check_body("body_fr", data.body_fr, required=False, errors=errors)
    if title_fr and not body_fr and "body_fr" not in errors:
        errors["body_fr"] = [_("Give the French text with the French title.")]
    publishes_at = data.publishes_at or (previous.publishes_at if previous else now)
    expires_at = data.expires_at
    if expires_at is not None and expires_at <= publishes_at:
        errors["expires_at"] = [_("The end must come after the start.")]
    elif expires_at is not None and expires_at <= now:
        errors["expires_at"] = [_("The end must be in the future.")]
    elif data.urgent and expires_at is None:
        errors["expires_at"] = [_("An urgent announcement needs an end, at most 30 days after its start.")]
    elif data.urgent and expires_at is not None and expires_at - publishes_at > dt.timedelta(days=URGENT_MAX_DAYS):
        errors["expires_at"] = [_("An urgent announcement lasts at most 30 days.")]
    areas = _chosen_areas(unit, data.area_codes, errors)
    if errors:
        raise InvalidInput(fields=errors)
    return _Checked(title_ar, title_fr, body_ar, body_fr, data.urgent, publishes_at, expires_at, areas)


def _writable_unit(viewer: Viewer, unit_code: str) -> Unit:
    unit = Unit.objects.filter(code=unit_code).first()
    if unit is None:
        raise InvalidInput(fields={"unit": [_("No unit has this code.")]})
    if unit.pk not in viewer.unit_ids:
        raise NotAllowed(_("Only the officers of a unit publish its announcements."))
    return unit


def _snapshot(announcement: Announcement, areas: list[Area]) -> dict[str, object]:
    return {
        "unit": announcement.unit.code,
        "title_ar": announcement.title_ar,
        "title_fr": announcement.title_fr,
        "urgent": announcement.urgent,
        "publishes_at": announcement.publishes_at.isoformat(),
        "expires_at": announcement.expires_at.isoformat() if announcement.expires_at else None,
        "areas": [area.code for area in areas],
    }


def _link_rows(announcement: Announcement, areas: list[Area]) -> list[AnnouncementArea]:
    return [
        AnnouncementArea(
            announcement=announcement,
            area=area,
            urgent=announcement.urgent,
            publishes_at=announcement.publishes_at,
            expires_at=announcement.expires_at,
            withdrawn=announcement.withdrawn_at is not None,
        )
        for area in areas
    ]


def _after_commit() -> None:
    transaction.on_commit(ticker.forget_all)
    # Commune and report pages are cached whole for visitors without a session.
    transaction.on_commit(public_cache.invalidate)


def announcement_create(
    *, viewer: Viewer, actor: Actor, unit_code: str, data: AnnouncementInput, is_demo: bool = False
) -> Announcement:
    """Publish an announcement of one of the viewer's units."""
    unit = _writable_unit(viewer, unit_code)
    now = clock.now()
    checked = _check(unit, data, now=now, previous=None)
    with transaction.atomic():
        announcement = Announcement.objects.create(
            public_id=_new_public_id(),
            unit=unit,
            title_ar=checked.title_ar,
            title_fr=checked.title_fr,
            body_ar=checked.body_ar,
            body_fr=checked.body_fr,
            urgent=checked.urgent,
            publishes_at=checked.publishes_at,
            expires_at=checked.expires_at,
            author_id=actor.user_id,
            is_demo=is_demo or actor.demo,
            created_at=now,
            updated_at=now,
        )
        AnnouncementArea.objects.bulk_create(_link_rows(announcement, checked.areas))
        audit_record(
            actor=actor,
            action="announcement.create",
            target_type="announcement",
            target_id=announcement.public_id,
            after=_snapshot(announcement, checked.areas),
        )
        _after_commit()
    return announcement


def _own_announcement(viewer: Viewer, public_id: str) -> Announcement:
    """The announcement, locked, if the viewer acts for its unit; "not found" if they cannot see it."""
    announcement = Announcement.objects.select_for_update().select_related("unit").filter(public_id=public_id).first()
    if announcement is None:
        raise NotFound(_("No announcement has this id."))
    if announcement.unit_id not in viewer.unit_ids and not viewer.is_staff:
        if announcement.hidden or announcement.withdrawn_at is not None:
            raise NotFound(_("No announcement has this id."))
        raise NotAllowed(_("Only the officers of a unit change its announcements."))
    return announcement


def announcement_update(*, viewer: Viewer, actor: Actor, public_id: str, data: AnnouncementInput) -> Announcement:
    """Change an announcement of one of the viewer's units (not one withdrawn)."""
    with transaction.atomic():
        announcement = _own_announcement(viewer, public_id)
        if announcement.unit_id not in viewer.unit_ids:
            raise NotAllowed(_("Only the officers of a unit change its announcements."))
        if announcement.withdrawn_at is not None:
            raise NotAllowed(_("This announcement was withdrawn."))
        now = clock.now()
        checked = _check(announcement.unit, data, now=now, previous=announcement)
        before = _snapshot(announcement, list(announcement.areas.order_by("code")))
        for name in ("title_ar", "title_fr", "body_ar", "body_fr", "urgent", "publishes_at", "expires_at"):
            setattr(announcement, name, getattr(checked, name))
        announcement.updated_at = now
        announcement.save()
        announcement.area_links.all().delete()
        AnnouncementArea.objects.bulk_create(_link_rows(announcement, checked.areas))
        audit_record(
            actor=actor,
            action="announcement.update",
            target_type="announcement",
            target_id=announcement.public_id,
            before=before,
            after=_snapshot(announcement, checked.areas),
        )
        _after_commit()
    return announcement


def announcement_withdraw(*, viewer: Viewer, actor: Actor, public_id: str, reason: str = "") -> Announcement:
    """Take an announcement off every public page: by its unit's officers, or platform staff."""
    with transaction.atomic():
        announcement = _own_announcement(viewer, public_id)
        if announcement.withdrawn_at is not None:
            return announcement
        now = clock.now()
        announcement.withdrawn_at = now
        announcement.updated_at = now
        announcement.save(update_fields=["withdrawn_at", "updated_at"])
        announcement.area_links.update(withdrawn=True)
        audit_record(
            actor=actor,
            action="announcement.withdraw",
            target_type="announcement",
            target_id=announcement.public_id,
            details={"reason": reason[:500]},
        )
        _after_commit()
    return announcement


def announcement_set_hidden(*, actor: Actor, public_id: str, hidden: bool) -> Announcement:
    """Hide an announcement from the public, or show it again: for community flags and moderators, who decide."""
    with transaction.atomic():
        announcement = Announcement.objects.select_for_update().filter(public_id=public_id).first()
        if announcement is None:
            raise NotFound(_("No announcement has this id."))
        if announcement.hidden != hidden:
            announcement.hidden = hidden
            announcement.save(update_fields=["hidden"])
            audit_record(
                actor=actor,
                action="announcement.hide" if hidden else "announcement.restore",
                target_type="announcement",
                target_id=announcement.public_id,
            )
            _after_commit()
    return announcement

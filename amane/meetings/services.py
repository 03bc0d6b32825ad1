"""
What units and associations do with meetings and recommendations.

Each write checks who asks and everything it was given before it touches the database, then
writes in one transaction with its audit row; e-mails leave once that transaction commits.
A unit acts on its own meetings only (Viewer.unit_ids); an association answers for itself
only (Viewer.association_ids) and only while verified.
"""

import datetime as dt
import secrets
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from amane.associations.models import Association, AssociationStatus
from amane.audit.services import audit_record
from amane.authorities.models import Unit
from amane.blackspots.models import BlackSpot
from amane.blackspots.selectors import visible_q
from amane.core import clock
from amane.core.actors import Actor
from amane.core.errors import InvalidInput, Message, NotAllowed, NotFound
from amane.core.viewer import PUBLIC, Viewer
from amane.meetings import selectors
from amane.meetings.models import (
    AGENDA_MAX,
    MINUTES_MAX,
    PLACE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    UPDATE_MAX,
    InvitationResponse,
    Meeting,
    MeetingInvitation,
    MeetingStatus,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
)
from amane.notifications.services import Notice, notify

PUBLIC_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
LONGEST_MEETING = dt.timedelta(hours=12)
LATEST_DUE = dt.timedelta(days=5 * 366)
MAX_BLACK_SPOTS = 20
# Morocco with its southern provinces, generously: a point beyond is a typing mistake.
LAT_RANGE, LON_RANGE = (20.0, 36.5), (-17.5, -0.9)

Errors = dict[str, list[Message]]


def _new_public_id() -> str:
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(10))


def _check_length(errors: Errors, name: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors.setdefault(name, []).append(_("At most %(limit)d characters.") % {"limit": limit})


def _require_one_language(errors: Errors, names: tuple[str, str], values: tuple[str, str], message: Message) -> None:
    if not values[0] and not values[1]:
        for name in names:
            errors.setdefault(name, []).append(message)


def _managed(viewer: Viewer, public_id: str) -> Meeting:
    """The meeting, for an officer of the unit that holds it; NotAllowed for anyone else."""
    meeting = selectors.meeting_by_public_id(public_id=public_id)
    if not selectors.may_manage(viewer, meeting):
        raise NotAllowed(_("Only the unit that holds this meeting may do this."))
    return meeting


def _check_place(errors: Errors, place: str, lat: float | None, lon: float | None) -> None:
    if not place:
        errors.setdefault("place", []).append(_("Say where the meeting takes place."))
    _check_length(errors, "place", place, PLACE_MAX)
    if (lat is None) != (lon is None):
        errors.setdefault("lat" if lat is None else "lon", []).append(
            _("Give both latitude and longitude, or neither.")
        )
    if lat is not None and not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        errors.setdefault("lat", []).append(_("This latitude is outside Morocco."))
    if lon is not None and not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        errors.setdefault("lon", []).append(_("This longitude is outside Morocco."))


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def meeting_schedule(
    *,
    viewer: Viewer,
    actor: Actor,
    unit_code: str,
    title_ar: str = "",
    title_fr: str = "",
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    place: str,
    lat: float | None = None,
    lon: float | None = None,
    agenda_ar: str = "",
    agenda_fr: str = "",
) -> Meeting:
    """Schedule a meeting of one of the viewer's units; times without an offset are Morocco's."""
    unit = Unit.objects.filter(code=(unit_code or "").strip()).first()
    if unit is None or not viewer.acts_for_units or unit.pk not in viewer.unit_ids:
        raise InvalidInput(fields={"unit": [_("Choose one of your units.")]})
    title_ar, title_fr, place = title_ar.strip(), title_fr.strip(), place.strip()
    agenda_ar, agenda_fr = agenda_ar.strip(), agenda_fr.strip()
    errors: Errors = {}
    _require_one_language(
        errors, ("title_ar", "title_fr"), (title_ar, title_fr), _("Give a title in Arabic or French.")
    )
    _require_one_language(
        errors, ("agenda_ar", "agenda_fr"), (agenda_ar, agenda_fr), _("Write the agenda in Arabic or French.")
    )
    for name, value, limit in (
        ("title_ar", title_ar, TITLE_MAX),
        ("title_fr", title_fr, TITLE_MAX),
        ("agenda_ar", agenda_ar, AGENDA_MAX),
        ("agenda_fr", agenda_fr, AGENDA_MAX),
    ):
        _check_length(errors, name, value, limit)
    _check_place(errors, place, lat, lon)
    starts_at, ends_at = _aware(starts_at), _aware(ends_at)
    now = clock.now()
    if starts_at is None:
        errors.setdefault("starts_at", []).append(_("Give the date and time the meeting starts."))
    elif starts_at <= now:
        errors.setdefault("starts_at", []).append(_("A meeting is scheduled in the future."))
    if ends_at is None:
        errors.setdefault("ends_at", []).append(_("Give the time the meeting ends."))
    elif starts_at is not None and not starts_at < ends_at <= starts_at + LONGEST_MEETING:
        errors.setdefault("ends_at", []).append(_("The meeting ends after it starts, within 12 hours."))
    if errors:
        raise InvalidInput(fields=errors)
    assert starts_at is not None and ends_at is not None
    with transaction.atomic():
        meeting = Meeting.objects.create(
            public_id=_new_public_id(),
            unit=unit,
            title_ar=title_ar,
            title_fr=title_fr,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            lat=lat,
            lon=lon,
            agenda_ar=agenda_ar,
            agenda_fr=agenda_fr,
            created_by_id=actor.user_id,
            created_at=now,
            updated_at=now,
            is_demo=actor.demo,
        )
        audit_record(
            actor=actor,
            action="meeting.schedule",
            target_type="meeting",
            target_id=meeting.public_id,
            details={"unit": unit.code, "starts_at": starts_at.isoformat()},
        )
    return meeting


def meeting_cancel(*, viewer: Viewer, actor: Actor, public_id: str) -> Meeting:
    """Cancel a scheduled meeting of the viewer's unit; its calendar file then says so."""
    meeting = _managed(viewer, public_id)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise InvalidInput(fields={"status": [_("Only a scheduled meeting can be cancelled.")]})
    with transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(
            status=MeetingStatus.CANCELLED, updated_at=clock.now(), sequence=meeting.sequence + 1
        )
        audit_record(actor=actor, action="meeting.cancel", target_type="meeting", target_id=meeting.public_id)
    meeting.refresh_from_db()
    return meeting


def _invitation_notice(meeting: Meeting) -> Notice:
    # The association's language is not known: Arabic, then French, as other notices do.
    texts, subjects = [], []
    for language in ("ar", "fr"):
        with translation.override(language):
            unit = meeting.unit.name_fr if language == "fr" else meeting.unit.name_ar
            subjects.append(_("Amane: invitation to a consultation meeting"))
            texts.append(
                _("%(unit)s invites your association to a meeting on %(day)s at %(place)s. Add it to your calendar:")
                % {"unit": unit, "day": meeting.starts_at.date().isoformat(), "place": meeting.place}
            )
    link = settings.AMANE_SITE_URL.rstrip("/") + reverse("meeting_ics", args=[meeting.public_id])
    return Notice(subject=" / ".join(subjects), text="\n".join(texts), link=link)


def meeting_invite(
    *, viewer: Viewer, actor: Actor, public_id: str, association_slugs: list[str]
) -> list[MeetingInvitation]:
    """Invite verified associations working in the unit's communes; those already invited are skipped."""
    meeting = _managed(viewer, public_id)
    errors: Errors = {}
    if meeting.status != MeetingStatus.SCHEDULED or meeting.starts_at <= clock.now():
        errors["associations"] = [_("Associations are invited before the meeting, while it is scheduled.")]
    slugs = list(dict.fromkeys(slug.strip() for slug in association_slugs if slug.strip()))
    if not slugs:
        errors.setdefault("associations", []).append(_("Choose at least one association."))
    invitable = {association.slug: association for association in selectors.invitable_associations(meeting=meeting)}
    already = set(meeting.invitations.values_list("association__slug", flat=True))
    unknown = [slug for slug in slugs if slug not in invitable and slug not in already]
    if unknown:
        errors.setdefault("associations", []).append(
            _("These associations are not verified or do not work in this unit's communes: %(slugs)s")
            % {"slugs": ", ".join(unknown)}
        )
    if errors:
        raise InvalidInput(fields=errors)
    now = clock.now()
    made = []
    with transaction.atomic():
        for slug in slugs:
            if slug in already:
                continue
            association = invitable[slug]
            made.append(MeetingInvitation.objects.create(meeting=meeting, association=association, invited_at=now))
            # Demo associations' addresses are made up (.invalid): nobody to write to.
            if association.contact_email and not actor.demo:
                notify(contact=association.contact_email, notice=_invitation_notice(meeting))
        audit_record(
            actor=actor,
            action="meeting.invite",
            target_type="meeting",
            target_id=meeting.public_id,
            details={"associations": [invitation.association.slug for invitation in made]},
        )
    return made


def invitation_respond(
    *, viewer: Viewer, actor: Actor, public_id: str, association_slug: str, response: str
) -> MeetingInvitation:
    """Confirm or decline, for an association the viewer belongs to, before the meeting."""
    if response not in (InvitationResponse.CONFIRMED, InvitationResponse.DECLINED):
        raise InvalidInput(fields={"response": [_("Answer confirmed or declined.")]})
    association = Association.objects.filter(slug=association_slug).first()
    if association is None or association.pk not in viewer.association_ids:
        raise NotFound(_("Your association has no such invitation."))
    invitation = (
        MeetingInvitation.objects.select_related("meeting")
        .filter(meeting__public_id=public_id, association=association)
        .first()
    )
    if invitation is None:
        raise NotFound(_("Your association has no such invitation."))
    if association.status != AssociationStatus.VERIFIED:
        raise NotAllowed(_("Only a verified association answers invitations."))
    meeting = invitation.meeting
    if meeting.status != MeetingStatus.SCHEDULED or meeting.starts_at <= clock.now():
        raise InvalidInput(fields={"response": [_("This meeting can no longer be answered.")]})
    with transaction.atomic():
        before = invitation.response
        invitation.response = response
        invitation.responded_at = clock.now()
        invitation.save(update_fields=["response", "responded_at"])
        audit_record(
            actor=actor,
            action="meeting.respond",
            target_type="meeting",
            target_id=meeting.public_id,
            before={"response": before},
            after={"response": response, "association": association.slug},
        )
    return invitation


def _check_after_start(meeting: Meeting, field: str) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise InvalidInput(fields={field: [_("This meeting was cancelled.")]})
    if meeting.starts_at > clock.now():
        raise InvalidInput(fields={field: [_("This is recorded once the meeting has started.")]})


def meeting_record_attendance(
    *, viewer: Viewer, actor: Actor, public_id: str, attended_slugs: list[str]
) -> list[MeetingInvitation]:
    """Record which invited associations came (the others did not); the meeting is then held."""
    meeting = _managed(viewer, public_id)
    _check_after_start(meeting, "attended")
    invitations = {
        invitation.association.slug: invitation for invitation in selectors.meeting_invitations(meeting=meeting)
    }
    attended = {slug.strip() for slug in attended_slugs if slug.strip()}
    strangers = sorted(attended - set(invitations))
    if strangers:
        raise InvalidInput(
            fields={"attended": [_("These associations were not invited: %(slugs)s") % {"slugs": ", ".join(strangers)}]}
        )
    with transaction.atomic():
        for slug, invitation in invitations.items():
            invitation.attended = slug in attended
            invitation.save(update_fields=["attended"])
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD, updated_at=clock.now())
        audit_record(
            actor=actor,
            action="meeting.attendance",
            target_type="meeting",
            target_id=meeting.public_id,
            after={"attended": sorted(attended)},
        )
    return list(invitations.values())


def meeting_record_minutes(*, viewer: Viewer, actor: Actor, public_id: str, minutes: str) -> Meeting:
    """Record the minutes of a meeting that took place; the meeting is then held."""
    meeting = _managed(viewer, public_id)
    minutes = (minutes or "").strip()
    errors: Errors = {}
    if not minutes:
        errors["minutes"] = [_("Write the minutes.")]
    _check_length(errors, "minutes", minutes, MINUTES_MAX)
    if errors:
        raise InvalidInput(fields=errors)
    _check_after_start(meeting, "minutes")
    with transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(minutes=minutes, status=MeetingStatus.HELD, updated_at=clock.now())
        audit_record(
            actor=actor,
            action="meeting.minutes",
            target_type="meeting",
            target_id=meeting.public_id,
            details={"length": len(minutes)},
        )
    meeting.refresh_from_db()
    return meeting


def _black_spots(public_ids: Sequence[str], errors: Errors) -> list[BlackSpot]:
    """The public black spots named, or an error that lists those unknown (or hidden)."""
    wanted = sorted({public_id.strip() for public_id in public_ids if public_id.strip()})
    if len(wanted) > MAX_BLACK_SPOTS:
        errors["black_spots"] = [_("At most %(count)d black spots.") % {"count": MAX_BLACK_SPOTS}]
        return []
    spots = list(BlackSpot.objects.filter(visible_q(PUBLIC), public_id__in=wanted))
    unknown = sorted(set(wanted) - {spot.public_id for spot in spots})
    if unknown:
        errors["black_spots"] = [_("No public black spot has these ids: %(ids)s.") % {"ids": ", ".join(unknown)}]
    return spots


def recommendation_add(
    *,
    viewer: Viewer,
    actor: Actor,
    meeting_public_id: str,
    text_ar: str = "",
    text_fr: str = "",
    responsible_unit_code: str,
    due_on: dt.date | None,
    black_spot_ids: Sequence[str] = (),
) -> Recommendation:
    """Add a recommendation that came out of a held meeting of the viewer's unit, about black spots if named."""
    meeting = _managed(viewer, meeting_public_id)
    text_ar, text_fr = (text_ar or "").strip(), (text_fr or "").strip()
    errors: Errors = {}
    if meeting.status != MeetingStatus.HELD:
        errors["meeting"] = [_("Recommendations come from a meeting that was held.")]
    _require_one_language(errors, ("text_ar", "text_fr"), (text_ar, text_fr), _("Write it in Arabic or French."))
    _check_length(errors, "text_ar", text_ar, TEXT_MAX)
    _check_length(errors, "text_fr", text_fr, TEXT_MAX)
    responsible = Unit.objects.filter(code=(responsible_unit_code or "").strip()).first()
    if responsible is None:
        errors["responsible_unit"] = [_("No unit has this code.")]
    meeting_day = meeting.starts_at.date()
    if due_on is None:
        errors["due_on"] = [_("Give the date it is due.")]
    elif not meeting_day <= due_on <= meeting_day + LATEST_DUE:
        errors["due_on"] = [_("The due date is after the meeting, within five years.")]
    spots = _black_spots(black_spot_ids, errors)
    if errors:
        raise InvalidInput(fields=errors)
    assert responsible is not None and due_on is not None
    with transaction.atomic():
        recommendation = Recommendation.objects.create(
            public_id=_new_public_id(),
            meeting=meeting,
            meeting_unit_id=meeting.unit_id,
            responsible_unit=responsible,
            text_ar=text_ar,
            text_fr=text_fr,
            due_on=due_on,
            created_at=clock.now(),
            is_demo=actor.demo or meeting.is_demo,
        )
        recommendation.black_spots.set(spots)
        audit_record(
            actor=actor,
            action="recommendation.add",
            target_type="recommendation",
            target_id=recommendation.public_id,
            details={
                "meeting": meeting.public_id,
                "responsible": responsible.code,
                "due_on": due_on.isoformat(),
                "black_spots": sorted(spot.public_id for spot in spots),
            },
        )
    return recommendation


# A dropped recommendation stays dropped: the page keeps the reason given.
_NEXT = {
    RecommendationStatus.OPEN: {
        RecommendationStatus.IN_PROGRESS,
        RecommendationStatus.DONE,
        RecommendationStatus.DROPPED,
    },
    RecommendationStatus.IN_PROGRESS: {
        RecommendationStatus.IN_PROGRESS,
        RecommendationStatus.DONE,
        RecommendationStatus.DROPPED,
    },
    RecommendationStatus.DONE: {RecommendationStatus.IN_PROGRESS},
    RecommendationStatus.DROPPED: set(),
}


def recommendation_update(
    *, viewer: Viewer, actor: Actor, public_id: str, text: str, new_status: str
) -> RecommendationUpdate:
    """Post a dated progress update, for the responsible unit or the unit that held the meeting."""
    recommendation = selectors.recommendation_by_public_id(public_id=public_id)
    if not selectors.may_update(viewer, recommendation):
        raise NotAllowed(_("Only the responsible unit, or the unit that held the meeting, posts progress."))
    text = (text or "").strip()
    errors: Errors = {}
    if not text:
        errors["text"] = [
            _("Give the reason it is dropped.")
            if new_status == RecommendationStatus.DROPPED
            else _("Say what was done.")
        ]
    _check_length(errors, "text", text, UPDATE_MAX)
    if new_status not in RecommendationStatus.values:
        errors["new_status"] = [_("Choose one of the allowed values.")]
    if errors:
        raise InvalidInput(fields=errors)
    unit_id = (
        recommendation.responsible_unit_id
        if recommendation.responsible_unit_id in viewer.unit_ids
        else recommendation.meeting_unit_id
    )
    now = clock.now()
    with transaction.atomic():
        locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        current = RecommendationStatus(locked.status)
        if new_status != current and new_status not in _NEXT[current]:
            raise InvalidInput(fields={"new_status": [_("This status change is not allowed.")]})
        if current == RecommendationStatus.DROPPED:
            raise InvalidInput(fields={"new_status": [_("A dropped recommendation is not updated.")]})
        update = RecommendationUpdate.objects.create(
            recommendation=locked, unit_id=unit_id, author_id=actor.user_id, at=now, text=text, new_status=new_status
        )
        locked.status = new_status
        locked.latest_update = update
        if new_status == RecommendationStatus.DONE and current != RecommendationStatus.DONE:
            locked.done_on = now.date()
            locked.done_late = locked.done_on > locked.due_on
        elif new_status != RecommendationStatus.DONE:
            locked.done_on, locked.done_late = None, False
        if new_status == RecommendationStatus.DROPPED:
            locked.drop_reason = text
        locked.save(update_fields=["status", "latest_update", "done_on", "done_late", "drop_reason"])
        audit_record(
            actor=actor,
            action="recommendation.update",
            target_type="recommendation",
            target_id=locked.public_id,
            before={"status": current.value},
            after={"status": new_status},
        )
    return update

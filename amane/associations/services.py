"""
Writes of associations: registration, the authority's decision, members, corroborations.

Every write names its actor and leaves its audit row in its transaction. An association
acts in public only once verified by a unit of the territorial administration that covers
one of its communes (the authority that gave it its receipt of declaration).
"""

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from amane.associations import rules
from amane.associations.models import (
    Association,
    AssociationCommune,
    AssociationMember,
    AssociationStatus,
    Corroboration,
    Domain,
    MemberInvitation,
    MemberRole,
)
from amane.associations.selectors import verifying_units
from amane.audit.services import audit_record
from amane.core import clock
from amane.core.actors import Actor, association_member
from amane.core.errors import Conflict, InvalidInput, InvalidTransition, Message, NotAllowed, NotFound
from amane.core.viewer import Viewer
from amane.geo.models import Area, AreaKind
from amane.notifications.services import Notice, notify
from amane.reports.selectors import report_get


@dataclass(frozen=True)
class Registration:
    name_ar: str
    name_fr: str
    registration_number: str
    domains: Sequence[str]
    commune_codes: Sequence[str]
    contact_email: str = ""
    contact_phone: str = ""


def _registration_problems(registration: Registration) -> tuple[dict[str, list[Message]], list[Area], str]:
    problems: dict[str, list[Message]] = {}
    for field in ("name_ar", "name_fr"):
        value = getattr(registration, field).strip()
        if not value:
            problems[field] = [_("Give the association's name.")]
        elif len(value) > 200:
            problems[field] = [_("At most 200 characters.")]
    number = registration.registration_number.strip()
    if rules.registration_number_problem(number):
        problems["registration_number"] = [
            _("Give the number of the receipt of declaration: letters, digits, / or -, 3 to 40 characters.")
        ]
    elif Association.objects.filter(registration_number__iexact=number).exists():
        problems["registration_number"] = [_("An association with this registration number is already on Amane.")]
    if rules.domains_problem(registration.domains, Domain.values):
        problems["domains"] = [_("Choose at least one domain from the list.")]
    communes = _communes(registration.commune_codes, problems)
    phone = ""
    if registration.contact_phone.strip():
        phone = rules.normalised_phone(registration.contact_phone) or ""
        if not phone:
            problems["contact_phone"] = [_("Give a Moroccan phone number, such as 0612345678.")]
    if registration.contact_email.strip():
        try:
            validate_email(registration.contact_email.strip())
        except ValidationError:
            problems["contact_email"] = [_("Enter a valid e-mail address.")]
    if not registration.contact_email.strip() and not registration.contact_phone.strip():
        problems["contact_email"] = [_("Give an e-mail address or a phone number where the authority can reach you.")]
    return problems, communes, phone


def _communes(codes: Sequence[str], problems: dict[str, list[Message]]) -> list[Area]:
    problem = rules.communes_problem(codes)
    if problem == "required":
        problems["communes"] = [_("Choose at least one commune where the association works.")]
        return []
    if problem == "too_many":
        problems["communes"] = [_("At most %(count)d communes.") % {"count": rules.MAX_COMMUNES}]
        return []
    communes = list(Area.objects.filter(code__in=set(codes), kind=AreaKind.COMMUNE))
    unknown = sorted(set(codes) - {commune.code for commune in communes})
    if unknown:
        problems["communes"] = [_("Unknown commune codes: %(codes)s.") % {"codes": ", ".join(unknown)}]
    return communes


def _new_slug() -> str:
    return "assoc-" + secrets.token_hex(4)


def association_register(
    *, actor: Actor, user: User, registration: Registration, demo: bool = False, slug: str | None = None
) -> Association:
    """Register an association, waiting for verification, with `user` as its first admin."""
    problems, communes, phone = _registration_problems(registration)
    if problems:
        raise InvalidInput(fields=problems)
    with transaction.atomic():
        now = clock.now()
        association = Association.objects.create(
            # A chosen slug is for demo data, whose addresses the docs and walks name.
            slug=slug or _new_slug(),
            name_ar=registration.name_ar.strip(),
            name_fr=registration.name_fr.strip(),
            registration_number=registration.registration_number.strip(),
            domains=sorted(set(registration.domains)),
            contact_email=registration.contact_email.strip().lower(),
            contact_phone=phone,
            is_demo=demo,
            created_at=now,
        )
        AssociationCommune.objects.bulk_create(
            [AssociationCommune(association=association, commune=commune) for commune in communes]
        )
        AssociationMember.objects.create(association=association, user=user, role=MemberRole.ADMIN, created_at=now)
        audit_record(
            actor=actor,
            action="association.register",
            target_type="association",
            target_id=association.slug,
            details={"communes": sorted(commune.code for commune in communes), "domains": association.domains},
        )
    return association


def account_for_registration(*, email: str, password: str) -> User:
    """The account of someone who registers an association without one: its username is the e-mail."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(fields={"account_email": [_("Enter a valid e-mail address.")]}) from None
    users = get_user_model()
    if users.objects.filter(username=email).exists():
        raise InvalidInput(fields={"account_email": [_("An account with this e-mail exists: sign in first.")]})
    user = users(username=email, email=email)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise InvalidInput(fields={"password": list(error.messages)}) from None
    user.set_password(password)
    user.save()
    return user


# What a unit may decide, from which status.
_DECISIONS = {
    "verify": ({AssociationStatus.PENDING, AssociationStatus.SUSPENDED}, AssociationStatus.VERIFIED),
    "suspend": ({AssociationStatus.VERIFIED}, AssociationStatus.SUSPENDED),
    "refuse": ({AssociationStatus.PENDING}, AssociationStatus.REFUSED),
}


def association_decide(
    *, actor: Actor, viewer: Viewer, slug: str, decision: str, reason: str = "", unit_id: int | None = None
) -> Association:
    """Verify, suspend or refuse an association, as an officer of a unit that covers it."""
    if decision not in _DECISIONS:
        raise InvalidInput(fields={"decision": [_("Choose verify, suspend or refuse.")]})
    reason = reason.strip()
    if decision != "verify" and not reason:
        raise InvalidInput(fields={"reason": [_("Say why: the association's admins will read it.")]})
    if len(reason) > 500:
        raise InvalidInput(fields={"reason": [_("At most 500 characters.")]})
    with transaction.atomic():
        association = Association.objects.select_for_update().filter(slug=slug).first()
        if association is None:
            raise NotFound(_("No association has this address."))
        deciding = _deciding_unit(viewer, association, unit_id)
        allowed_from, to = _DECISIONS[decision]
        if association.status not in allowed_from:
            raise InvalidTransition(_("This association cannot be given this decision in its present status."))
        before = association.status
        association.status = to
        association.decided_by_unit_id = deciding
        association.decision_reason = reason
        association.decided_at = clock.now()
        association.save(update_fields=["status", "decided_by_unit", "decision_reason", "decided_at"])
        audit_record(
            actor=actor,
            action=f"association.{decision}",
            target_type="association",
            target_id=association.slug,
            details={"unit": deciding, "reason": reason},
            before={"status": before},
            after={"status": to},
        )
    return association


def _deciding_unit(viewer: Viewer, association: Association, unit_id: int | None) -> int:
    mine = [unit for unit in verifying_units(association_id=association.pk) if unit in viewer.unit_ids]
    if not mine:
        raise NotAllowed(_("Only the authority that covers the association's communes decides on it."))
    if unit_id is not None:
        if unit_id not in mine:
            raise NotAllowed(_("This unit does not cover the association's communes."))
        return unit_id
    return mine[0]


def _signed_in(viewer: Viewer) -> int:
    if viewer.user_id is None:
        raise NotAllowed(_("Sign in first."))
    return viewer.user_id


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def member_invite(
    *, actor: Actor, viewer: Viewer, slug: str, email: str, role: str = MemberRole.MEMBER, base_url: str
) -> str:
    """An admin invites someone by e-mail; the single-use link makes them a member."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(fields={"email": [_("Enter a valid e-mail address.")]}) from None
    if role not in MemberRole.values:
        raise InvalidInput(fields={"role": [_("Choose a role.")]})
    association = Association.objects.filter(slug=slug).first()
    if association is None:
        raise NotFound(_("No association has this address."))
    if association.pk not in viewer.association_admin_of:
        raise NotAllowed(_("Only the association's admins invite members."))
    if association.status == AssociationStatus.REFUSED:
        raise NotAllowed(_("A refused association cannot invite members."))
    token = secrets.token_urlsafe(32)
    now = clock.now()
    with transaction.atomic():
        invitation = MemberInvitation.objects.create(
            association=association,
            email=email,
            role=role,
            token_hash=_token_hash(token),
            invited_by_id=_signed_in(viewer),
            created_at=now,
            expires_at=now + dt.timedelta(days=settings.AMANE_INVITATION_DAYS),
        )
        audit_record(
            actor=actor,
            action="association.invite",
            target_type="association",
            target_id=association.slug,
            details={"invitation": invitation.pk, "role": role},
        )
        link = base_url.rstrip("/") + reverse("association_join", args=[token])
        text = _("You are invited to act for %(name)s on Amane. The link works once, for %(days)d days.") % {
            "name": association.name_fr,
            "days": settings.AMANE_INVITATION_DAYS,
        }
        notify(contact=email, notice=Notice(subject=_("Your invitation to Amane"), text=text, link=link))
    return token


def member_invitation_open(*, token: str) -> MemberInvitation:
    invitation = MemberInvitation.objects.select_related("association").filter(token_hash=_token_hash(token)).first()
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at <= clock.now():
        raise NotFound(_("This invitation link is not valid, has expired, or was already used."))
    return invitation


def member_invitation_accept(*, token: str, user: User | None, password: str = "") -> User:
    """Join with the account signed in, or create the invited e-mail's account with `password`."""
    with transaction.atomic():
        invitation = member_invitation_open(token=token)
        locked = MemberInvitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None:
            raise NotFound(_("This invitation link is not valid, has expired, or was already used."))
        if user is None:
            user = account_for_registration(email=invitation.email, password=password)
        AssociationMember.objects.update_or_create(
            association=invitation.association,
            user=user,
            defaults={"role": invitation.role, "created_at": clock.now()},
        )
        locked.accepted_at = clock.now()
        locked.save(update_fields=["accepted_at"])
        audit_record(
            actor=association_member(user.pk),
            action="association.join",
            target_type="association",
            target_id=invitation.association.slug,
            details={"invitation": locked.pk, "role": invitation.role},
        )
    return user


def member_remove(*, actor: Actor, viewer: Viewer, slug: str, user_id: int) -> None:
    """An admin removes a member (themselves included), never the last admin."""
    with transaction.atomic():
        association = Association.objects.select_for_update().filter(slug=slug).first()
        if association is None:
            raise NotFound(_("No association has this address."))
        if association.pk not in viewer.association_admin_of:
            raise NotAllowed(_("Only the association's admins remove members."))
        member = AssociationMember.objects.filter(association=association, user_id=user_id).first()
        if member is None:
            raise NotFound(_("This person is not a member."))
        admins = AssociationMember.objects.filter(association=association, role=MemberRole.ADMIN).count()
        if member.role == MemberRole.ADMIN and admins == 1:
            raise Conflict(_("An association keeps at least one admin."))
        member.delete()
        audit_record(
            actor=actor,
            action="association.remove",
            target_type="association",
            target_id=slug,
            details={"user": user_id},
        )


def acting_association(viewer: Viewer, slug: str) -> Association:
    """The association a member acts for, if they are one of its members and it is verified."""
    association = Association.objects.filter(slug=slug).first()
    if association is None:
        raise NotFound(_("No association has this address."))
    if association.pk not in viewer.association_ids:
        raise NotAllowed(_("Only the association's members act for it."))
    if association.status != AssociationStatus.VERIFIED:
        raise NotAllowed(_("The association acts on Amane once the authority has verified it."))
    return association


def corroboration_add(*, actor: Actor, viewer: Viewer, slug: str, report_public_id: str, note: str) -> Corroboration:
    """A member vouches for a public report in the association's name, with a note."""
    problem = rules.note_problem(note)
    if problem:
        message = (
            _("Write at least %(count)d characters.") % {"count": rules.NOTE_MIN}
            if problem == "too_short"
            else _("At most %(count)d characters.") % {"count": rules.NOTE_MAX}
        )
        raise InvalidInput(fields={"note": [message]})
    association = acting_association(viewer, slug)
    report = report_get(viewer=viewer, public_id=report_public_id)
    if not report.public:
        # A member who is also an officer must not lend the association's name to a confidential report.
        raise NotAllowed(_("Associations corroborate public reports only."))
    try:
        with transaction.atomic():
            corroboration = Corroboration.objects.create(
                report=report,
                association=association,
                author_id=_signed_in(viewer),
                note=note.strip(),
                created_at=clock.now(),
            )
            audit_record(
                actor=actor,
                action="report.corroborate",
                target_type="report",
                target_id=report.public_id,
                details={"association": association.slug, "corroboration": corroboration.pk},
            )
    except IntegrityError:
        raise Conflict(_("Your association has already corroborated this report.")) from None
    return corroboration


def corroboration_withdraw(*, actor: Actor, viewer: Viewer, slug: str, report_public_id: str) -> None:
    association = acting_association(viewer, slug)
    with transaction.atomic():
        deleted, _rows = Corroboration.objects.filter(
            association=association, report__public_id=report_public_id
        ).delete()
        if not deleted:
            raise NotFound(_("Your association has not corroborated this report."))
        audit_record(
            actor=actor,
            action="report.uncorroborate",
            target_type="report",
            target_id=report_public_id,
            details={"association": association.slug},
        )

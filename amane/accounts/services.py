"""
Inviting officers and accepting an invitation.

The link carries a random token (256 bits); only its SHA-256 is stored, so a copy of the
database opens no account. A link works once, and for AMANE_INVITATION_DAYS days. Whoever
accepts chooses a password that Django's validators accept; the account is then a member
of the unit in the role the invitation named.
"""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from amane.accounts.models import Invitation
from amane.audit.services import audit_record
from amane.authorities.models import Membership, MembershipRole, Unit
from amane.core import clock
from amane.core.actors import Actor, authority_user
from amane.core.errors import AmaneError, InvalidInput, NotAllowed, NotFound
from amane.core.viewer import Viewer
from amane.notifications.services import Notice, notify


class InvitationExpired(AmaneError):
    code = "invitation_expired"
    status = 410


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_send(*, viewer: Viewer, actor: Actor, email: str, unit_code: str, role: str, base_url: str) -> str:
    """Invite someone to act for a unit; staff invite anyone, a unit's head invites to that unit."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(fields={"email": [_("Enter a valid e-mail address.")]}) from None
    if role not in MembershipRole.values:
        raise InvalidInput(fields={"role": [_("Choose a role.")]})
    unit = Unit.objects.filter(code=unit_code).first()
    if unit is None:
        raise InvalidInput(fields={"unit": [_("No unit has this code.")]})
    if not (viewer.is_staff or unit.pk in viewer.head_of):
        raise NotAllowed(_("Only the unit's head or Amane's team invites to this unit."))
    token = secrets.token_urlsafe(32)
    now = clock.now()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email,
            unit=unit,
            role=role,
            token_hash=token_hash(token),
            invited_by_id=actor.user_id,
            created_at=now,
            expires_at=now + dt.timedelta(days=settings.AMANE_INVITATION_DAYS),
        )
        audit_record(
            actor=actor,
            action="invitation.send",
            target_type="invitation",
            target_id=str(invitation.pk),
            details={"unit": unit.code, "role": role},
        )
        link = base_url.rstrip("/") + reverse("invitation_accept", args=[token])
        notice = Notice(
            subject=_("Your invitation to Amane"),
            text=_("You are invited to answer reports for %(unit)s on Amane. The link works once, for %(days)d days.")
            % {"unit": unit.name_fr, "days": settings.AMANE_INVITATION_DAYS},
            link=link,
        )
        notify(contact=email, notice=notice)
    return token


def invitation_open(*, token: str) -> Invitation:
    """The invitation this link names, if it can still be accepted."""
    invitation = Invitation.objects.select_related("unit").filter(token_hash=token_hash(token)).first()
    if invitation is None or invitation.accepted_at is not None:
        raise NotFound(_("This invitation link is not valid, or was already used."))
    if invitation.expires_at <= clock.now():
        raise InvitationExpired(_("This invitation has expired: ask for a new one."))
    return invitation


def invitation_accept(*, token: str, password: str) -> User:
    """Create (or join) the account, make it a member of the unit, and spend the link."""
    with transaction.atomic():
        invitation = invitation_open(token=token)
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None:
            raise NotFound(_("This invitation link is not valid, or was already used."))
        users = get_user_model()
        user = users.objects.filter(username=invitation.email).first()
        if user is None:
            user = users(username=invitation.email, email=invitation.email)
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                raise InvalidInput(fields={"password": list(error.messages)}) from None
            user.set_password(password)
            user.save()
        Membership.objects.update_or_create(user=user, unit=invitation.unit, defaults={"role": invitation.role})
        locked.accepted_at = clock.now()
        locked.save(update_fields=["accepted_at"])
        audit_record(
            actor=authority_user(user.pk),
            action="invitation.accept",
            target_type="invitation",
            target_id=str(locked.pk),
            details={"unit": invitation.unit.code, "role": invitation.role},
        )
    return user

"""Invitations: how officers and unit heads get an account, by a single-use link that expires."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amane.authorities.models import MembershipRole, Unit


class Invitation(models.Model):
    email = models.EmailField()
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=16, choices=MembershipRole.choices, default=MembershipRole.OFFICER)
    # SHA-256 of the token in the link: the link itself is only in the e-mail.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")

    def __str__(self) -> str:
        return f"{self.email} → {self.unit_id} ({self.role})"


class ApiToken(models.Model):
    """A key for the inbox API, for one person: only its SHA-256 is kept, shown once when made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_on = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.user_id})"


class PlatformRole(models.TextChoices):
    # Reviews flagged content (the trust-and-safety work gives them a queue).
    MODERATOR = "moderator", _("Moderator")
    # Reads aggregates and pseudonymised exports only (the observatory gives them their pages).
    ANALYST = "analyst", _("Analyst")


class RoleGrant(models.Model):
    """A platform-wide role beside the units: platform admins are Django's staff users."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=16, choices=PlatformRole.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_grant_per_user_and_role")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.role}"

"""
Associations: the civil society half of the participatory loop.

An association registers itself (its names, its legal registration number, its domains and
the communes it works in); the authority unit that covers one of those communes verifies it,
and may later suspend it. Only a verified association acts in public: its members
corroborate reports and declare black spots under its name. Its admins invite members.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amane.authorities.models import Unit
from amane.geo.models import Area
from amane.reports.models import Report


class Domain(models.TextChoices):
    YOUTH = "youth", _("Youth")
    WOMEN = "women", _("Women")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    SCHOOLS = "schools", _("Schools and parents")
    ADDICTION = "addiction", _("Addiction")
    HUMAN_RIGHTS = "human-rights", _("Human rights")
    ROAD_SAFETY = "road-safety", _("Road safety")


class AssociationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    SUSPENDED = "suspended", _("Suspended")
    REFUSED = "refused", _("Refused")


class Association(models.Model):
    # Public and stable: "assoc-1a2b3c" in addresses, never the database id.
    slug = models.SlugField(max_length=40, unique=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200)
    # The number of the receipt of declaration (récépissé) that the local authority gave it.
    registration_number = models.CharField(_("registration number"), max_length=40, unique=True)
    domains = models.JSONField(_("domains"), default=list)
    communes: "models.ManyToManyField[Area, AssociationCommune]" = models.ManyToManyField(
        Area, through="AssociationCommune", related_name="+"
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    status = models.CharField(max_length=16, choices=AssociationStatus.choices, default=AssociationStatus.PENDING)
    # The unit that verified, suspended or refused it last, and why (shown to its admins).
    decided_by_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision_reason = models.CharField(max_length=500, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name_fr", "id"]
        indexes = [models.Index(fields=["status", "id"], name="association_by_status")]

    def __str__(self) -> str:
        return f"{self.name_fr} ({self.slug})"

    @property
    def domain_labels(self) -> list[str]:
        labels = dict(Domain.choices)
        return [str(labels[domain]) for domain in self.domains if domain in labels]

    @property
    def is_verified(self) -> bool:
        return self.status == AssociationStatus.VERIFIED


class AssociationCommune(models.Model):
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="commune_links")
    commune = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["association", "commune"], name="one_link_per_association_and_commune")
        ]
        indexes = [models.Index(fields=["commune", "association"], name="association_by_commune")]

    def __str__(self) -> str:
        return f"{self.association_id} works in {self.commune_id}"


class MemberRole(models.TextChoices):
    MEMBER = "member", _("Member")
    ADMIN = "admin", _("Admin")


class AssociationMember(models.Model):
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="association_memberships")
    role = models.CharField(max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["association", "user"], name="one_member_per_association")]
        indexes = [models.Index(fields=["user", "association"], name="member_by_user")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.association_id} ({self.role})"


class MemberInvitation(models.Model):
    """A single-use link, sent by an admin of the association, that makes its holder a member."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.email} → {self.association_id}"


class Corroboration(models.Model):
    """
    An association vouching for a report ("we see it too"), with a note.

    One per association and report; the count per report is public, and so is the
    association's name. The member who wrote it is kept for the association and the audit
    trail, never shown in public.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="corroborations")
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="corroborations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(max_length=1000)
    created_at = models.DateTimeField()
    # Set by community flags (amane.flags) when enough people flag the note: it leaves public pages.
    hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "association"], name="one_corroboration_per_association")
        ]

    def __str__(self) -> str:
        return f"{self.association_id} corroborates {self.report_id}"

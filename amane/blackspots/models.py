"""
Black spots: places where trouble gathers, named in public by a verified association.

A member declares one (the café by the school where pupils are preyed on) as a point or a
small drawn area, links the reports and the sensitive places around it, and the unit that
the reports' routing names answers it in public: acknowledged, action planned for a date,
resolved, or declined with a reason, under the category's service levels. The member's
identity stays with the association and the audit trail; the public sees the association.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amane.associations.models import Association
from amane.authorities.models import Unit
from amane.geo.models import Area
from amane.reports.models import Category, Report

DESCRIPTION_MAX = 2000
ANSWER_TEXT_MAX = 2000
PLACE_NAME_MAX = 200


class PlaceKind(models.TextChoices):
    SCHOOL = "school", _("School")
    YOUTH_CENTRE = "youth-centre", _("Youth centre")
    MOSQUE = "mosque", _("Mosque")
    HOSPITAL = "hospital", _("Hospital or health centre")
    MARKET = "market", _("Market")
    SPORTS = "sports", _("Sports ground")
    OTHER = "other", _("Other")


class SensitivePlace(models.Model):
    """A place whose neighbourhood matters more (a school first), registered by a member or an officer."""

    kind = models.CharField(max_length=20, choices=PlaceKind.choices)
    name_ar = models.CharField(max_length=PLACE_NAME_MAX)
    name_fr = models.CharField(max_length=PLACE_NAME_MAX)
    lat = models.FloatField()
    lon = models.FloatField()
    commune = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # For whom it was registered: one of the two.
    association = models.ForeignKey(Association, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "name_fr", "id"]
        indexes = [models.Index(fields=["lat", "lon", "kind"], name="sensitive_place_box")]

    def __str__(self) -> str:
        return f"{self.name_fr} ({self.kind})"


class BlackSpotStatus(models.TextChoices):
    DECLARED = "declared", _("Declared")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ACTION_PLANNED = "action-planned", _("Action planned")
    RESOLVED = "resolved", _("Resolved")
    DECLINED = "declined", _("Declined")


class BlackSpot(models.Model):
    # Random and public, in addresses ("k7qm3xhd9t"); the database id never leaves.
    public_id = models.CharField(max_length=12, unique=True)
    association = models.ForeignKey(Association, on_delete=models.PROTECT, related_name="black_spots")
    # Kept for the association and the audit trail; never shown in public.
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    # A GeoJSON Point or Polygon (longitude, latitude), checked by amane.blackspots.geometry.
    geometry = models.JSONField()
    # The shape's centre and bounds, stored so that a box is read through an index.
    lat = models.FloatField()
    lon = models.FloatField()
    min_lat = models.FloatField()
    min_lon = models.FloatField()
    max_lat = models.FloatField()
    max_lon = models.FloatField()
    commune = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    description = models.TextField(max_length=DESCRIPTION_MAX)
    responsible_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=BlackSpotStatus.choices, default=BlackSpotStatus.DECLARED)
    planned_for = models.DateField(null=True, blank=True)
    # Set by community flags: a hidden black spot leaves every public read until a moderator decides.
    hidden = models.BooleanField(default=False)
    is_demo = models.BooleanField(default=False)
    declared_at = models.DateTimeField()
    acknowledge_by = models.DateTimeField()
    answer_by = models.DateTimeField()
    # The next deadline the sweep watches (acknowledge_by, then answer_by), null once met or
    # escalated: the sweep reads `watched_at <= now` through a partial index of the waiting ones.
    watched_at = models.DateTimeField(null=True, blank=True)
    watched_kind = models.CharField(max_length=16, blank=True)
    reports: "models.ManyToManyField[Report, BlackSpotReport]" = models.ManyToManyField(
        Report, through="BlackSpotReport", related_name="+"
    )
    places: "models.ManyToManyField[SensitivePlace, BlackSpotPlace]" = models.ManyToManyField(
        SensitivePlace, through="BlackSpotPlace", related_name="black_spots"
    )

    class Meta:
        ordering = ["public_id"]
        indexes = [
            # A box reads a range of the centre, widened by the largest half-extent allowed.
            # It ends with what the public filters test, so that a box is read from the index alone.
            models.Index(
                fields=[
                    "hidden",
                    "lat",
                    "lon",
                    "public_id",
                    "association",
                    "status",
                    "category",
                    "min_lat",
                    "max_lat",
                    "min_lon",
                    "max_lon",
                ],
                name="black_spot_box",
            ),
            models.Index(fields=["commune", "hidden", "public_id"], name="black_spot_commune"),
            models.Index(fields=["responsible_unit", "status", "public_id"], name="black_spot_unit"),
            models.Index(
                fields=["watched_at", "id"],
                name="black_spot_watch",
                condition=models.Q(watched_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Black spot {self.public_id}"


class BlackSpotReport(models.Model):
    black_spot = models.ForeignKey(BlackSpot, on_delete=models.CASCADE, related_name="report_links")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["black_spot", "report"], name="one_link_per_spot_and_report")]

    def __str__(self) -> str:
        return f"{self.black_spot_id} ↔ {self.report_id}"


class BlackSpotPlace(models.Model):
    black_spot = models.ForeignKey(BlackSpot, on_delete=models.CASCADE, related_name="place_links")
    place = models.ForeignKey(SensitivePlace, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["black_spot", "place"], name="one_link_per_spot_and_place")]

    def __str__(self) -> str:
        return f"{self.black_spot_id} ↔ {self.place_id}"


class BlackSpotPhoto(models.Model):
    """A photo cleaned like a report's (amane.reports.photos.clean_photo), served without metadata."""

    black_spot = models.ForeignKey(BlackSpot, on_delete=models.CASCADE, related_name="photos")
    public_id = models.CharField(max_length=16, unique=True)
    file = models.FileField(upload_to="photos/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.public_id


class BlackSpotAnswer(models.Model):
    """One public answer of the unit: its status, its text, its date and the unit's name."""

    black_spot = models.ForeignKey(BlackSpot, on_delete=models.CASCADE, related_name="answers")
    status = models.CharField(max_length=16, choices=BlackSpotStatus.choices)
    text = models.TextField(blank=True, max_length=ANSWER_TEXT_MAX)
    planned_for = models.DateField(null=True, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    # For the audit trail and the unit; the public sees the unit only.
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["black_spot", "at"], name="black_spot_answer_by_spot")]

    def __str__(self) -> str:
        return f"{self.black_spot_id}: {self.status}"


class BlackSpotEscalation(models.Model):
    """A missed deadline: the black spot went from its unit to that unit's parent (or stayed, if none)."""

    black_spot = models.ForeignKey(BlackSpot, on_delete=models.CASCADE, related_name="escalations")
    kind = models.CharField(max_length=16)
    due_at = models.DateTimeField()
    from_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["black_spot", "kind"], name="one_escalation_per_spot_deadline")]

    def __str__(self) -> str:
        return f"{self.black_spot_id} {self.kind}: {self.from_unit_id} → {self.to_unit_id}"

"""
Reports and their public timeline.

A report keeps two locations: the exact point the reporter gave, seen only by the
responsible authority, and a coarsened one (an H3 cell centre) that public pages show.
An anonymous report keeps no IP address, no user agent and only the day it was filed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from amane.core.actors import Role
from amane.geo.models import Area
from amane.reports import limits
from amane.reports.lifecycle import Status
from amane.reports.photos import THUMBNAIL_EDGE


class Category(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name_ar = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120)
    # Confidential reports (domestic violence, extremism concerns) are seen only by the
    # responsible authority: never on a public page, map, feed or API answer.
    confidential = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name_fr

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_ar


class ReportStatus(models.TextChoices):
    SUBMITTED = Status.SUBMITTED.value, _("Submitted")
    ACKNOWLEDGED = Status.ACKNOWLEDGED.value, _("Acknowledged")
    IN_PROGRESS = Status.IN_PROGRESS.value, _("In progress")
    RESOLVED = Status.RESOLVED.value, _("Resolved")
    REJECTED = Status.REJECTED.value, _("Rejected")
    DUPLICATE = Status.DUPLICATE.value, _("Duplicate")


class LocationPrecision(models.TextChoices):
    POINT = "point", _("Point on the map")
    COMMUNE = "commune", _("Commune only")


class Report(models.Model):
    public_id = models.CharField(max_length=12, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="reports")
    description = models.TextField(max_length=limits.DESCRIPTION_MAX)
    status = models.CharField(max_length=16, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates")

    # Private: the exact point and the place it falls in.
    lat = models.FloatField()
    lon = models.FloatField()
    location_precision = models.CharField(
        max_length=8, choices=LocationPrecision.choices, default=LocationPrecision.POINT
    )
    commune = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="reports")
    arrondissement = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")

    # Public: the coarsened point and its cells for aggregation.
    public_lat = models.FloatField()
    public_lon = models.FloatField()
    cell_r9 = models.CharField(max_length=16)
    cell_r7 = models.CharField(max_length=16)
    cell_r5 = models.CharField(max_length=16)

    occurred_at = models.DateTimeField()
    # The local day of occurred_at, stored: lists are ordered and filtered by it through an
    # index, where a per-row date function read every row (1.2 s at 1M reports).
    occurred_on = models.DateField()
    # The day only: a precise time could be matched against a phone operator's records.
    submitted_on = models.DateField()
    contact = models.CharField(max_length=limits.CONTACT_MAX, blank=True)

    receipt_selector = models.CharField(max_length=6, unique=True)
    receipt_hash = models.CharField(max_length=120)

    is_demo = models.BooleanField(default=False)
    # Hidden by community flags until a moderator decides (amane.flags, amane.reports.moderation).
    hidden = models.BooleanField(default=False)
    # Whether the public may see it: not confidential and not hidden, copied here so that each
    # public read is one index range (kept in step by amane.reports.services.category_save and
    # amane.reports.moderation.report_hidden_set).
    public = models.BooleanField(default=True)

    class Meta:
        ordering = ["-id"]
        # Each public list reads one of these backwards from its cursor and stops after a page:
        # the cost of a page does not grow with the table. The public point ends each one so
        # that a box can be checked in the index while walking it (amane.reports.selectors
        # chooses, for a box, between walking the order and reading the box then sorting).
        indexes = [
            models.Index(
                fields=["public", "occurred_on", "public_id", "public_lat", "public_lon"], name="report_public_order"
            ),
            models.Index(
                fields=["public", "commune", "occurred_on", "public_id", "public_lat", "public_lon"],
                name="report_public_commune",
            ),
            models.Index(
                fields=["public", "category", "occurred_on", "public_id", "public_lat", "public_lon"],
                name="report_public_category",
            ),
            models.Index(
                fields=["public", "status", "occurred_on", "public_id", "public_lat", "public_lon"],
                name="report_public_status",
            ),
            # Everything a box and its filters test, so that a box is read from the index alone.
            models.Index(
                fields=[
                    "public",
                    "public_lat",
                    "public_lon",
                    "category",
                    "status",
                    "commune",
                    "occurred_on",
                    "public_id",
                    "id",
                ],
                name="report_public_box",
            ),
            models.Index(fields=["commune", "status"]),
        ]

    def __str__(self) -> str:
        return f"Report {self.public_id}"


class ActorRole(models.TextChoices):
    REPORTER = Role.REPORTER.value, _("Reporter")
    AUTHORITY = Role.AUTHORITY.value, _("Authority")
    SYSTEM = Role.SYSTEM.value, _("Amane")


class ReportEvent(models.Model):
    """One step of a report's public timeline."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=16, choices=ReportStatus.choices)
    # Reporter events carry the day only (midnight), for the same reason as submitted_on.
    at = models.DateTimeField()
    actor_role = models.CharField(max_length=16, choices=ActorRole.choices)
    message = models.TextField(blank=True, max_length=limits.STATUS_MESSAGE_MAX)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.status}"


class PhotoReview(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REMOVED = "removed", _("Removed")


class Photo(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    public_id = models.CharField(max_length=16, unique=True)
    file = models.FileField(upload_to="photos/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField()
    # A moderator's first look (AMANE_PHOTOS_PREMODERATED): a face or a plate number must not
    # reach the public before someone has seen it. The reporter and the units see it meanwhile.
    review = models.CharField(max_length=12, choices=PhotoReview.choices, default=PhotoReview.PENDING)
    # Hidden by community flags until a moderator decides (amane.flags).
    hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]
        # The moderators' queue of photos to look at, oldest first.
        indexes = [models.Index(fields=["review", "id"], name="photo_review_queue")]

    def __str__(self) -> str:
        return self.public_id

    @property
    def thumbnail_width(self) -> int:
        return self._thumbnail_size()[0]

    @property
    def thumbnail_height(self) -> int:
        return self._thumbnail_size()[1]

    def _thumbnail_size(self) -> tuple[int, int]:
        """Return the thumbnail's size (amane.reports.photos.THUMBNAIL_EDGE), as near as a page needs it."""
        scale = min(1.0, THUMBNAIL_EDGE / max(self.width, self.height, 1))
        return max(1, round(self.width * scale)), max(1, round(self.height * scale))


class IdempotencyRecord(models.Model):
    """The first answer to a request filed with an Idempotency-Key, for a retry to get again."""

    # Hashes of the client's key and of its request: the key itself is never stored.
    key_digest = models.CharField(max_length=64, unique=True)
    request_digest = models.CharField(max_length=64)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    # The receipt code, sealed under the key (amane.reports.idempotency).
    sealed_receipt = models.CharField(max_length=128)
    # The day only, like the report's: records older than a day or two are deleted.
    created_on = models.DateField(db_index=True)

    def __str__(self) -> str:
        return f"Idempotency record of {self.report_id}"


class CellTally(models.Model):
    """
    How many public reports of a category and status lie in one H3 cell of one commune.

    Kept by the services in the same transaction as the report write (amane.reports.tallies),
    so that the map's counts read a few thousand rows whatever the number of reports. Only
    public reports are counted: staff and officers count from the reports themselves.
    """

    resolution = models.PositiveSmallIntegerField()
    cell = models.CharField(max_length=16)
    # The cell's centre, for the map's box.
    lat = models.FloatField()
    lon = models.FloatField()
    commune = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=ReportStatus.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "cell", "commune", "category", "status"], name="cell_tally_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["resolution", "lat", "lon", "category", "status", "cell", "count"], name="cell_tally_box"
            ),
            models.Index(
                fields=["commune", "resolution", "category", "status", "cell", "lat", "lon", "count"],
                name="cell_tally_commune",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cell} {self.category_id} {self.status}: {self.count}"


class CellTotal(models.Model):
    """All public reports in one H3 cell: what the unfiltered map asks for, one row per cell."""

    resolution = models.PositiveSmallIntegerField()
    cell = models.CharField(max_length=16)
    lat = models.FloatField()
    lon = models.FloatField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["resolution", "cell"], name="cell_total_key")]
        indexes = [models.Index(fields=["resolution", "lat", "lon", "cell", "count"], name="cell_total_box")]

    def __str__(self) -> str:
        return f"{self.cell}: {self.count}"


class MonthTally(models.Model):
    """
    How many public reports of a category occurred in one commune in one month.

    Kept with the cell tallies (amane.reports.tallies), in the same transaction as the report
    write, for the observatory's trends: a country's 24 months read a few thousand rows.
    The province and region are copied in so that their trends read one index range.
    """

    month = models.DateField()  # the first day of the month
    commune = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "commune", "category"], name="month_tally_key")]
        indexes = [
            models.Index(fields=["month", "category", "count"], name="month_tally_country"),
            models.Index(fields=["region", "month", "category", "count"], name="month_tally_region"),
            models.Index(fields=["province", "month", "category", "count"], name="month_tally_province"),
            models.Index(fields=["commune", "month", "category", "count"], name="month_tally_commune"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.commune_id} {self.category_id}: {self.count}"

"""
Announcements: what an authority unit tells the people of the places it covers.

A pashalik announces a road closed for a festival, a caïdat a meeting with the parents of a
school; an urgent one (a flood warning, a missing child) runs as a ticker on every page of
its area until it expires. An announcement is for communes, provinces or a region; by
default, for the whole coverage of its unit. Its bodies are rich text, already cleaned by
amane.announcements.sanitise when they are stored.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amane.authorities.models import Unit
from amane.geo.models import Area

TITLE_MAX = 200
BODY_MAX = 5000


class Announcement(models.Model):
    public_id = models.CharField(max_length=12, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    areas: "models.ManyToManyField[Area, AnnouncementArea]" = models.ManyToManyField(
        Area, through="AnnouncementArea", related_name="+"
    )
    title_ar = models.CharField(_("title in Arabic"), max_length=TITLE_MAX)
    title_fr = models.CharField(_("title in French"), max_length=TITLE_MAX, blank=True)
    body_ar = models.TextField(_("text in Arabic"))
    body_fr = models.TextField(_("text in French"), blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    publishes_at = models.DateTimeField(_("published from"))
    expires_at = models.DateTimeField(_("until"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Set by community flags (amane.flags) when enough people flag it: it leaves public pages.
    hidden = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-publishes_at", "-id"]
        indexes = [models.Index(fields=["unit", "publishes_at"], name="announcement_by_unit")]

    def __str__(self) -> str:
        return f"Announcement {self.public_id}"

    def title(self, language: str) -> str:
        return self.title_fr if language == "fr" and self.title_fr else self.title_ar

    def body(self, language: str) -> str:
        return self.body_fr if language == "fr" and self.body_fr else self.body_ar


class AnnouncementArea(models.Model):
    """
    One area an announcement is for, with the announcement's dates and urgency copied here
    (kept in step by amane.announcements.services), so that the ticker of a commune and its
    feed are each one range of an index of this table.
    """

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="area_links")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    urgent = models.BooleanField(default=False)
    publishes_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    withdrawn = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["announcement", "area"], name="one_link_per_announcement_and_area")
        ]
        indexes = [
            models.Index(fields=["area", "withdrawn", "urgent", "expires_at"], name="announcement_ticker"),
            models.Index(fields=["area", "withdrawn", "publishes_at"], name="announcement_by_area"),
        ]

    def __str__(self) -> str:
        return f"{self.announcement_id} for {self.area_id}"

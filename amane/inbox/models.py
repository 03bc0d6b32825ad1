"""What officers write about a report for each other: internal notes, never shown to the public."""

from django.conf import settings
from django.db import models

from amane.authorities.models import Unit
from amane.reports.models import Report

NOTE_MAX = 2000


class InternalNote(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="internal_notes")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=NOTE_MAX)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["report", "at"], name="note_by_report")]

    def __str__(self) -> str:
        return f"note on {self.report_id} by {self.author_id}"


class Assignment(models.Model):
    """Which officer of the responsible unit follows a report (one at a time)."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="assignment")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.report_id} → {self.assignee_id}"


class ReplyTemplate(models.Model):
    """A public answer officers reuse, in both languages; for one unit, or for every unit when none."""

    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title_ar = models.CharField(max_length=80)
    title_fr = models.CharField(max_length=80)
    body_ar = models.TextField(max_length=2000)
    body_fr = models.TextField(max_length=2000)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title_fr

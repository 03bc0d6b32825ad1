"""
A private thread between the unit responsible for a report and its anonymous reporter.

The officer asks ("Which door of the market?"), the reporter answers on the tracking page
with their receipt code, a photo if it helps. Nothing here is public: no public page, map,
feed or API answer reads this table. Which officer wrote is kept for the audit and the
unit's own view, never shown to the reporter.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amane.authorities.models import Unit
from amane.conversations import limits
from amane.reports.models import Report


class Author(models.TextChoices):
    OFFICER = "officer", _("Authority")
    REPORTER = "reporter", _("Reporter")


class Message(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=8, choices=Author.choices)
    body = models.TextField(max_length=limits.BODY_MAX)
    # Cleaned like a report's photos (re-encoded, no metadata); served only to those who may read the thread.
    photo = models.FileField(upload_to="messages/", blank=True)
    photo_public_id = models.CharField(max_length=16, blank=True)
    photo_width = models.PositiveIntegerField(null=True, blank=True)
    photo_height = models.PositiveIntegerField(null=True, blank=True)
    # The unit that wrote (an officer's message); null for the reporter.
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The reporter's messages carry the day only (midnight), like the report's own times:
    # a precise time could be matched against a phone operator's records.
    created_at = models.DateTimeField()

    class Meta:
        # By id, not time: a reporter's answer stamped at midnight still follows the question it answers.
        ordering = ["id"]
        indexes = [models.Index(fields=["report", "id"], name="message_by_report")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(author="officer", unit__isnull=False)
                | models.Q(author="reporter", unit__isnull=True, officer__isnull=True),
                name="message_author_fields",
            ),
            models.UniqueConstraint(
                fields=["photo_public_id"], condition=~models.Q(photo_public_id=""), name="message_photo_public_id"
            ),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} on {self.report_id} ({self.author})"

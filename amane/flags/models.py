"""
Community flags and the moderation cases they open.

A flag is one person's word that a piece of content (a report, a photo, and whatever else
registers in amane.flags.registry) should not be public, with a reason. Once enough distinct
people flagged it (amane.flags.conf), the content is hidden and a case waits for a moderator,
who restores or removes it. The flags that opened a case belong to it: after a restore they
are spent, and the content needs as many new flaggers to be hidden again.

No row holds an address or a user agent: a flagger is a key (amane.flags.flaggers).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amane.flags import limits


class FlagReason(models.TextChoices):
    MISLEADING = "misleading", _("False or misleading")
    PERSONAL_DATA = "personal_data", _("Personal data exposed")
    ABUSIVE = "abusive", _("Hateful or abusive")
    NOT_SAFETY = "not_safety", _("Not a safety problem")
    OTHER = "other", _("Other")


class CaseState(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    RESTORED = "restored", _("Restored")
    REMOVED = "removed", _("Removed")


class ModerationCase(models.Model):
    """Content hidden by flags, waiting for a moderator's decision, and that decision."""

    kind = models.CharField(max_length=limits.KIND_MAX)
    target_id = models.CharField(max_length=limits.TARGET_MAX)
    state = models.CharField(max_length=12, choices=CaseState.choices, default=CaseState.PENDING)
    flag_count = models.PositiveIntegerField()
    opened_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=limits.TEXT_MAX, blank=True)

    class Meta:
        constraints = [
            # One open case per content: two flags racing past the threshold open one.
            models.UniqueConstraint(
                fields=["kind", "target_id"], condition=models.Q(state="pending"), name="one_pending_case"
            )
        ]
        indexes = [
            # The queue: pending cases, oldest first, read from a cursor.
            models.Index(fields=["state", "id"], name="moderation_queue"),
            models.Index(fields=["kind", "target_id", "state"], name="moderation_case_target"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.target_id}: {self.state}"


class Flag(models.Model):
    kind = models.CharField(max_length=limits.KIND_MAX)
    target_id = models.CharField(max_length=limits.TARGET_MAX)
    reason = models.CharField(max_length=16, choices=FlagReason.choices)
    text = models.CharField(max_length=limits.TEXT_MAX, blank=True)
    # amane.flags.flaggers: a keyed hash, never an address or an account id.
    flagger_key = models.CharField(max_length=64)
    # The case this flag helped open; none while it still counts towards hiding.
    case = models.ForeignKey(ModerationCase, null=True, blank=True, on_delete=models.PROTECT, related_name="flags")
    # An anonymous visitor's flag carries the day only, like a report's filing (its exact time
    # could be matched against a server's access log).
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "target_id", "flagger_key"], name="one_flag_per_flagger")
        ]
        indexes = [models.Index(fields=["kind", "target_id", "case"], name="flag_live_count")]

    def __str__(self) -> str:
        return f"{self.kind} {self.target_id}: {self.reason}"

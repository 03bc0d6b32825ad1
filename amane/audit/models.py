"""
The audit trail: one row for every write, saying who did what to which record.

Rows are written in the transaction of the write they describe, so there is never a change
without its row nor a row without its change. For an anonymous reporter the row keeps the
day only and no user, like the report itself. Rows are never changed nor removed: the
database refuses it (amane.audit.guard), and each row carries the hash of the one before
(amane.audit.chain), which `amane audit verify` checks.
"""

import datetime as dt

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    at = models.DateTimeField()
    # What was done, as "<domain>.<verb>": "report.submit", "report.status".
    action = models.CharField(max_length=40)
    actor_role = models.CharField(max_length=16)
    # PROTECT: a user named in the trail is deactivated, never deleted (that would rewrite rows).
    actor_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    is_demo = models.BooleanField(default=False)
    # The record acted on, by its public id: audit rows outlive nothing they name.
    target_type = models.CharField(max_length=40)
    target_id = models.CharField(max_length=40)
    details = models.JSONField(default=dict, blank=True)
    # What the record looked like before and after, for the fields the action changed.
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    previous_hash = models.CharField(max_length=64, default="")
    entry_hash = models.CharField(max_length=64, default="")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["target_type", "target_id", "id"], name="audit_target")]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}:{self.target_id}"

    def chained_fields(self) -> dict[str, object]:
        """What the entry's hash covers: everything but its id and the hashes themselves."""
        return {
            "at": self.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "action": self.action,
            "actor_role": self.actor_role,
            "actor_user": self.actor_user_id,
            "is_demo": self.is_demo,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "details": self.details,
            "before": self.before,
            "after": self.after,
        }

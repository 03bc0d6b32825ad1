"""
The audit trail: one row for every write, saying who did what to which record.

Rows are written in the transaction of the write they describe, so there is never a change
without its row nor a row without its change. For an anonymous reporter the row keeps the
day only and no user, like the report itself.
"""

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    at = models.DateTimeField()
    # What was done, as "<domain>.<verb>": "report.submit", "report.status".
    action = models.CharField(max_length=40)
    actor_role = models.CharField(max_length=16)
    actor_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    is_demo = models.BooleanField(default=False)
    # The record acted on, by its public id: audit rows outlive nothing they name.
    target_type = models.CharField(max_length=40)
    target_id = models.CharField(max_length=40)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["target_type", "target_id", "id"], name="audit_target")]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}:{self.target_id}"

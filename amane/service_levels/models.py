"""
Service levels per category, each report's deadlines, and the escalations that missed ones caused.

The rules themselves (when a report is due, what the national bounds are) live in
amane.service_levels.deadlines, without Django; here they are stored and indexed so that
the sweep reads only the reports whose deadline has passed, whatever the number of reports.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from amane.authorities.models import Unit
from amane.reports.models import Category, Report
from amane.service_levels import deadlines
from amane.service_levels.deadlines import Kind

LEVEL_MESSAGES = {
    ("acknowledge_hours", "too_small"): _("Give at least one hour to acknowledge a report."),
    ("acknowledge_hours", "above_national_rule"): _(
        "At most 360 hours (15 days): the national complaints rules allow no longer to acknowledge a report."
    ),
    ("resolve_days", "too_small"): _("Give at least one day to resolve a report."),
    ("resolve_days", "above_national_rule"): _(
        "At most 60 days: the national complaints rules allow no longer to answer a report."
    ),
    ("resolve_days", "before_acknowledge"): _("The time to resolve cannot be shorter than the time to acknowledge."),
}


class DeadlineKind(models.TextChoices):
    ACKNOWLEDGE = Kind.ACKNOWLEDGE.value, _("Acknowledge")
    RESOLVE = Kind.RESOLVE.value, _("Resolve")


class ServiceLevel(models.Model):
    """What a category promises: hours to acknowledge a report and days to resolve it."""

    category = models.OneToOneField(Category, on_delete=models.CASCADE, related_name="service_level")
    acknowledge_hours = models.PositiveIntegerField(
        _("hours to acknowledge"), default=deadlines.DEFAULT_ACKNOWLEDGE_HOURS
    )
    resolve_days = models.PositiveIntegerField(_("days to resolve"), default=deadlines.DEFAULT_RESOLVE_DAYS)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category__position", "category__code"]

    def __str__(self) -> str:
        return f"{self.category_id}: {self.acknowledge_hours} h / {self.resolve_days} d"

    def clean(self) -> None:
        problems = deadlines.levels_problems(self.levels())
        if problems:
            raise ValidationError(
                {field: ValidationError(LEVEL_MESSAGES[field, code], code=code) for field, code in problems.items()}
            )

    def levels(self) -> deadlines.Levels:
        return deadlines.Levels(acknowledge_hours=self.acknowledge_hours, resolve_days=self.resolve_days)


class ReportDeadline(models.Model):
    """
    A report's two deadlines, fixed when it is filed, and which of them are still watched.

    A watched column holds its deadline until the deadline is met (the report acknowledged or
    closed) or escalated, then null: the sweep reads `<watched> <= now` through an index that
    holds only the watched rows, so its cost follows the reports due, not all reports.
    """

    report = models.OneToOneField(Report, on_delete=models.CASCADE, primary_key=True, related_name="deadline")
    acknowledge_by = models.DateTimeField()
    resolve_by = models.DateTimeField()
    acknowledge_watched = models.DateTimeField(null=True, blank=True)
    resolve_watched = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["acknowledge_watched", "report"],
                name="deadline_acknowledge_watch",
                condition=models.Q(acknowledge_watched__isnull=False),
            ),
            models.Index(
                fields=["resolve_watched", "report"],
                name="deadline_resolve_watch",
                condition=models.Q(resolve_watched__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: acknowledge by {self.acknowledge_by}, resolve by {self.resolve_by}"


class Escalation(models.Model):
    """
    A missed deadline, moved up the tree once: the responsible unit handed the report to its parent.

    `to_unit` is empty when there was no parent (a wilaya, or a report no unit serves) and
    the report stayed where it was; the row still records that the deadline was missed.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="escalations")
    kind = models.CharField(max_length=16, choices=DeadlineKind.choices)
    due_at = models.DateTimeField()
    from_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "kind"], name="one_escalation_per_deadline")]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}: {self.from_unit_id} → {self.to_unit_id}"


class SweepMark(models.Model):
    """
    How far the sweep has looked for reports filed without deadlines (one row).

    Reports filed through the services get their deadlines in the filing's transaction; the
    ones written around them (bulk loads, benchmarks) get theirs when the sweep first sees
    them, by id past this mark, so that no sweep reads the whole table twice.
    """

    reports_seen_up_to = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"reports seen up to {self.reports_seen_up_to}"

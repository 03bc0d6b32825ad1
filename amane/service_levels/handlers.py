"""
A report's deadlines follow the report in the transaction that writes it.

Django's post_save is sent inside that transaction (amane.reports.signals' report_filed
comes after the commit, too late to keep the two in step), so a report is never filed
without its deadlines, nor acknowledged while its acknowledgement is still watched.
"""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from amane.reports.models import Report
from amane.service_levels.services import report_deadline_follow, report_deadline_start


@receiver(post_save, sender=Report, dispatch_uid="service_levels.report_saved")
def report_saved(sender: type[Report], instance: Report, created: bool, raw: bool, **kwargs: Any) -> None:
    if raw:
        return
    if created:
        report_deadline_start(report=instance)
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is None or "status" in update_fields:
        report_deadline_follow(report=instance)

"""
Reads of deadlines for lists that highlight or filter overdue reports (the officer's inbox).

These narrow a queryset of reports the caller already scoped to its viewer; they widen nothing.
"""

import datetime as dt

from django.db.models import Q

from amane.reports.lifecycle import OPEN, Status


def overdue_q(*, now: dt.datetime) -> Q:
    """Return the condition, on Report, of a report overdue now: still waiting past a deadline."""
    return Q(status=Status.SUBMITTED.value, deadline__acknowledge_by__lte=now) | Q(
        status__in=[status.value for status in OPEN], deadline__resolve_by__lte=now
    )


def overdue_among(*, report_ids: list[int], now: dt.datetime) -> set[int]:
    """Which of these reports (a page the caller already read) are overdue now."""
    from amane.reports.models import Report

    return set(Report.objects.filter(pk__in=report_ids).filter(overdue_q(now=now)).values_list("pk", flat=True))

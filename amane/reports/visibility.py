"""
The visibility gate for reports: one rule, as a query filter and for a single report.

Selectors filter with `visible_filter`; whatever shows one report's neighbour (the
original a duplicate repeats) asks `original_shown_to`. Nothing else decides.
"""

from django.db.models import Q

from amane.authorities.models import ReportRouting
from amane.authorities.selectors import routed_to
from amane.core.viewer import Viewer
from amane.reports.models import Report


def public_only(viewer: Viewer) -> bool:
    """Whether the viewer sees what the public sees and nothing more (so the public tallies answer them)."""
    return not viewer.is_staff and not viewer.acts_for_units


def visible_filter(viewer: Viewer) -> Q:
    # Written as IN: SQLite then reads the public indexes by their first column instead of
    # skip-scanning them, a plan that grew with the table.
    public = Q(public__in=(True,))
    if viewer.is_staff:
        return Q()
    if viewer.acts_for_units:
        # Routing wrote a row for every unit a report reached and for each of their parents.
        routed = ReportRouting.objects.filter(unit_id__in=sorted(viewer.unit_ids)).values("report_id")
        return public | Q(pk__in=routed)
    return public


def original_shown_to(viewer: Viewer, report: Report) -> str | None:
    """The public id of the report this one repeats, if the viewer may see that one too."""
    original = report.duplicate_of
    if original is None:
        return None
    if not original.category.confidential or viewer.is_staff:
        return original.public_id
    # Only an officer gets here, so only an officer's view costs the look-up of the routing.
    if viewer.acts_for_units and routed_to(report_id=original.pk, unit_ids=viewer.unit_ids):
        return original.public_id
    return None

"""
The visibility gate for reports: one rule, as a query filter and for a single report.

Selectors filter with `visible_filter`; whatever shows one report's neighbour (the
original a duplicate repeats) asks `original_shown_to`. Nothing else decides.
"""

from django.db.models import Q

from amane.core.viewer import Viewer, ViewerRole
from amane.reports.models import Report

# The areas a report is filed in, as the viewer's unit codes name them.
AREA_FIELDS = ("commune__code", "arrondissement__code", "province__code")


def public_only(viewer: Viewer) -> bool:
    """Whether the viewer sees what the public sees and nothing more (so the public tallies answer them)."""
    return not viewer.is_staff and not (viewer.role == ViewerRole.OFFICER and viewer.unit_codes)


def visible_filter(viewer: Viewer) -> Q:
    # Written as IN: SQLite then reads the public indexes by their first column instead of
    # skip-scanning them, a plan that grew with the table.
    public = Q(public__in=(True,))
    if viewer.is_staff:
        return Q()
    if viewer.role == ViewerRole.OFFICER and viewer.unit_codes:
        answered = Q()
        for field in AREA_FIELDS:
            answered |= Q(**{f"{field}__in": sorted(viewer.unit_codes)})
        return public | answered
    return public


def _area_codes(report: Report) -> list[str]:
    areas = (report.commune, report.arrondissement, report.province)
    return [area.code for area in areas if area is not None]


def original_shown_to(viewer: Viewer, report: Report) -> str | None:
    """The public id of the report this one repeats, if the viewer may see that one too."""
    original = report.duplicate_of
    if original is None:
        return None
    if not original.category.confidential or viewer.is_staff:
        return original.public_id
    # Only an officer gets here, so only an officer's view costs the look-up of the areas.
    return original.public_id if viewer.answers_for(_area_codes(original)) else None

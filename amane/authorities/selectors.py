"""Reads of authority units. A unit's names, kind and place in the tree are public."""

from django.utils.translation import gettext_lazy as _

from amane.authorities.models import ReportRouting, RoutingRole, Unit
from amane.core.errors import NotFound


def unit_by_code(*, code: str) -> Unit:
    """Return the unit with this code and its parent, or raise NotFound."""
    unit = Unit.objects.select_related("parent").filter(code=code).first()
    if unit is None:
        raise NotFound(_("No unit has this code."))
    return unit


def report_routing(*, report_id: int) -> tuple[Unit | None, list[Unit]]:
    """The unit responsible for a report (None while unrouted) and the units in copy, by name."""
    rows = (
        ReportRouting.objects.filter(report_id=report_id, role__in=[RoutingRole.RESPONSIBLE, RoutingRole.COPY])
        .select_related("unit")
        .order_by("unit__code")
    )
    responsible, copies = None, []
    for row in rows:
        if row.role == RoutingRole.RESPONSIBLE:
            responsible = row.unit
        else:
            copies.append(row.unit)
    return responsible, copies

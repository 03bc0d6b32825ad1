"""Reads of authority units. A unit's names, kind and place in the tree are public."""

from django.utils.translation import gettext_lazy as _

from amane.authorities.models import Membership, MembershipRole, ReportRouting, RoutingRole, Unit
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


def memberships_of(*, user_id: int) -> tuple[set[int], set[int]]:
    """The ids of the units a person acts for, and of those they head."""
    units, heads = set(), set()
    for unit_id, role in Membership.objects.filter(user_id=user_id).values_list("unit_id", "role"):
        units.add(unit_id)
        if role == MembershipRole.HEAD:
            heads.add(unit_id)
    return units, heads


def routed_to(*, report_id: int, unit_ids: frozenset[int]) -> bool:
    """Whether a report reached any of these units (as responsible, in copy or from above)."""
    return ReportRouting.objects.filter(report_id=report_id, unit_id__in=sorted(unit_ids)).exists()

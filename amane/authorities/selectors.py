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


def transfer_candidates(*, report_id: int, responsible: Unit | None) -> list[Unit]:
    """Where a report is usually handed on: the units it reached, and those under the responsible one."""
    reached = Unit.objects.filter(pk__in=ReportRouting.objects.filter(report_id=report_id).values("unit_id"))
    below = Unit.objects.filter(parent=responsible) if responsible is not None else Unit.objects.none()
    units = {unit.pk: unit for unit in [*reached, *below]}
    if responsible is not None:
        units.pop(responsible.pk, None)
    return sorted(units.values(), key=lambda unit: unit.code)


def unit_officers(*, unit: Unit) -> list[tuple[int, str]]:
    """The people who act for a unit, as (user id, the name they sign in with)."""
    memberships = Membership.objects.filter(unit=unit).select_related("user").order_by("user__username")
    return [(m.user_id, m.user.get_full_name() or m.user.get_username()) for m in memberships]


def head_emails(*, unit: Unit) -> list[str]:
    """Where to tell a unit's heads that something needs them: the e-mail of each, if they gave one."""
    heads = Membership.objects.filter(unit=unit, role=MembershipRole.HEAD).exclude(user__email="")
    return sorted(heads.values_list("user__email", flat=True))

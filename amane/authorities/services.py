"""Writes of authority units and routing rules, each with its audit row."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from amane.audit.services import audit_record
from amane.authorities.models import ReportRouting, RoutingRole, RoutingRule, Unit, UnitCoverage
from amane.authorities.routing import Routing, route, units_seeing
from amane.core.actors import Actor
from amane.core.errors import InvalidInput
from amane.geo.models import Area, AreaKind
from amane.reports.models import Report

# What a unit may cover: a cercle of the census is covered through its communes.
COVERABLE_KINDS = (AreaKind.REGION, AreaKind.PROVINCE, AreaKind.COMMUNE, AreaKind.ARRONDISSEMENT)


def _invalid(error: ValidationError) -> InvalidInput:
    return InvalidInput(fields={name: list(messages) for name, messages in error.message_dict.items()})


def unit_save(*, actor: Actor, unit: Unit, area_codes: Iterable[str] | None = None) -> Unit:
    """Create or change a unit and, when `area_codes` is given, replace the areas it covers."""
    try:
        unit.full_clean()
    except ValidationError as error:
        raise _invalid(error) from error
    areas: list[Area] | None = None
    if area_codes is not None:
        codes = sorted(set(area_codes))
        areas = list(Area.objects.filter(code__in=codes, kind__in=COVERABLE_KINDS))
        unknown = sorted(set(codes) - {area.code for area in areas})
        if unknown:
            message = _("Unknown area codes: %(codes)s.") % {"codes": ", ".join(unknown)}
            raise InvalidInput(fields={"areas": [message]})
    with transaction.atomic():
        created = unit.pk is None
        unit.save()
        if areas is not None:
            UnitCoverage.objects.filter(unit=unit).exclude(area__in=areas).delete()
            UnitCoverage.objects.bulk_create(
                [UnitCoverage(unit=unit, area=area) for area in areas], ignore_conflicts=True
            )
        audit_record(
            actor=actor,
            action="unit.create" if created else "unit.update",
            target_type="unit",
            target_id=unit.code,
            details={
                "kind": unit.kind,
                "parent": unit.parent.code if unit.parent else None,
                "areas": None if areas is None else sorted(area.code for area in areas),
                "drawn": unit.drawn_area is not None,
            },
        )
    return unit


def routing_rule_save(*, actor: Actor, rule: RoutingRule) -> RoutingRule:
    """Create or change one routing rule; a category keeps at most one responsible kind."""
    try:
        rule.full_clean()
    except ValidationError as error:
        raise _invalid(error) from error
    with transaction.atomic():
        created = rule.pk is None
        rule.save()
        audit_record(
            actor=actor,
            action="routing_rule.create" if created else "routing_rule.update",
            target_type="routing_rule",
            target_id=str(rule.pk),
            details={
                "category": rule.category.code,
                "kind": rule.kind,
                "responsible": rule.responsible,
                "position": rule.position,
            },
        )
    return rule


def _routing_rows(report: Report, routing: Routing) -> list[ReportRouting]:
    roles: dict[int, tuple[Unit, str]] = {}
    named = ([routing.responsible] if routing.responsible else []) + routing.copies
    for unit in named:
        for seeing in units_seeing(unit)[1:]:
            roles.setdefault(seeing.pk, (seeing, RoutingRole.OVERSIGHT))
    for unit in routing.copies:
        roles[unit.pk] = (unit, RoutingRole.COPY)
    if routing.responsible is not None:
        roles[routing.responsible.pk] = (routing.responsible, RoutingRole.RESPONSIBLE)
    return [
        ReportRouting(report=report, unit=unit, role=role, occurred_on=report.occurred_on)
        for unit, role in roles.values()
    ]


def report_route(*, actor: Actor, report: Report) -> Routing:
    """
    Send a report just filed to the units that cover its place for its category, inside the
    filing's transaction; a report that no unit covers stays unrouted, and says so in the audit.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A report is routed inside the transaction that files it.")
    areas = (report.arrondissement, report.commune, report.province, report.region)
    routing = route(
        category_id=report.category_id,
        lon=report.lon,
        lat=report.lat,
        area_codes=[area.code for area in areas if area is not None],
    )
    if report.category.confidential:
        # Confidential reports are seen by the responsible unit and those above it only.
        routing = Routing(responsible=routing.responsible)
    ReportRouting.objects.bulk_create(_routing_rows(report, routing))
    audit_record(
        actor=actor,
        action="report.route",
        target_type="report",
        target_id=report.public_id,
        after={
            "responsible": routing.responsible.code if routing.responsible else None,
            "copies": [unit.code for unit in routing.copies],
        },
    )
    return routing


TRANSFER_REASON_MAX = 500


def responsibility_move(*, report: Report, to_unit: Unit) -> Unit | None:
    """
    Make `to_unit` answer for a report; the unit that answered stays in copy, and every parent
    of `to_unit` sees the report. Returns the unit that answered before (None if unrouted).
    The caller holds a transaction and has locked the report.
    """
    rows = {row.unit_id: row for row in ReportRouting.objects.select_related("unit").filter(report=report)}
    current = next((row for row in rows.values() if row.role == RoutingRole.RESPONSIBLE), None)
    if current is not None and current.unit_id == to_unit.pk:
        return current.unit
    if current is not None:
        current.role = RoutingRole.COPY
        current.save(update_fields=["role"])
    target = rows.get(to_unit.pk)
    if target is not None:
        target.role = RoutingRole.RESPONSIBLE
        target.save(update_fields=["role"])
    else:
        ReportRouting.objects.create(
            report=report, unit=to_unit, role=RoutingRole.RESPONSIBLE, occurred_on=report.occurred_on
        )
    ReportRouting.objects.bulk_create(
        [
            ReportRouting(report=report, unit=parent, role=RoutingRole.OVERSIGHT, occurred_on=report.occurred_on)
            for parent in units_seeing(to_unit)[1:]
            if parent.pk not in rows
        ]
    )
    return current.unit if current is not None else None


def report_transfer(*, actor: Actor, report: Report, to_unit: Unit, reason: str) -> Unit | None:
    """Hand a report to another unit, with the reason; both the move and its audit row, or neither."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(fields={"reason": [_("Say why the report goes to that unit.")]})
    if len(reason) > TRANSFER_REASON_MAX:
        message = _("The reason may have at most %(limit)d characters.") % {"limit": TRANSFER_REASON_MAX}
        raise InvalidInput(fields={"reason": [message]})
    with transaction.atomic():
        Report.objects.select_for_update().filter(pk=report.pk).values_list("pk", flat=True).first()
        previous = responsibility_move(report=report, to_unit=to_unit)
        if previous is not None and previous.pk == to_unit.pk:
            raise InvalidInput(fields={"to_unit": [_("The report is already with this unit.")]})
        audit_record(
            actor=actor,
            action="report.transfer",
            target_type="report",
            target_id=report.public_id,
            details={"reason": reason},
            before={"responsible": previous.code if previous else None},
            after={"responsible": to_unit.code},
        )
    return previous


def report_route_again(*, actor: Actor, report: Report) -> Routing | None:
    """Route an unrouted report again (after a unit or a rule was added); a routed one is left alone."""
    with transaction.atomic():
        if ReportRouting.objects.filter(report=report, role=RoutingRole.RESPONSIBLE).exists():
            return None
        ReportRouting.objects.filter(report=report).delete()
        return report_route(actor=actor, report=report)

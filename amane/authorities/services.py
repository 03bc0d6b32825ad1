"""Writes of authority units and routing rules, each with its audit row."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from amane.audit.services import audit_record
from amane.authorities.models import RoutingRule, Unit, UnitCoverage
from amane.core.actors import Actor
from amane.core.errors import InvalidInput
from amane.geo.models import Area, AreaKind

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

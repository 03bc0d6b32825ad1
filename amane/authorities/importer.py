"""
Units generated from the census geography, and the write that brings the database in line.

`national_plan` reads geo.Area and says which units the whole country needs: a wilaya per
region, a province or prefecture unit per province-level area (by its subtype), and per
commune its council and either a police unit (urban commune) or a gendarmerie brigade
(rural commune), each under its province's unit. `units_sync` writes any such plan by
code: it creates what is missing, updates what differs, and leaves the rest untouched, so
a rerun writes nothing. Every write is a bulk one (3,000 units in about a second).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from amane.audit.services import audit_record
from amane.authorities.models import Unit, UnitCoverage, UnitKind
from amane.authorities.routing import forget_routing_index
from amane.core.actors import Actor
from amane.geo.models import Area, AreaKind, CommuneType, ProvinceType

Progress = Callable[[int], None]
_FRENCH_VOWELS = tuple("AEIOUYÂÀÉÈÊÎÏÔÛaeiouy")


@dataclass(frozen=True)
class PlannedUnit:
    code: str
    name_ar: str
    name_fr: str
    kind: str
    parent_code: str | None
    area_codes: tuple[str, ...] = ()
    drawn_area: dict[str, Any] | None = None
    is_demo: bool = False


@dataclass
class SyncCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    coverage_added: int = 0
    coverage_removed: int = 0
    unknown_areas: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.coverage_added or self.coverage_removed)


def french_of(name: str) -> str:
    """Return "de Taroudannt" or "d'Oulad Teima", as French elides before a vowel."""
    return f"d'{name}" if name.startswith(_FRENCH_VOWELS) else f"de {name}"


def arabic_for(name: str) -> str:
    """Return the name after the preposition li-: "لتارودانت", and "للكردان" for a name with al-."""
    return f"لل{name[2:]}" if name.startswith("ال") else f"ل{name}"


def _province_unit(area: Area) -> PlannedUnit:
    if area.subtype == ProvinceType.PROVINCE:
        kind, name_ar, name_fr = UnitKind.PROVINCE, f"إقليم {area.name_ar}", f"Province {french_of(area.name_fr)}"
    elif area.subtype == ProvinceType.PREFECTURE_OF_ARRONDISSEMENTS:
        kind = UnitKind.PREFECTURE
        name_ar = f"عمالة مقاطعات {area.name_ar}"
        name_fr = f"Préfecture d'arrondissements {french_of(area.name_fr)}"
    else:
        kind, name_ar, name_fr = UnitKind.PREFECTURE, f"عمالة {area.name_ar}", f"Préfecture {french_of(area.name_fr)}"
    region_code = area.region.code if area.region else area.parent.code if area.parent else None
    return PlannedUnit(
        code=province_unit_code(area.code, area.subtype),
        name_ar=name_ar,
        name_fr=name_fr,
        kind=kind,
        parent_code=f"wilaya-{region_code}" if region_code else None,
        area_codes=(area.code,),
    )


def province_unit_code(area_code: str, subtype: str) -> str:
    """Return the code of a province-level area's unit: "province-09.541", "prefecture-06.141"."""
    return f"{'province' if subtype == ProvinceType.PROVINCE else 'prefecture'}-{area_code}"


def national_plan() -> list[PlannedUnit]:
    """Return the units the census geography calls for, parents before children."""
    plan = [
        PlannedUnit(
            code=f"wilaya-{region.code}",
            name_ar=f"ولاية جهة {region.name_ar}",
            name_fr=f"Wilaya de la région {french_of(region.name_fr)}",
            kind=UnitKind.WILAYA,
            parent_code=None,
            area_codes=(region.code,),
        )
        for region in Area.objects.filter(kind=AreaKind.REGION).order_by("code")
    ]
    provinces = Area.objects.filter(kind=AreaKind.PROVINCE).select_related("region", "parent").order_by("code")
    province_codes = {}
    for province in provinces:
        plan.append(_province_unit(province))
        province_codes[province.pk] = province_unit_code(province.code, province.subtype)
    communes = Area.objects.filter(kind=AreaKind.COMMUNE).order_by("code")
    for commune in communes.only("code", "name_ar", "name_fr", "subtype", "province_id"):
        parent = province_codes.get(commune.province_id) if commune.province_id else None
        covers = (commune.code,)
        plan.append(
            PlannedUnit(
                code=f"council-{commune.code}",
                name_ar=f"المجلس الجماعي {arabic_for(commune.name_ar)}",
                name_fr=f"Conseil communal {french_of(commune.name_fr)}",
                kind=UnitKind.COMMUNE_COUNCIL,
                parent_code=parent,
                area_codes=covers,
            )
        )
        if commune.subtype == CommuneType.URBAN:
            plan.append(
                PlannedUnit(
                    code=f"police-{commune.code}",
                    name_ar=f"الأمن الوطني ب{commune.name_ar}",
                    name_fr=f"Sûreté nationale, district {french_of(commune.name_fr)}",
                    kind=UnitKind.POLICE,
                    parent_code=parent,
                    area_codes=covers,
                )
            )
        else:
            plan.append(
                PlannedUnit(
                    code=f"gendarmerie-{commune.code}",
                    name_ar=f"الدرك الملكي، مركز {commune.name_ar}",
                    name_fr=f"Gendarmerie royale, brigade {french_of(commune.name_fr)}",
                    kind=UnitKind.GENDARMERIE,
                    parent_code=parent,
                    area_codes=covers,
                )
            )
    return plan


def _levels(plan: Sequence[PlannedUnit]) -> list[list[PlannedUnit]]:
    """Split a plan so that each unit's parent is in an earlier level or outside the plan."""
    by_code = {unit.code: unit for unit in plan}
    depth: dict[str, int] = {}

    def depth_of(unit: PlannedUnit, seen: frozenset[str]) -> int:
        if unit.code not in depth:
            parent = by_code.get(unit.parent_code or "")
            if parent is not None and parent.code in seen:
                raise ValueError(f"The units {sorted(seen)} are each other's parents.")
            depth[unit.code] = 0 if parent is None else depth_of(parent, seen | {unit.code}) + 1
        return depth[unit.code]

    levels: list[list[PlannedUnit]] = []
    for unit in plan:
        at = depth_of(unit, frozenset())
        levels.extend([] for _ in range(at + 1 - len(levels)))
        levels[at].append(unit)
    return levels


_COMPARED = ("name_ar", "name_fr", "kind", "parent_id", "is_demo", "drawn_area")


def units_sync(*, actor: Actor, plan: Sequence[PlannedUnit], progress: Progress | None = None) -> SyncCounts:
    """Create or update the planned units and their coverage by code; a rerun writes nothing."""
    counts = SyncCounts()
    area_ids = dict(Area.objects.values_list("code", "pk"))
    counts.unknown_areas = sorted({code for unit in plan for code in unit.area_codes if code not in area_ids})
    with transaction.atomic():
        existing = {unit.code: unit for unit in Unit.objects.filter(code__in=[unit.code for unit in plan])}
        ids = dict(Unit.objects.filter(code__in={unit.parent_code for unit in plan}).values_list("code", "pk"))
        now = timezone.now()
        for level in _levels(plan):
            new, changed = [], []
            for planned in level:
                values = {
                    "name_ar": planned.name_ar,
                    "name_fr": planned.name_fr,
                    "kind": planned.kind,
                    "parent_id": ids.get(planned.parent_code) if planned.parent_code else None,
                    "is_demo": planned.is_demo,
                    "drawn_area": planned.drawn_area,
                }
                unit = existing.get(planned.code)
                if unit is None:
                    new.append(Unit(code=planned.code, updated_at=now, **values))
                elif any(getattr(unit, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(unit, name, value)
                    unit.updated_at = now
                    changed.append(unit)
            Unit.objects.bulk_create(new, batch_size=500)
            Unit.objects.bulk_update(changed, [*_COMPARED, "updated_at"], batch_size=500)
            counts.created += len(new)
            counts.updated += len(changed)
            counts.unchanged += len(level) - len(new) - len(changed)
            # bulk_create gives ids back on PostgreSQL and recent SQLite alike; read them once for both.
            ids.update(Unit.objects.filter(code__in=[unit.code for unit in level]).values_list("code", "pk"))
            if progress:
                progress(len(level))
        _sync_coverage(plan, ids, area_ids, counts)
        if counts.changed:
            audit_record(
                actor=actor,
                action="unit.import",
                target_type="unit",
                target_id="*",
                details={
                    "created": counts.created,
                    "updated": counts.updated,
                    "coverage_added": counts.coverage_added,
                    "coverage_removed": counts.coverage_removed,
                },
            )
            transaction.on_commit(forget_routing_index)
    return counts


def _sync_coverage(
    plan: Iterable[PlannedUnit], unit_ids: dict[str, int], area_ids: dict[str, int], counts: SyncCounts
) -> None:
    wanted = {(unit_ids[unit.code], area_ids[code]) for unit in plan for code in unit.area_codes if code in area_ids}
    planned_units = {unit_ids[unit.code] for unit in plan}
    held: dict[tuple[int, int], int] = {}
    for batch_start in range(0, len(planned_units), 900):
        batch = sorted(planned_units)[batch_start : batch_start + 900]
        rows = UnitCoverage.objects.filter(unit_id__in=batch).values_list("unit_id", "area_id", "pk")
        held.update({(unit_id, area_id): pk for unit_id, area_id, pk in rows})
    extra = [pk for pair, pk in held.items() if pair not in wanted]
    for batch_start in range(0, len(extra), 900):
        UnitCoverage.objects.filter(pk__in=extra[batch_start : batch_start + 900]).delete()
    missing = [UnitCoverage(unit_id=unit_id, area_id=area_id) for unit_id, area_id in wanted - held.keys()]
    UnitCoverage.objects.bulk_create(missing, batch_size=500)
    counts.coverage_added, counts.coverage_removed = len(missing), len(extra)

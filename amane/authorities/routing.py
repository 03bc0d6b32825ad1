"""
Which units a report goes to: one responsible, the others in copy, or none ("unrouted").

For each kind of unit that the report's category names in the routing table, the most
specific unit of that kind covering the place is chosen: an area drawn on the map that
holds the point beats a unit covering the arrondissement, which beats the commune, then
the province, then the region. The responsible kind's unit answers; when that kind has no
unit there, the next kind in the table's order that has one answers instead (a theft in a
town without annexes goes to its pashalik). A unit's parents see all it sees.

The units, their coverage, their drawn shapes (prepared for point tests) and the table are
read once per process into a `RoutingIndex`, so that routing a report costs no query. The
index is dropped when a unit, a coverage or a rule changes in this process (signals), and
rebuilt at most `MAX_AGE_S` seconds after a change in another process.
"""

import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import Point

from amane.authorities.drawn import drawn_area_shape
from amane.authorities.models import RoutingRule, Unit, UnitCoverage
from amane.geo.models import AreaKind

# How specific a unit's hold on a place is: the lower, the more specific.
DRAWN, BY_AREA_KIND = 0, {AreaKind.ARRONDISSEMENT: 1, AreaKind.COMMUNE: 2, AreaKind.PROVINCE: 3, AreaKind.REGION: 4}
MAX_AGE_S = 60.0


@dataclass(frozen=True)
class Routing:
    responsible: Unit | None
    copies: list[Unit] = field(default_factory=list)

    @property
    def unrouted(self) -> bool:
        return self.responsible is None


@dataclass(frozen=True)
class CategoryRules:
    # Kinds in the table's order, and the index of the responsible one among them.
    kinds: tuple[str, ...]
    responsible_at: int


class RoutingIndex:
    """Units, what they cover, and the routing table, ready for lookups without a query."""

    def __init__(
        self,
        units: Iterable[Unit],
        coverage: Iterable[tuple[int, str, str]],
        rules: Iterable[tuple[int, str, bool]],
    ) -> None:
        """Build from units, (unit id, area code, area kind) rows and (category id, kind, responsible) rows in order."""
        self.units = {unit.pk: unit for unit in units}
        self._by_area: dict[str, list[tuple[int, Unit]]] = defaultdict(list)
        for unit_id, area_code, area_kind in coverage:
            self._by_area[area_code].append((BY_AREA_KIND[AreaKind(area_kind)], self.units[unit_id]))
        drawn = [(unit, drawn_area_shape(unit.drawn_area)) for unit in self.units.values() if unit.drawn_area]
        self._drawn_units = [unit for unit, _ in drawn]
        self._drawn_sizes = [shape.area for _, shape in drawn]
        shapes = np.array([shape for _, shape in drawn], dtype=object)
        shapely.prepare(shapes)
        self._tree = shapely.STRtree(shapes)
        grouped: dict[int, list[tuple[str, bool]]] = defaultdict(list)
        for category_id, kind, responsible in rules:
            grouped[category_id].append((kind, responsible))
        self.rules = {
            category_id: CategoryRules(
                kinds=tuple(kind for kind, _ in found),
                responsible_at=next((at for at, (_, responsible) in enumerate(found) if responsible), 0),
            )
            for category_id, found in grouped.items()
        }

    def covering(self, *, lon: float, lat: float, area_codes: Sequence[str]) -> dict[str, Unit]:
        """Return the most specific unit of each kind that covers the place."""
        best: dict[str, tuple[tuple[int, float, str], Unit]] = {}

        def offer(rank: tuple[int, float, str], unit: Unit) -> None:
            held = best.get(unit.kind)
            if held is None or rank < held[0]:
                best[unit.kind] = (rank, unit)

        if self._drawn_units:
            for position in self._tree.query(Point(lon, lat), predicate="intersects"):
                unit = self._drawn_units[position]
                # Two drawings of one kind that both hold the point: the smaller is the more specific.
                offer((DRAWN, self._drawn_sizes[position], unit.code), unit)
        for code in area_codes:
            for level, unit in self._by_area.get(code, ()):
                offer((level, 0.0, unit.code), unit)
        return {kind: unit for kind, (_, unit) in best.items()}

    def route(self, *, category_id: int, lon: float, lat: float, area_codes: Sequence[str]) -> Routing:
        """Return the responsible unit and the copies for a report of this category at this place."""
        rules = self.rules.get(category_id)
        if rules is None:
            return Routing(responsible=None)
        found = self.covering(lon=lon, lat=lat, area_codes=area_codes)
        # From the responsible kind on, then the kinds before it: the first that has a unit answers.
        order = rules.kinds[rules.responsible_at :] + rules.kinds[: rules.responsible_at]
        responsible = next((found[kind] for kind in order if kind in found), None)
        copies: list[Unit] = []
        for kind in rules.kinds:
            unit = found.get(kind)
            if unit is not None and unit is not responsible and unit not in copies:
                copies.append(unit)
        return Routing(responsible=responsible, copies=copies)

    def units_seeing(self, unit: Unit) -> list[Unit]:
        """Return the unit and its parents up to the top: all who see what it sees."""
        seeing = [unit]
        parent_id = unit.parent_id
        while parent_id is not None and parent_id in self.units and len(seeing) <= len(self.units):
            parent = self.units[parent_id]
            seeing.append(parent)
            parent_id = parent.parent_id
        return seeing


def routing_index_build() -> RoutingIndex:
    """Return a fresh index read from the database (a few queries)."""
    units = list(Unit.objects.order_by("pk"))
    coverage = UnitCoverage.objects.values_list("unit_id", "area__code", "area__kind")
    rules = RoutingRule.objects.order_by("category_id", "position", "pk").values_list(
        "category_id", "kind", "responsible"
    )
    return RoutingIndex(units, coverage.iterator(), rules)


class _Loaded:
    index: RoutingIndex | None = None
    version = -1
    built_at = 0.0


_version = 0
_loaded = _Loaded()
_lock = threading.Lock()


def forget_routing_index() -> None:
    """Drop the index: the next routing reads the units again (after a change to them)."""
    global _version
    with _lock:
        _version += 1


def routing_index() -> RoutingIndex:
    """Return this process's index, rebuilt after a change here or once it is `MAX_AGE_S` old."""
    loaded = _loaded
    if loaded.index is not None and loaded.version == _version and time.monotonic() - loaded.built_at < MAX_AGE_S:
        return loaded.index
    version = _version
    index = routing_index_build()
    with _lock:
        _loaded.index, _loaded.version, _loaded.built_at = index, version, time.monotonic()
    return index


def route(*, category_id: int, lon: float, lat: float, area_codes: Sequence[str]) -> Routing:
    """Route a report of this category filed at this point, in these areas (arrondissement to region)."""
    return routing_index().route(category_id=category_id, lon=lon, lat=lat, area_codes=area_codes)


def units_seeing(unit: Unit) -> list[Unit]:
    """Return the unit and all its parents (each sees every report the unit sees)."""
    return routing_index().units_seeing(unit)

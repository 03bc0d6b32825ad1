"""
Reads of the directory: a commune's numbers for everyone, a unit's entries for its officers.

A commune's local numbers are the entries of the units that cover it: through the census
(the commune itself, one of its arrondissements, its province: a pashalik, a district, the
police of the town, the province's hospital) or through an area drawn on the map, such as
an annex of Taroudant. Which drawn units lie over which commune is worked out once per
routing index (amane.authorities.routing), so that the entries come from one indexed read,
which the process then keeps until an entry or a unit changes.
"""

import hashlib
import threading
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Q, QuerySet

from amane.authorities.drawn import DrawnAreaError, drawn_area_shape
from amane.authorities.models import Unit, UnitCoverage
from amane.authorities.routing import RoutingIndex, routing_index
from amane.core.errors import NotFound, OutsideCoveredArea
from amane.core.viewer import Viewer
from amane.directory.models import SERVICE_ORDER, DirectoryEntry, ServiceKind
from amane.directory.phones import display_phone, tel_uri
from amane.geo import selectors as geo
from amane.geo.emergency import emergency_numbers
from amane.geo.models import Area, AreaKind

Scope = Literal["national", "local"]


@dataclass(frozen=True)
class DirectoryNumber:
    service: str
    number: str
    name_ar: str
    name_fr: str
    scope: Scope
    address_ar: str = ""
    address_fr: str = ""
    hours: str = ""
    unit: Unit | None = None
    is_demo: bool = False

    @property
    def display(self) -> str:
        return display_phone(self.number)

    @property
    def tel(self) -> str:
        return tel_uri(self.number)

    @property
    def service_label(self) -> str:
        """Return the kind of service in the active language (asked when the page or sheet is written)."""
        return str(ServiceKind(self.service).label) if self.service in ServiceKind.values else ""


@dataclass(frozen=True)
class CommuneNumbers:
    commune: Area
    national: list[DirectoryNumber]
    local: list[DirectoryNumber]
    # Changes whenever what the sheet prints changes: an entry added, edited or removed.
    version: str = field(default="")

    @property
    def numbers(self) -> list[DirectoryNumber]:
        return [*self.national, *self.local]

    @property
    def has_demo(self) -> bool:
        return any(number.is_demo for number in self.local)


class _Loaded:
    """
    What this process knows of the directory, for one routing index: which drawn units lie
    over which commune, and each commune's entries once read. Dropped when an entry changes
    here (amane.directory.signals) and whenever the routing index is rebuilt, which it is
    after a change to units and at most a minute after a change in another process.
    """

    def __init__(self, index: RoutingIndex | None, drawn: dict[str, frozenset[int]]) -> None:
        self.index = index
        self.drawn = drawn
        self.entries: dict[str, list[DirectoryEntry]] = {}


_loaded = _Loaded(None, {})
_lock = threading.Lock()


def forget_directory() -> None:
    """Drop the entries this process holds: the next read of a commune's numbers queries again."""
    global _loaded
    with _lock:
        # The drawn units depend on the routing index alone, and stay.
        _loaded = _Loaded(_loaded.index, _loaded.drawn)


def _drawn_by_commune(index: RoutingIndex) -> dict[str, frozenset[int]]:
    found: dict[str, set[int]] = {}
    for unit in index.units.values():
        if not unit.drawn_area:
            continue
        try:
            # An annex lies inside one commune; a point surely inside the drawing finds it.
            inside = drawn_area_shape(unit.drawn_area).representative_point()
            location = geo.locate_point(lat=inside.y, lon=inside.x)
        except (DrawnAreaError, OutsideCoveredArea):
            continue
        found.setdefault(location.commune.code, set()).add(unit.pk)
    return {code: frozenset(ids) for code, ids in found.items()}


def _current() -> _Loaded:
    global _loaded
    index = routing_index()
    held = _loaded
    if held.index is not index:
        with _lock:
            if _loaded.index is not index:
                _loaded = _Loaded(index, _drawn_by_commune(index))
            held = _loaded
    return held


def drawn_units_over(*, commune_code: str) -> frozenset[int]:
    """Return the ids of the units whose drawn area lies over this commune (annexes)."""
    return _current().drawn.get(commune_code, frozenset())


def _covering_unit_ids(commune: Area) -> QuerySet[UnitCoverage, Any]:
    areas = Area.objects.filter(
        Q(pk__in=[commune.pk, commune.province_id]) | Q(parent_id=commune.pk, kind=AreaKind.ARRONDISSEMENT)
    ).values("pk")
    return UnitCoverage.objects.filter(area_id__in=areas).values("unit_id")


def entries_reaching(*, commune: Area) -> QuerySet[DirectoryEntry]:
    """Return the entries of every unit covering the commune, as one query (a subquery inside)."""
    drawn = drawn_units_over(commune_code=commune.code)
    reaching = Q(unit_id__in=_covering_unit_ids(commune))
    if drawn:
        reaching |= Q(unit_id__in=sorted(drawn))
    return DirectoryEntry.objects.filter(reaching).select_related("unit")


def _local(entry: DirectoryEntry) -> DirectoryNumber:
    return DirectoryNumber(
        service=entry.service,
        number=entry.number,
        name_ar=entry.name_ar or entry.name_fr,
        name_fr=entry.name_fr or entry.name_ar,
        scope="local",
        address_ar=entry.address_ar or entry.address_fr,
        address_fr=entry.address_fr or entry.address_ar,
        hours=entry.hours,
        unit=entry.unit,
        is_demo=entry.is_demo,
    )


def _version(commune: Area, entries: list[DirectoryEntry]) -> str:
    stamp = hashlib.blake2b(digest_size=12)
    for part in (commune.code, commune.subtype, commune.name_ar, commune.name_fr):
        stamp.update(part.encode() + b"\0")
    for entry in entries:
        stamp.update(f"{entry.pk}:{entry.updated_at.isoformat()}\0".encode())
    return stamp.hexdigest()


def numbers_of_commune(*, commune: Area) -> CommuneNumbers:
    """Return the national numbers for the commune's type and the local numbers of the units covering it."""
    national = [
        DirectoryNumber(
            service=number.service,
            number=number.number,
            name_ar=number.name_ar,
            name_fr=number.name_fr,
            scope="national",
        )
        for number in emergency_numbers(commune.subtype)
    ]
    held = _current()
    entries = held.entries.get(commune.code)
    if entries is None:
        entries = sorted(
            entries_reaching(commune=commune),
            key=lambda entry: (
                SERVICE_ORDER.get(entry.service, len(SERVICE_ORDER)),
                entry.position,
                entry.unit.code,
                entry.pk,
            ),
        )
        held.entries[commune.code] = entries
    return CommuneNumbers(
        commune=commune,
        national=national,
        local=[_local(entry) for entry in entries],
        version=_version(commune, entries),
    )


def commune_numbers(*, code: str) -> CommuneNumbers:
    """Return a commune's numbers by its census code; NotFound for an unknown code. The same for every viewer."""
    return numbers_of_commune(commune=geo.commune_by_code(code=code))


def viewer_directory_units(*, viewer: Viewer) -> list[Unit]:
    """Return the units whose numbers the viewer keeps (their own units; staff open any by its code)."""
    if not viewer.unit_ids:
        return []
    return list(Unit.objects.filter(pk__in=viewer.unit_ids).order_by("code"))


def unit_directory(*, viewer: Viewer, unit_code: str) -> tuple[Unit, list[DirectoryEntry]]:
    """Return a unit and its entries for one who keeps them; NotFound for any other unit."""
    unit = Unit.objects.filter(code=unit_code).first()
    if unit is None or not (viewer.is_staff or unit.pk in viewer.unit_ids):
        raise NotFound()
    return unit, list(DirectoryEntry.objects.filter(unit=unit).order_by("position", "pk"))


def directory_entry_for(*, viewer: Viewer, entry_id: int) -> DirectoryEntry:
    """Return one entry to a viewer who keeps its unit's numbers; NotFound otherwise."""
    entry = DirectoryEntry.objects.select_related("unit").filter(pk=entry_id).first()
    if entry is None or not (viewer.is_staff or entry.unit_id in viewer.unit_ids):
        raise NotFound()
    return entry

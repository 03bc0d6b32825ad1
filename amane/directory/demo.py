"""
Demo local numbers for the demo units of Taroudant, Khouribga and Casablanca.

Every number here is fictitious: the 05 00 block is not assigned to any fixed line in
Morocco, so "05 00 00 01 01" is well formed yet reaches no one. Addresses say "demo" too,
and the rows are marked is_demo, so the commune page and the printed sheet mark each one
"demo" and warn that these numbers are not to be called.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from amane.authorities.models import Unit
from amane.core.actors import DEMO_AUTHORITY
from amane.core.viewer import Viewer, ViewerRole
from amane.directory.models import DirectoryEntry, ServiceKind
from amane.directory.services import directory_entry_create

# Platform staff with no account: only the demo writes as it.
DEMO_KEEPER = Viewer(role=ViewerRole.STAFF)


@dataclass(frozen=True)
class Line:
    service: str
    name_ar: str
    name_fr: str
    hours: str


# "{unit_ar}" / "{unit_fr}" stand for the unit's own name: an annex lists itself.
OFFICE = Line(ServiceKind.LOCAL_AUTHORITY, "{unit_ar}", "{unit_fr}", "08:30–16:30")
ANNEX = Line(ServiceKind.ANNEX, "{unit_ar}", "{unit_fr}", "08:30–16:30")
POLICE = Line(ServiceKind.POLICE_STATION, "مفوضية الشرطة", "Commissariat de police", "24/7")
BRIGADE = Line(ServiceKind.GENDARMERIE_BRIGADE, "مركز الدرك الملكي", "Brigade de gendarmerie", "24/7")
COUNCIL = Line(ServiceKind.COMMUNE_COUNCIL, "{unit_ar}", "{unit_fr}", "08:30–16:30")
HOSPITAL = Line(ServiceKind.HOSPITAL, "المستشفى، المستعجلات", "Hôpital, urgences", "24/7")
LISTENING = Line(
    ServiceKind.WOMEN_LISTENING_CENTRE,
    "خلية التكفل بالنساء ضحايا العنف",
    "Cellule d'accueil des femmes victimes de violence",
    "08:30–16:30",
)

# (a unit's code, or the start of one and how many units in code order, the lines it lists)
PLAN: tuple[tuple[str, int, tuple[Line, ...]], ...] = (
    # Taroudant: the four annexes drawn over the town, its pashalik, police and council.
    ("annex-taroudant-", 4, (ANNEX,)),
    ("pashalik-taroudant", 1, (OFFICE,)),
    ("police-09.541.01.13", 1, (POLICE,)),
    ("council-09.541.01.13", 1, (COUNCIL,)),
    ("province-09.541", 1, (HOSPITAL, LISTENING)),
    # Khouribga: the town (05.311.01.07), then rural communes' caïdats and brigades.
    ("pashalik-05.311.01.07", 1, (OFFICE,)),
    ("police-05.311.01.07", 1, (POLICE,)),
    ("council-05.311.01.07", 1, (COUNCIL,)),
    ("caidat-05.311.", 3, (OFFICE,)),
    ("gendarmerie-05.311.", 3, (BRIGADE,)),
    ("province-05.311", 1, (HOSPITAL, LISTENING)),
    # Casablanca: its first four districts, the police of the city, the prefecture's lines.
    ("district-06.141.", 4, (OFFICE,)),
    ("police-06.141.", 1, (POLICE,)),
    ("prefecture-06.141", 1, (HOSPITAL, LISTENING)),
)


def _units(code: str, count: int) -> list[Unit]:
    return list(Unit.objects.filter(code__startswith=code).order_by("code")[:count])


def _fictitious_numbers() -> Iterator[str]:
    serial = 100
    while True:
        serial += 1
        yield f"05000{serial:05d}"


def seed_demo(*, seed: int = 2024) -> str:
    """Give the demo units their fictitious local numbers (again: units that have some are left as they are)."""
    numbers = _fictitious_numbers()
    added = kept = 0
    for code, count, lines in PLAN:
        for unit in _units(code, count):
            if DirectoryEntry.objects.filter(unit=unit).exists():
                kept += 1
                for _line in lines:
                    next(numbers)  # the same unit gets the same numbers on every run
                continue
            for position, line in enumerate(lines):
                directory_entry_create(
                    viewer=DEMO_KEEPER,
                    actor=DEMO_AUTHORITY,
                    unit_id=unit.pk,
                    service=line.service,
                    name_ar=line.name_ar.format(unit_ar=unit.name_ar),
                    name_fr=line.name_fr.format(unit_fr=unit.name_fr),
                    number=next(numbers),
                    address_ar=f"{unit.name_ar}، عنوان تجريبي",
                    address_fr=f"{unit.name_fr}, adresse de démonstration",
                    hours=line.hours,
                    position=position,
                )
                added += 1
    return f"directory: {added} demo local numbers added, {kept} units already had theirs (all fictitious, 05 00 …)"

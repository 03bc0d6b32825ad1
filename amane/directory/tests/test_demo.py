import pytest

from amane.audit.models import AuditEntry
from amane.authorities.models import UnitKind
from amane.authorities.tests.factories import Units, make_unit
from amane.directory.demo import seed_demo
from amane.directory.models import DirectoryEntry
from amane.directory.phones import normalise_phone
from amane.directory.selectors import commune_numbers
from amane.geo.tests.factories import CITY, PROVINCE

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_units(units: Units) -> Units:
    """Units named like the demo's, over the test squares (the plan finds units by their codes)."""
    make_unit("annex-taroudant-1", UnitKind.ANNEX, areas=[CITY], parent=units.pashalik)
    make_unit("annex-taroudant-2", UnitKind.ANNEX, areas=[CITY], parent=units.pashalik)
    make_unit("police-09.541.01.13", UnitKind.POLICE, areas=[CITY], parent=units.province)
    make_unit("province-09.541", UnitKind.PROVINCE, areas=[PROVINCE])
    make_unit("district-06.141.01.01", UnitKind.DISTRICT, areas=[CITY])
    return units


def test_the_demo_gives_fictitious_marked_numbers_once(demo_units: Units) -> None:
    summary = seed_demo()
    entries = list(DirectoryEntry.objects.all())
    # Two annexes, the police, the province's hospital and listening centre, a district.
    assert len(entries) == 6 and "6" in summary
    assert all(entry.is_demo and entry.number.startswith("05000") for entry in entries)
    assert all(normalise_phone(entry.number) == entry.number for entry in entries)
    assert len({entry.number for entry in entries}) == len(entries)
    assert AuditEntry.objects.filter(action="directory_entry.create", is_demo=True).count() == 6
    assert commune_numbers(code=CITY).has_demo

    before = sorted(DirectoryEntry.objects.values_list("unit__code", "number"))
    seed_demo()
    assert sorted(DirectoryEntry.objects.values_list("unit__code", "number")) == before


def test_without_the_demo_units_the_demo_adds_nothing(units: Units) -> None:
    assert seed_demo().startswith("directory: 0 ")
    assert not DirectoryEntry.objects.exists()

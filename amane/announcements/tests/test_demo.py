"""The demo's announcements: once per unit, one urgent for 30 days in Taroudant."""

import datetime as dt

import pytest

from amane.announcements.demo import seed_demo
from amane.announcements.models import Announcement
from amane.authorities.models import UnitKind
from amane.authorities.tests.factories import Units, make_unit
from amane.core import clock
from amane.geo.tests.factories import CITY, PROVINCE

pytestmark = pytest.mark.django_db


def test_demo_units_get_their_announcements_once(units: Units) -> None:
    # Stand-ins for the demo units, over the square geography.
    make_unit("pashalik-taroudant", UnitKind.PASHALIK, areas=[CITY], parent=units.province)
    make_unit("province-05.311", UnitKind.PROVINCE, areas=[PROVINCE])
    now = clock.now()
    with clock.pinned_at(now):
        summary = seed_demo()
    assert summary.startswith("announcements: 3 published, 1 skipped")
    assert Announcement.objects.filter(is_demo=True).count() == 3
    urgent = Announcement.objects.get(urgent=True)
    assert urgent.unit.code == "pashalik-taroudant"
    assert urgent.expires_at == now + dt.timedelta(days=30)
    assert seed_demo().startswith("announcements: 0 published")
    assert Announcement.objects.count() == 3


def test_without_the_demo_units_nothing_is_published(units: Units) -> None:
    assert seed_demo() == "announcements: 0 published, 4 skipped (unit missing)"

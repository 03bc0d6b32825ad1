import pytest

from amane.audit.models import AuditEntry
from amane.authorities.models import UnitKind
from amane.authorities.tests.factories import Units, make_unit
from amane.core import clock
from amane.geo.tests.factories import CITY, RURAL, URBAN
from amane.meetings.demo import seed_demo
from amane.meetings.models import Meeting, MeetingInvitation, Recommendation
from amane.meetings.progress import Progress, progress_of

pytestmark = pytest.mark.django_db


def _demo_units(units: Units) -> None:
    make_unit("pashalik-taroudant", UnitKind.PASHALIK, areas=[CITY], parent=units.province)
    make_unit("pashalik-05.311.01.01", UnitKind.PASHALIK, areas=[URBAN], parent=units.province)
    make_unit("district-06.141.01.01", UnitKind.DISTRICT, areas=[RURAL], parent=units.province)


def test_a_held_meeting_per_place_with_one_done_and_one_late(units: Units) -> None:
    _demo_units(units)
    summary = seed_demo()
    assert summary.startswith("meetings: 3 demo meetings held")
    assert Meeting.objects.filter(is_demo=True, status="held").count() == 3
    assert MeetingInvitation.objects.filter(response="confirmed", attended=True).count() == 3
    today = clock.now().date()
    states = sorted(
        progress_of(status=r.status, due_on=r.due_on, done_on=r.done_on, today=today)
        for r in Recommendation.objects.filter(is_demo=True, meeting__unit__code="pashalik-taroudant")
    )
    assert states == sorted([Progress.DONE, Progress.LATE])
    assert not AuditEntry.objects.filter(action__startswith="meeting.", is_demo=False).exists()


def test_run_twice_it_adds_nothing(units: Units) -> None:
    _demo_units(units)
    seed_demo()
    counts = (Meeting.objects.count(), Recommendation.objects.count())
    assert "0 demo meetings held, 3 already there" in seed_demo()
    assert (Meeting.objects.count(), Recommendation.objects.count()) == counts


def test_without_the_demo_units_it_skips(units: Units) -> None:
    assert seed_demo().endswith("3 places without their unit")
    assert not Meeting.objects.exists()

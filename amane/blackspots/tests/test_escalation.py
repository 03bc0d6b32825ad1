"""The sweep hands an overdue black spot to the parent unit, once per deadline, with an audit row."""

import datetime as dt

import pytest
from huey.api import PeriodicTask

from amane.audit.models import AuditEntry
from amane.authorities.tests.factories import Units, officer_of
from amane.blackspots.escalation import escalate_overdue_black_spots
from amane.blackspots.models import BlackSpot, BlackSpotEscalation
from amane.blackspots.selectors import black_spot_for_viewer, timeline
from amane.blackspots.services import black_spot_answer
from amane.blackspots.tasks import black_spot_escalation_sweep
from amane.blackspots.tests.factories import declare
from amane.core import clock
from amane.core.actors import authority_user
from amane.core.viewer import PUBLIC

pytestmark = pytest.mark.django_db


def test_before_the_deadline_nothing_moves(units: Units) -> None:
    spot = declare()
    result = escalate_overdue_black_spots(now=spot.acknowledge_by - dt.timedelta(minutes=1))
    spot.refresh_from_db()
    assert result.escalated == 0 and spot.responsible_unit == units.north_annex


def test_an_unacknowledged_spot_goes_to_the_parent_once(units: Units) -> None:
    spot = declare()
    result = escalate_overdue_black_spots(now=spot.acknowledge_by)
    spot.refresh_from_db()
    assert result.escalated == 1 and spot.responsible_unit == units.pashalik
    assert (spot.watched_kind, spot.watched_at) == ("answer", spot.answer_by)
    entry = AuditEntry.objects.get(action="black_spot.escalate")
    assert entry.before == {"responsible": "annex-north"} and entry.after == {"responsible": "pashalik-city"}
    again = escalate_overdue_black_spots(now=spot.acknowledge_by + dt.timedelta(hours=1))
    assert again.escalated == 0 and BlackSpotEscalation.objects.count() == 1


def test_an_unanswered_spot_escalates_twice_then_stops_being_watched(units: Units) -> None:
    spot = declare()
    result = escalate_overdue_black_spots(now=spot.answer_by)
    spot.refresh_from_db()
    assert result.escalated == 2 and spot.responsible_unit == units.province and spot.watched_at is None
    kinds = list(BlackSpotEscalation.objects.values_list("kind", flat=True))
    assert kinds == ["acknowledge", "answer"]


def test_an_answered_spot_is_not_escalated(units: Units) -> None:
    spot = declare()
    officer = officer_of("annex-north")
    assert officer.user_id is not None
    black_spot_answer(
        actor=authority_user(officer.user_id), viewer=officer, public_id=spot.public_id, status="resolved"
    )
    assert escalate_overdue_black_spots(now=spot.answer_by).escalated == 0
    assert BlackSpot.objects.get().responsible_unit == units.north_annex


def test_the_escalation_shows_on_the_public_timeline(units: Units) -> None:
    spot = declare()
    escalate_overdue_black_spots(now=spot.acknowledge_by)
    seen = black_spot_for_viewer(viewer=PUBLIC, public_id=spot.public_id)
    assert [entry.kind for entry in timeline(seen)] == ["declared", "escalation"]


def test_the_parent_now_answers(units: Units) -> None:
    spot = declare()
    escalate_overdue_black_spots(now=spot.acknowledge_by)
    annex, pashalik = officer_of("annex-north"), officer_of("pashalik-city")
    assert annex.user_id is not None and pashalik.user_id is not None
    from amane.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        black_spot_answer(
            actor=authority_user(annex.user_id), viewer=annex, public_id=spot.public_id, status="resolved"
        )
    answer = black_spot_answer(
        actor=authority_user(pashalik.user_id), viewer=pashalik, public_id=spot.public_id, status="resolved"
    )
    assert answer.unit == units.pashalik


def test_the_task_is_scheduled_every_15_minutes_and_runs_the_sweep(units: Units) -> None:
    task = black_spot_escalation_sweep.task_class()
    assert isinstance(task, PeriodicTask)
    spot = declare()
    moment = spot.acknowledge_by.replace(minute=0)
    assert [m for m in range(60) if task.validate_datetime(moment.replace(minute=m))] == [0, 15, 30, 45]
    with clock.pinned_at(spot.acknowledge_by):
        black_spot_escalation_sweep()
    assert BlackSpot.objects.get().responsible_unit == units.pashalik

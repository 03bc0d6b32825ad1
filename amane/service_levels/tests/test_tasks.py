"""The periodic sweep is a Huey task; under tests Huey runs it in the caller (immediate mode)."""

import datetime as dt

import pytest
from huey.api import PeriodicTask
from huey.contrib.djhuey import HUEY

from amane.authorities.tests.factories import Units
from amane.core import clock
from amane.service_levels.models import Escalation
from amane.service_levels.tasks import escalation_sweep
from amane.service_levels.tests.factories import ACKNOWLEDGE_BY, file_in_north_annex, responsible_of

pytestmark = pytest.mark.django_db


def test_the_sweep_is_scheduled_every_15_minutes() -> None:
    task = escalation_sweep.task_class()
    assert isinstance(task, PeriodicTask)
    assert [minute for minute in range(60) if task.validate_datetime(ACKNOWLEDGE_BY.replace(minute=minute))] == [
        0,
        15,
        30,
        45,
    ]


def test_before_the_deadline_the_task_escalates_nothing(units: Units) -> None:
    report = file_in_north_annex()
    with clock.pinned_at(ACKNOWLEDGE_BY - dt.timedelta(minutes=1)):
        escalation_sweep()
    assert responsible_of(report) == "annex-north" and not Escalation.objects.exists()


def test_calling_the_task_in_immediate_mode_runs_the_sweep_at_the_clocks_time(units: Units) -> None:
    assert HUEY.immediate is True
    report = file_in_north_annex()
    with clock.pinned_at(ACKNOWLEDGE_BY):
        escalation_sweep()
    assert responsible_of(report) == "pashalik-city"
    assert Escalation.objects.filter(report=report).count() == 1

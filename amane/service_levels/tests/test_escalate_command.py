"""`amane escalate --now` sweeps in the calling process and says what it did."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from amane.authorities.tests.factories import Units
from amane.service_levels.tests.factories import ACKNOWLEDGE_BY, file_in_north_annex, responsible_of

pytestmark = pytest.mark.django_db


def test_the_command_sweeps_as_of_a_moment_and_prints_the_counts(units: Units) -> None:
    report = file_in_north_annex()
    out = StringIO()
    call_command("escalate", "--now", "--as-of", ACKNOWLEDGE_BY.isoformat(), stdout=out)
    assert responsible_of(report) == "pashalik-city"
    assert "Escalated 1 reports (1 not acknowledged, 0 not resolved" in out.getvalue()


def test_before_the_deadline_the_command_escalates_nothing(units: Units) -> None:
    report = file_in_north_annex()
    out = StringIO()
    early = ACKNOWLEDGE_BY - dt.timedelta(minutes=1)
    call_command("escalate", "--now", "--as-of", early.isoformat(), stdout=out)
    assert responsible_of(report) == "annex-north"
    assert "Escalated 0 reports" in out.getvalue()


def test_a_moment_without_offset_is_refused() -> None:
    with pytest.raises(CommandError, match="offset"):
        call_command("escalate", "--now", "--as-of", "2026-03-05T00:00")

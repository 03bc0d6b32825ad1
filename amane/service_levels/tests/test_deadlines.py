"""The rules of service levels, without Django: when a report is due and when it is overdue."""

import datetime as dt
from zoneinfo import ZoneInfo

from amane.service_levels.deadlines import (
    Deadlines,
    Kind,
    Levels,
    Overdue,
    clock_start,
    deadlines_for,
    levels_problems,
    overdue,
)

CASABLANCA = ZoneInfo("Africa/Casablanca")
FILED_ON = dt.date(2026, 3, 2)
MIDNIGHT_AFTER = dt.datetime(2026, 3, 3, tzinfo=CASABLANCA)
DUE = deadlines_for(filed_on=FILED_ON, tz=CASABLANCA, levels=Levels())


def test_both_clocks_start_at_the_midnight_after_the_filing_day() -> None:
    assert clock_start(FILED_ON, CASABLANCA) == MIDNIGHT_AFTER


def test_by_default_a_report_is_acknowledged_within_48_hours_and_resolved_within_30_days() -> None:
    assert (
        Deadlines(
            acknowledge_by=MIDNIGHT_AFTER + dt.timedelta(hours=48),
            resolve_by=MIDNIGHT_AFTER + dt.timedelta(days=30),
        )
        == DUE
    )


def test_a_category_level_sets_its_own_deadlines() -> None:
    due = deadlines_for(filed_on=FILED_ON, tz=CASABLANCA, levels=Levels(acknowledge_hours=6, resolve_days=2))
    assert due.acknowledge_by == MIDNIGHT_AFTER + dt.timedelta(hours=6)
    assert due.resolve_by == MIDNIGHT_AFTER + dt.timedelta(days=2)


def test_a_report_waiting_is_not_overdue_a_moment_before_its_deadline() -> None:
    moment = DUE.acknowledge_by - dt.timedelta(seconds=1)
    assert overdue(deadlines=DUE, acknowledged_at=None, closed_at=None, now=moment) == []


def test_a_report_not_acknowledged_by_its_deadline_is_overdue_since_the_deadline() -> None:
    later = DUE.acknowledge_by + dt.timedelta(hours=5)
    assert overdue(deadlines=DUE, acknowledged_at=None, closed_at=None, now=later) == [
        Overdue(Kind.ACKNOWLEDGE, DUE.acknowledge_by)
    ]


def test_a_report_acknowledged_in_time_is_never_overdue_to_acknowledge() -> None:
    acknowledged = DUE.acknowledge_by - dt.timedelta(hours=1)
    assert overdue(deadlines=DUE, acknowledged_at=acknowledged, closed_at=None, now=DUE.resolve_by) == [
        Overdue(Kind.RESOLVE, DUE.resolve_by)
    ]


def test_a_report_acknowledged_late_no_longer_waits_to_be_acknowledged() -> None:
    acknowledged = DUE.acknowledge_by + dt.timedelta(hours=1)
    now = acknowledged + dt.timedelta(hours=1)
    assert overdue(deadlines=DUE, acknowledged_at=acknowledged, closed_at=None, now=now) == []


def test_an_acknowledgement_still_in_the_future_does_not_count_yet() -> None:
    now = DUE.acknowledge_by
    later = now + dt.timedelta(days=1)
    assert overdue(deadlines=DUE, acknowledged_at=later, closed_at=None, now=now) == [
        Overdue(Kind.ACKNOWLEDGE, DUE.acknowledge_by)
    ]


def test_a_report_left_open_past_both_deadlines_misses_both_acknowledgement_first() -> None:
    assert overdue(deadlines=DUE, acknowledged_at=None, closed_at=None, now=DUE.resolve_by) == [
        Overdue(Kind.ACKNOWLEDGE, DUE.acknowledge_by),
        Overdue(Kind.RESOLVE, DUE.resolve_by),
    ]


def test_a_closed_report_misses_nothing() -> None:
    closed = DUE.acknowledge_by + dt.timedelta(days=3)
    assert overdue(deadlines=DUE, acknowledged_at=None, closed_at=closed, now=DUE.resolve_by) == []


def test_the_defaults_are_within_the_national_rules() -> None:
    assert levels_problems(Levels()) == {}


def test_the_national_rules_allow_at_most_15_days_to_acknowledge_and_60_to_resolve() -> None:
    assert levels_problems(Levels(acknowledge_hours=15 * 24, resolve_days=60)) == {}
    assert levels_problems(Levels(acknowledge_hours=15 * 24 + 1, resolve_days=61)) == {
        "acknowledge_hours": "above_national_rule",
        "resolve_days": "above_national_rule",
    }


def test_a_level_of_zero_is_refused() -> None:
    assert levels_problems(Levels(acknowledge_hours=0, resolve_days=0)) == {
        "acknowledge_hours": "too_small",
        "resolve_days": "too_small",
    }


def test_resolving_cannot_be_due_before_acknowledging() -> None:
    assert levels_problems(Levels(acknowledge_hours=72, resolve_days=2)) == {"resolve_days": "before_acknowledge"}
    assert levels_problems(Levels(acknowledge_hours=48, resolve_days=2)) == {}

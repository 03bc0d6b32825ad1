"""
When a report is due, and whether it is overdue: plain values in, plain values out, no Django.

A category promises two things: to acknowledge a report within some hours (48 by default)
and to resolve it within some days (30). The national complaints rules are the outer bound
no category may pass: 15 days for a complaint to reach the administration, 60 to answer it.

A report keeps only the day it was filed (an exact time could be matched against a phone
operator's records), so both clocks start at the end of that day: counting from midnight
after filing never holds a unit overdue before its time.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

DEFAULT_ACKNOWLEDGE_HOURS = 48
DEFAULT_RESOLVE_DAYS = 30
MAX_ACKNOWLEDGE_HOURS = 15 * 24
MAX_RESOLVE_DAYS = 60


class Kind(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    RESOLVE = "resolve"


@dataclass(frozen=True)
class Levels:
    acknowledge_hours: int = DEFAULT_ACKNOWLEDGE_HOURS
    resolve_days: int = DEFAULT_RESOLVE_DAYS


@dataclass(frozen=True)
class Deadlines:
    acknowledge_by: dt.datetime
    resolve_by: dt.datetime


@dataclass(frozen=True)
class Overdue:
    kind: Kind
    # The deadline that passed: the report has been overdue since then.
    since: dt.datetime


def levels_problems(levels: Levels) -> dict[str, str]:
    """Return, per field, what breaks the bounds: 'too_small' or 'above_national_rule' (empty if none)."""
    problems: dict[str, str] = {}
    for field, value, ceiling in (
        ("acknowledge_hours", levels.acknowledge_hours, MAX_ACKNOWLEDGE_HOURS),
        ("resolve_days", levels.resolve_days, MAX_RESOLVE_DAYS),
    ):
        if value < 1:
            problems[field] = "too_small"
        elif value > ceiling:
            problems[field] = "above_national_rule"
    if not problems and dt.timedelta(days=levels.resolve_days) < dt.timedelta(hours=levels.acknowledge_hours):
        problems["resolve_days"] = "before_acknowledge"
    return problems


def clock_start(filed_on: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """Return the moment both clocks start for a report filed on `filed_on`: the next local midnight."""
    return dt.datetime.combine(filed_on + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


def deadlines_for(*, filed_on: dt.date, tz: dt.tzinfo, levels: Levels) -> Deadlines:
    start = clock_start(filed_on, tz)
    return Deadlines(
        acknowledge_by=start + dt.timedelta(hours=levels.acknowledge_hours),
        resolve_by=start + dt.timedelta(days=levels.resolve_days),
    )


def overdue(
    *,
    deadlines: Deadlines,
    acknowledged_at: dt.datetime | None,
    closed_at: dt.datetime | None,
    now: dt.datetime,
) -> list[Overdue]:
    """
    Return the deadlines a report misses now, acknowledgement first.

    A report is acknowledged by any step an officer takes on it (acknowledging, setting it in
    progress, closing it); a closed report (resolved, rejected, duplicate) misses nothing.
    A deadline met late is no longer missed: it is the report still waiting that escalates.
    """
    if closed_at is not None and closed_at <= now:
        return []
    missed: list[Overdue] = []
    still_unacknowledged = acknowledged_at is None or acknowledged_at > now
    if still_unacknowledged and now >= deadlines.acknowledge_by:
        missed.append(Overdue(Kind.ACKNOWLEDGE, deadlines.acknowledge_by))
    if now >= deadlines.resolve_by:
        missed.append(Overdue(Kind.RESOLVE, deadlines.resolve_by))
    return missed

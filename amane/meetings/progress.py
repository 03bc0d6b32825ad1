"""
How far a recommendation has come, as the public accountability page says it.

A recommendation promised for a date is, on a given day: done (on or before its date), done
late, on time (not done, its date not passed), late (not done, its date passed) or dropped.
Plain values in, plain values out: the same rule serves the list, the counts and the tests.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

# The recommendation's own statuses (amane.meetings.models.RecommendationStatus).
OPEN = "open"
IN_PROGRESS = "in_progress"
DONE = "done"
DROPPED = "dropped"


class Progress(StrEnum):
    DONE = "done"
    DONE_LATE = "done_late"
    ON_TIME = "on_time"
    LATE = "late"
    DROPPED = "dropped"


def progress_of(*, status: str, due_on: dt.date, done_on: dt.date | None, today: dt.date) -> Progress:
    """Return where a recommendation stands on `today`."""
    if status == DROPPED:
        return Progress.DROPPED
    if status == DONE:
        return Progress.DONE_LATE if done_on is not None and done_on > due_on else Progress.DONE
    return Progress.LATE if due_on < today else Progress.ON_TIME


@dataclass
class MonthCount:
    """The recommendations due in one month, by where they stand."""

    month: dt.date  # the first day of the month
    counts: dict[Progress, int] = field(default_factory=lambda: dict.fromkeys(Progress, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Tally:
    totals: dict[Progress, int]
    months: list[MonthCount]

    @property
    def total(self) -> int:
        return sum(self.totals.values())


def tally(rows: Iterable[tuple[dt.date, str, bool, int]], *, today: dt.date) -> Tally:
    """
    Count grouped rows (due date, status, done late, how many) by progress, overall and per
    month of the due date, oldest month first.
    """
    totals = dict.fromkeys(Progress, 0)
    months: dict[dt.date, MonthCount] = {}
    for due_on, status, done_late, count in rows:
        if status == DONE:
            progress = Progress.DONE_LATE if done_late else Progress.DONE
        else:
            progress = progress_of(status=status, due_on=due_on, done_on=None, today=today)
        month = due_on.replace(day=1)
        months.setdefault(month, MonthCount(month=month)).counts[progress] += count
        totals[progress] += count
    return Tally(totals=totals, months=[months[month] for month in sorted(months)])


@dataclass(frozen=True)
class Bar:
    """One stacked segment of the month chart, in SVG user units."""

    progress: Progress
    x: float
    y: float
    width: float
    height: float
    count: int


def chart_bars(months: list[MonthCount], *, width: float, height: float, gap: float = 2.0) -> list[Bar]:
    """Stack each month's counts into a bar: one column per month, heights scaled to the busiest."""
    if not months:
        return []
    busiest = max(month.total for month in months) or 1
    column = width / len(months)
    bars = []
    for index, month in enumerate(months):
        top = height
        for progress in Progress:
            count = month.counts[progress]
            if not count:
                continue
            size = height * count / busiest
            top -= size
            bars.append(Bar(progress, index * column + gap / 2, top, max(column - gap, 1.0), size, count))
    return bars

"""
The life of a black spot, without Django.

declared → acknowledged → action planned (for a date, which a later answer may move) →
resolved; or declined with a reason at any open step. Resolved and declined are final: a
spot that comes back is declared again. Any answer meets the deadline to acknowledge; an
answer that plans, resolves or declines meets the deadline to answer.
"""

from enum import StrEnum


class Status(StrEnum):
    DECLARED = "declared"
    ACKNOWLEDGED = "acknowledged"
    ACTION_PLANNED = "action-planned"
    RESOLVED = "resolved"
    DECLINED = "declined"


class Deadline(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    ANSWER = "answer"


ALLOWED: dict[Status, frozenset[Status]] = {
    Status.DECLARED: frozenset({Status.ACKNOWLEDGED, Status.ACTION_PLANNED, Status.RESOLVED, Status.DECLINED}),
    Status.ACKNOWLEDGED: frozenset({Status.ACTION_PLANNED, Status.RESOLVED, Status.DECLINED}),
    Status.ACTION_PLANNED: frozenset({Status.ACTION_PLANNED, Status.RESOLVED, Status.DECLINED}),
    Status.RESOLVED: frozenset(),
    Status.DECLINED: frozenset(),
}
OPEN = frozenset({Status.DECLARED, Status.ACKNOWLEDGED, Status.ACTION_PLANNED})
ANSWERED = frozenset({Status.ACTION_PLANNED, Status.RESOLVED, Status.DECLINED})


def can_move(current: str, new: str) -> bool:
    try:
        return Status(new) in ALLOWED[Status(current)]
    except ValueError:
        return False


def next_watch(status: str, *, escalated: frozenset[str]) -> Deadline | None:
    """Which deadline a black spot in this status still waits on, leaving those already escalated."""
    if status == Status.DECLARED and Deadline.ACKNOWLEDGE not in escalated:
        return Deadline.ACKNOWLEDGE
    if status in (Status.DECLARED, Status.ACKNOWLEDGED) and Deadline.ANSWER not in escalated:
        return Deadline.ANSWER
    return None

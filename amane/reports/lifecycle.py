"""
The life of a report, as a small state machine without Django.

submitted → acknowledged → in progress → resolved, or at any open step rejected (with a
reason) or closed as a duplicate of another report. Closed reports stay closed: a later
issue may add reopening, and it will be a new edge here, not a special case elsewhere.
"""

from enum import StrEnum


class Status(StrEnum):
    SUBMITTED = "submitted"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


ALLOWED: dict[Status, frozenset[Status]] = {
    Status.SUBMITTED: frozenset({Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.REJECTED, Status.DUPLICATE}),
    Status.ACKNOWLEDGED: frozenset({Status.IN_PROGRESS, Status.RESOLVED, Status.REJECTED, Status.DUPLICATE}),
    Status.IN_PROGRESS: frozenset({Status.RESOLVED, Status.REJECTED, Status.DUPLICATE}),
    Status.RESOLVED: frozenset(),
    Status.REJECTED: frozenset(),
    Status.DUPLICATE: frozenset(),
}

OPEN = frozenset({Status.SUBMITTED, Status.ACKNOWLEDGED, Status.IN_PROGRESS})


def can_move(current: Status, new: Status) -> bool:
    return new in ALLOWED[current]


def is_open(status: Status) -> bool:
    return status in OPEN

"""
The life of a report, as a small state machine without Django.

submitted → acknowledged → in progress → resolved, or at any open step rejected (with a
reason) or closed as a duplicate of another report. A resolved or rejected report can be
reopened (back to acknowledged) by the unit that closed it, when the problem comes back or
the rejection was a mistake; a duplicate stays closed, its reporter following the original.
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
    Status.RESOLVED: frozenset({Status.ACKNOWLEDGED}),
    Status.REJECTED: frozenset({Status.ACKNOWLEDGED}),
    Status.DUPLICATE: frozenset(),
}

OPEN = frozenset({Status.SUBMITTED, Status.ACKNOWLEDGED, Status.IN_PROGRESS})


def can_move(current: Status, new: Status) -> bool:
    return new in ALLOWED[current]


# Moves out of a closed status: the ones that reopen a report.
REOPENING = frozenset({(Status.RESOLVED, Status.ACKNOWLEDGED), (Status.REJECTED, Status.ACKNOWLEDGED)})


def is_open(status: Status) -> bool:
    return status in OPEN

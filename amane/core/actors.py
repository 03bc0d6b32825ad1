"""
Who writes: every service that changes something is told by whom, as an Actor.

An actor is a role on the public timeline (the reporter, an authority, Amane itself) and,
when someone signed in did it, their user id for the audit trail. An anonymous reporter
has no user id and leaves nothing that could identify them.
"""

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    REPORTER = "reporter"
    AUTHORITY = "authority"
    # A member acting for an association: corroborating, declaring a black spot.
    ASSOCIATION = "association"
    # A platform moderator deciding on flagged content.
    MODERATOR = "moderator"
    # An analyst of the observatory downloading pseudonymised records.
    ANALYST = "analyst"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    role: Role
    user_id: int | None = None
    # Demo data is written by a demo actor, so that every row it leaves says so.
    demo: bool = False

    @property
    def anonymous(self) -> bool:
        return self.user_id is None and self.role == Role.REPORTER


ANONYMOUS_REPORTER = Actor(role=Role.REPORTER)
DEMO_REPORTER = Actor(role=Role.REPORTER, demo=True)
DEMO_AUTHORITY = Actor(role=Role.AUTHORITY, demo=True)


def association_member(user_id: int) -> Actor:
    return Actor(role=Role.ASSOCIATION, user_id=user_id)


def moderator(user_id: int) -> Actor:
    return Actor(role=Role.MODERATOR, user_id=user_id)


def analyst(user_id: int) -> Actor:
    return Actor(role=Role.ANALYST, user_id=user_id)


def authority_user(user_id: int) -> Actor:
    """A signed-in person acting for an authority (today: platform staff in the admin)."""
    return Actor(role=Role.AUTHORITY, user_id=user_id)

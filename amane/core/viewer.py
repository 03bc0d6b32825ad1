"""
Who is looking: every selector takes a Viewer and returns only what it may see.

A viewer is a role and the units it belongs to. The public sees public categories at
coarsened locations; an officer sees, in addition, everything filed in the units of their
authority (confidential reports and exact points included); platform staff see everything.
Authorities' memberships come with the authorities issue; the gate already asks the viewer,
never the template, what it may see.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class ViewerRole(StrEnum):
    PUBLIC = "public"
    OFFICER = "officer"
    STAFF = "staff"


@dataclass(frozen=True)
class Viewer:
    role: ViewerRole = ViewerRole.PUBLIC
    user_id: int | None = None
    # Codes of the areas (communes, arrondissements, provinces) the viewer's authority covers.
    unit_codes: frozenset[str] = frozenset()

    @property
    def is_staff(self) -> bool:
        return self.role == ViewerRole.STAFF

    def answers_for(self, area_codes: Iterable[str]) -> bool:
        """Whether a report filed in these areas is the viewer's authority's to answer."""
        return self.is_staff or (self.role == ViewerRole.OFFICER and not self.unit_codes.isdisjoint(area_codes))


PUBLIC = Viewer()


def staff(user_id: int) -> Viewer:
    return Viewer(role=ViewerRole.STAFF, user_id=user_id)


def officer(user_id: int, unit_codes: Iterable[str]) -> Viewer:
    return Viewer(role=ViewerRole.OFFICER, user_id=user_id, unit_codes=frozenset(unit_codes))


def viewer_for(user: AbstractBaseUser | AnonymousUser | None) -> Viewer:
    if user is None or not user.is_authenticated or user.pk is None:
        return PUBLIC
    if getattr(user, "is_staff", False):
        return staff(int(user.pk))
    # A signed-in citizen sees what the public sees; officers' units arrive with authorities.
    return Viewer(user_id=int(user.pk))

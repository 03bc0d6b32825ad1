"""
Who is looking: every selector takes a Viewer and returns only what it may see.

A viewer is a role and the authority units it acts for (amane.authorities.Membership). The
public sees public categories at coarsened locations; an officer sees, in addition, every
report routed to their units, as responsible, in copy or from above (confidential reports
and exact points included); platform staff see everything. The gate asks the viewer, never
the template, what it may see.
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
    # Ids of the authority units the viewer acts for, and of those they head.
    unit_ids: frozenset[int] = frozenset()
    head_of: frozenset[int] = frozenset()
    # Platform-wide roles beside the units ("moderator", "analyst").
    platform_roles: frozenset[str] = frozenset()
    # Ids of the associations the viewer is a member of, and of those they administer, whatever
    # the association's status: services refuse to act for one that is not verified.
    association_ids: frozenset[int] = frozenset()
    association_admin_of: frozenset[int] = frozenset()

    @property
    def is_staff(self) -> bool:
        return self.role == ViewerRole.STAFF

    @property
    def acts_for_units(self) -> bool:
        return self.role == ViewerRole.OFFICER and bool(self.unit_ids)

    @property
    def is_moderator(self) -> bool:
        return self.is_staff or "moderator" in self.platform_roles


PUBLIC = Viewer()


def staff(user_id: int) -> Viewer:
    return Viewer(role=ViewerRole.STAFF, user_id=user_id)


def officer(user_id: int, unit_ids: Iterable[int], *, head_of: Iterable[int] = ()) -> Viewer:
    return Viewer(role=ViewerRole.OFFICER, user_id=user_id, unit_ids=frozenset(unit_ids), head_of=frozenset(head_of))


def viewer_for(user: AbstractBaseUser | AnonymousUser | None) -> Viewer:
    if user is None or not user.is_authenticated or user.pk is None:
        return PUBLIC
    if getattr(user, "is_staff", False):
        return staff(int(user.pk))
    # Imported here: the core knows no app; memberships are the authorities' to say, roles the accounts'.
    from amane.accounts.selectors import platform_roles_of
    from amane.associations.selectors import association_memberships_of
    from amane.authorities.selectors import memberships_of

    user_id = int(user.pk)
    roles = frozenset(platform_roles_of(user_id=user_id))
    associations, admin_of = association_memberships_of(user_id=user_id)
    units, heads = memberships_of(user_id=user_id)
    # A signed-in citizen, an association member, a moderator or an analyst sees the public's
    # reports; their own pages (associations, moderation) ask the viewer's other fields.
    return Viewer(
        role=ViewerRole.OFFICER if units else ViewerRole.PUBLIC,
        user_id=user_id,
        unit_ids=frozenset(units),
        head_of=frozenset(heads),
        platform_roles=roles,
        association_ids=frozenset(associations),
        association_admin_of=frozenset(admin_of),
    )

"""
Who is looking: every selector takes a Viewer and returns only what it may see.

The Foundation knows two kinds of viewer: the public (anyone, signed in or not) and the
platform's staff. Authority units and their jurisdictions will add a third kind here;
selectors already ask the viewer, not the template, what it may see.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class Viewer:
    user_id: int | None = None
    is_staff: bool = False

    @property
    def sees_confidential(self) -> bool:
        return self.is_staff

    @property
    def sees_exact_location(self) -> bool:
        return self.is_staff


PUBLIC = Viewer()


def viewer_for(user: AbstractBaseUser | AnonymousUser | None) -> Viewer:
    if user is None or not user.is_authenticated:
        return PUBLIC
    return Viewer(user_id=user.pk, is_staff=bool(getattr(user, "is_staff", False)))

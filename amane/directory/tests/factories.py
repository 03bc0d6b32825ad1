"""Directory entries built through the service officers use, and the people who keep them."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client

from amane.authorities.models import Unit
from amane.core.actors import Actor, Role
from amane.core.viewer import Viewer, ViewerRole
from amane.directory.models import DirectoryEntry, ServiceKind
from amane.directory.services import directory_entry_create

KEEPER = Viewer(role=ViewerRole.STAFF)
AN_OFFICER = Actor(role=Role.AUTHORITY, user_id=None)

_serial = iter(range(1, 10**6))


def entry_values(**overrides: Any) -> dict[str, Any]:
    """Fields of a valid entry, each number new: "05 28 1x xx xx"."""
    values: dict[str, Any] = {
        "service": ServiceKind.POLICE_STATION,
        "name_ar": "مفوضية الشرطة",
        "name_fr": "Commissariat de police",
        "number": f"0528{next(_serial):06d}",
        "address_ar": "شارع محمد الخامس",
        "address_fr": "Avenue Mohammed V",
        "hours": "24/7",
        "position": 0,
    }
    values.update(overrides)
    return values


def add_entry(unit: Unit, **overrides: Any) -> DirectoryEntry:
    return directory_entry_create(viewer=KEEPER, actor=AN_OFFICER, unit_id=unit.pk, **entry_values(**overrides))


def staff_user() -> User:
    return get_user_model().objects.create_user(username=f"staff-{User.objects.count()}", is_staff=True)


def citizen_user() -> User:
    return get_user_model().objects.create_user(username=f"citizen-{User.objects.count()}")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client

"""Associations built through the same services people use, on the square test geography."""

from itertools import count

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from amane.associations.models import Association, AssociationMember, AssociationStatus, MemberRole
from amane.associations.services import Registration, association_register
from amane.core.actors import Actor, Role
from amane.core.viewer import Viewer, viewer_for
from amane.geo.tests.factories import CITY

_numbers = count(1)
A_CITIZEN = Actor(role=Role.REPORTER)


def a_person(name: str = "person") -> User:
    return get_user_model().objects.create_user(username=f"{name}-{next(_numbers)}@example.org")


def registration(**overrides: object) -> Registration:
    fields: dict[str, object] = {
        "name_ar": "جمعية الأمان للحي",
        "name_fr": "Association Al Amane du quartier",
        "registration_number": f"REC-{next(_numbers)}/2024",
        "domains": ["neighbourhood", "schools"],
        "commune_codes": [CITY],
        "contact_email": "bureau@example.org",
        "contact_phone": "",
    }
    fields.update(overrides)
    return Registration(**fields)  # type: ignore[arg-type]


def registered(
    *, admin: User | None = None, status: str = AssociationStatus.PENDING, **overrides: object
) -> Association:
    """An association as registered by `admin`, then put in `status` directly (deciding is tested on its own)."""
    admin = admin or a_person("admin")
    association = association_register(actor=A_CITIZEN, user=admin, registration=registration(**overrides))
    if status != AssociationStatus.PENDING:
        Association.objects.filter(pk=association.pk).update(status=status)
        association.refresh_from_db()
    return association


def member_viewer(association: Association, *, role: str = MemberRole.MEMBER) -> Viewer:
    """A new member of the association, as a request signed in as them would see."""
    user = a_person(role)
    AssociationMember.objects.create(association=association, user=user, role=role, created_at=association.created_at)
    return viewer_for(user)


def admin_viewer(association: Association) -> Viewer:
    admin = association.members.get(role=MemberRole.ADMIN).user
    return viewer_for(admin)

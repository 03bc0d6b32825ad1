"""
Associations, members and black spots for tests, over the square test geography and its
units (amane.authorities.tests.factories): a black spot in the north annex of Grande Ville
is the annex's to answer, and the pashalik's above it.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from amane.associations.models import Association, AssociationMember, AssociationStatus, MemberRole
from amane.blackspots.models import BlackSpot, SensitivePlace
from amane.blackspots.services import black_spot_declare, sensitive_place_register
from amane.core import clock
from amane.core.actors import association_member
from amane.core.viewer import Viewer, viewer_for

# In the north annex (drawn: lon -8.00..-7.90, lat 31.25..31.30) of the city's west arrondissement.
SPOT_LON, SPOT_LAT = -7.97, 31.28
SPOT_POINT = {"type": "Point", "coordinates": [SPOT_LON, SPOT_LAT]}
# About 15 m from the point (a report's public cell centre then stays within 250 m), and about 900 m away.
NEAR = (31.2801, -7.9699)
FAR = (31.28, -7.9605)


def make_association(slug: str = "assoc-test", status: str = AssociationStatus.VERIFIED) -> Association:
    return Association.objects.create(
        slug=slug,
        name_ar=f"جمعية {slug}",
        name_fr=f"Association {slug}",
        registration_number=f"R-{slug}",
        status=status,
        created_at=clock.now(),
    )


def make_member(association: Association, *, admin: bool = False) -> User:
    user = get_user_model().objects.create_user(
        username=f"member-{association.slug}-{AssociationMember.objects.count()}"
    )
    AssociationMember.objects.create(
        association=association,
        user=user,
        role=MemberRole.ADMIN if admin else MemberRole.MEMBER,
        created_at=clock.now(),
    )
    return user


def member_viewer(slug: str = "assoc-test", status: str = AssociationStatus.VERIFIED) -> Viewer:
    association = Association.objects.filter(slug=slug).first() or make_association(slug, status)
    return viewer_for(make_member(association))


def declare(viewer: Viewer | None = None, **overrides: Any) -> BlackSpot:
    viewer = viewer or member_viewer()
    assert viewer.user_id is not None
    fields: dict[str, Any] = {
        "actor": association_member(viewer.user_id),
        "viewer": viewer,
        "category_code": "gathering-place",
        "geometry": SPOT_POINT,
        "description": "مقهى قرب المدرسة يتجمع فيه من يتربص بالتلاميذ",
    }
    fields.update(overrides)
    return black_spot_declare(**fields)


def make_place(viewer: Viewer, *, lat: float = NEAR[0], lon: float = NEAR[1], kind: str = "school") -> SensitivePlace:
    assert viewer.user_id is not None
    return sensitive_place_register(
        actor=association_member(viewer.user_id),
        viewer=viewer,
        kind=kind,
        name_ar="مدرسة الاختبار",
        name_fr="École test",
        lat=lat,
        lon=lon,
    )

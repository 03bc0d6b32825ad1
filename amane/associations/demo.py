"""
Demo associations in Taroudant, Khouribga and Casablanca, written through the same services as
real ones: verified by the unit that covers them, with an admin (and in Taroudant a member)
who sign in, and corroborations of demo reports; one more in Taroudant still waits for the
pashalik's verification. Idempotent: a second run only resets the passwords.
"""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from amane.associations.models import Association, AssociationMember, AssociationStatus, MemberRole
from amane.associations.selectors import verifying_unit_ids
from amane.associations.services import Registration, association_decide, association_register, corroboration_add
from amane.core.actors import DEMO_AUTHORITY, Actor, Role
from amane.core.errors import AmaneError
from amane.core.viewer import officer, viewer_for
from amane.geo.models import Area
from amane.geo.selectors import locate_point
from amane.reports.models import Report

DEMO_MEMBER = Actor(role=Role.ASSOCIATION, demo=True)


@dataclass(frozen=True)
class DemoAssociation:
    slug: str
    centre: tuple[float, float]  # lat, lon
    name_ar: str
    name_fr: str
    domains: tuple[str, ...]
    verified: bool
    admin: str
    member: str | None = None


DEMO_ASSOCIATIONS = (
    DemoAssociation(
        "demo-taroudant",
        (30.4703, -8.8770),
        "جمعية آباء وأولياء تلاميذ تارودانت",
        "Association des parents d'élèves de Taroudant",
        ("schools", "youth"),
        True,
        "assoc.taroudant",
        "member.taroudant",
    ),
    DemoAssociation(
        "demo-taroudant-youth",
        (30.4703, -8.8770),
        "جمعية شباب ساحة أسراك",
        "Association des jeunes de la place Assarag",
        ("youth", "addiction"),
        False,
        "youth.taroudant",
    ),
    DemoAssociation(
        "demo-khouribga",
        (32.8811, -6.9063),
        "جمعية نساء خريبكة من أجل الأمان",
        "Association des femmes de Khouribga pour la sécurité",
        ("women", "neighbourhood"),
        True,
        "assoc.khouribga",
    ),
    DemoAssociation(
        "demo-casablanca",
        (33.5731, -7.5898),
        "جمعية الحي المحمدي للتنمية",
        "Association de quartier Hay Mohammadi",
        ("neighbourhood", "road-safety"),
        True,
        "assoc.casablanca",
    ),
)
NOTES = (
    "نرى هذا كل مساء قرب المدرسة، وقد اشتكى منه عدد من الأولياء.",
    "Des habitantes nous ont signalé le même problème lors de notre permanence.",
)


def _commune(lat: float, lon: float) -> Area | None:
    try:
        return locate_point(lat=lat, lon=lon).commune
    except AmaneError:  # a geography without this city (tests) skips it
        return None


def _person(username: str) -> tuple[User, str]:
    password = secrets.token_urlsafe(12)
    user, _created = get_user_model().objects.get_or_create(username=username)
    user.set_password(password)
    user.save()
    return user, password


def _create(demo: DemoAssociation, commune: Area, admin: User) -> Association:
    registration = Registration(
        name_ar=demo.name_ar,
        name_fr=demo.name_fr,
        registration_number=f"DEMO-{demo.slug}",
        domains=demo.domains,
        commune_codes=[commune.code],
        contact_email=f"{demo.slug}@demo.invalid",
    )
    association = association_register(
        actor=DEMO_MEMBER, user=admin, registration=registration, demo=True, slug=demo.slug
    )
    if demo.verified:
        # The unit that covers the commune decides, as an officer of it would.
        deciding = officer(0, verifying_unit_ids(association_id=association.pk))
        if deciding.unit_ids:
            association = association_decide(actor=DEMO_AUTHORITY, viewer=deciding, slug=demo.slug, decision="verify")
    return association


def _corroborate(association: Association, commune: Area, admin: User) -> int:
    if association.status != AssociationStatus.VERIFIED or association.corroborations.exists():
        return 0
    reports = Report.objects.filter(commune=commune, public=True, is_demo=True).order_by("-id")[: len(NOTES)]
    for report, note in zip(reports, NOTES, strict=False):
        corroboration_add(
            actor=DEMO_MEMBER,
            viewer=viewer_for(admin),
            slug=association.slug,
            report_public_id=report.public_id,
            note=note,
        )
    return len(reports)


def seed_demo(*, seed: int = 2024) -> tuple[str, list[tuple[str, str, str]]]:
    """Create the demo associations; return a summary and the (username, password, what) to print."""
    logins: list[tuple[str, str, str]] = []
    made = corroborated = 0
    for demo in DEMO_ASSOCIATIONS:
        commune = _commune(*demo.centre)
        if commune is None:
            continue
        admin, password = _person(demo.admin)
        logins.append((demo.admin, password, f"admin of {demo.name_fr}"))
        association = Association.objects.filter(slug=demo.slug).first()
        if association is None:
            association = _create(demo, commune, admin)
            made += 1
        if demo.member:
            member, member_password = _person(demo.member)
            AssociationMember.objects.get_or_create(
                association=association,
                user=member,
                defaults={"role": MemberRole.MEMBER, "created_at": association.created_at},
            )
            logins.append((demo.member, member_password, f"member of {demo.name_fr}"))
        corroborated += _corroborate(association, commune, admin)
    return f"{made} demo associations, {corroborated} corroborations", logins

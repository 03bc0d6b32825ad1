"""
Demo black spots: the café by the school in Taroudant, and one each in Khouribga and Casablanca.

Each city gets a verified demo association ("demo-taroudant"…) if none has that slug yet (the
associations' own services may create them first), a demo member, and its black spot filed
through the services, so that routing, deadlines and the audit trail are the real ones. In
Taroudant a school is registered beside the café, two demo reports are filed there and
linked, and the pashalik answers "action planned". Run again, it adds nothing.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from amane.associations.models import Association, AssociationCommune, AssociationMember, AssociationStatus
from amane.authorities.models import Membership, MembershipRole, Unit
from amane.blackspots.models import BlackSpot
from amane.blackspots.services import black_spot_answer, black_spot_declare, sensitive_place_register
from amane.core import clock
from amane.core.actors import DEMO_REPORTER, Actor, Role
from amane.core.errors import AmaneError
from amane.core.viewer import viewer_for
from amane.geo.selectors import locate_point
from amane.reports.services import report_submit


@dataclass(frozen=True)
class DemoSpot:
    city: str
    name_ar: str
    name_fr: str
    lat: float
    lon: float
    category: str
    description: str
    # A small drawn area instead of a point, half this many degrees around it (0: a point).
    half_side: float = 0.0


TAROUDANT = DemoSpot(
    "taroudant",
    "جمعية آباء وأولياء تلاميذ مدرسة الأمل",
    "Association des parents d'élèves de l'école Al Amal",
    30.4748,
    -8.8795,
    "gathering-place",
    "مقهى قبالة باب المدرسة يجلس فيه شبان يبيعون الحبوب للتلاميذ"
    " ويتحرشون بالتلميذات عند الخروج، خاصة بعد الخامسة مساء.",
)
OTHERS = (
    DemoSpot(
        "khouribga",
        "جمعية شباب حي الفتح",
        "Association des jeunes du quartier Al Fath",
        32.8830,
        -6.9080,
        "drugs",
        "أرض خلاء وراء السوق الأسبوعي يجتمع فيها مروجو المخدرات ليلًا، والإنارة معطلة منذ أشهر.",
    ),
    DemoSpot(
        "casablanca",
        "جمعية سكان درب السلطان للتنمية",
        "Association des habitants de Derb Sultan pour le développement",
        33.5731,
        -7.5898,
        "unsafe-space",
        "Bâtiment abandonné au coin de la rue : squatté la nuit, des passants y ont été agressés.",
        half_side=0.0008,
    ),
)


def _association(spot: DemoSpot, commune_id: int) -> Association:
    association, created = Association.objects.get_or_create(
        slug=f"demo-{spot.city}",
        defaults={
            "name_ar": spot.name_ar,
            "name_fr": spot.name_fr,
            "registration_number": f"DEMO-{spot.city.upper()}-001",
            "domains": ["neighbourhood", "schools"] if spot.city == "taroudant" else ["neighbourhood", "youth"],
            "status": AssociationStatus.VERIFIED,
            "is_demo": True,
            "created_at": clock.now(),
            "decided_at": clock.now(),
        },
    )
    if created:
        AssociationCommune.objects.create(association=association, commune_id=commune_id)
    return association


def _member(association: Association) -> User:
    user, _created = get_user_model().objects.get_or_create(username=f"member.{association.slug.removeprefix('demo-')}")
    if _created:
        user.set_unusable_password()
        user.save()
    AssociationMember.objects.get_or_create(association=association, user=user, defaults={"created_at": clock.now()})
    return user


def _geometry(spot: DemoSpot) -> dict[str, object]:
    if not spot.half_side:
        return {"type": "Point", "coordinates": [spot.lon, spot.lat]}
    d = spot.half_side
    ring = [[spot.lon - d, spot.lat - d], [spot.lon + d, spot.lat - d], [spot.lon + d, spot.lat + d]]
    ring += [[spot.lon - d, spot.lat + d], [spot.lon - d, spot.lat - d]]
    return {"type": "Polygon", "coordinates": [ring]}


def _declare(spot: DemoSpot, *, report_ids: Sequence[str] = (), place_ids: Sequence[int] = ()) -> BlackSpot | None:
    location = locate_point(lat=spot.lat, lon=spot.lon)
    association = _association(spot, location.commune.pk)
    if BlackSpot.objects.filter(association=association, is_demo=True).exists():
        return None
    member = _member(association)
    viewer = viewer_for(member)
    return black_spot_declare(
        actor=Actor(role=Role.ASSOCIATION, user_id=member.pk, demo=True),
        viewer=viewer,
        association_slug=association.slug,
        category_code=spot.category,
        geometry=_geometry(spot),
        description=spot.description,
        report_ids=report_ids,
        place_ids=place_ids,
    )


def _taroudant() -> BlackSpot | None:
    association = Association.objects.filter(slug="demo-taroudant").first()
    if association and BlackSpot.objects.filter(association=association, is_demo=True).exists():
        return None
    location = locate_point(lat=TAROUDANT.lat, lon=TAROUDANT.lon)
    member = _member(association or _association(TAROUDANT, location.commune.pk))
    school = sensitive_place_register(
        actor=Actor(role=Role.ASSOCIATION, user_id=member.pk, demo=True),
        viewer=viewer_for(member),
        kind="school",
        name_ar="مدرسة الأمل الابتدائية",
        name_fr="École primaire Al Amal",
        lat=TAROUDANT.lat + 0.0004,
        lon=TAROUDANT.lon + 0.0003,
    )
    reports = [
        report_submit(
            actor=DEMO_REPORTER,
            category_code=category,
            description=text,
            occurred_at=clock.now() - dt.timedelta(days=days),
            lat=TAROUDANT.lat,
            lon=TAROUDANT.lon,
        ).report
        for category, text, days in (
            ("harassment", "شبان أمام المقهى يتحرشون بالتلميذات عند خروجهن من المدرسة.", 9),
            ("drugs", "بيع حبوب للتلاميذ في المقهى المقابل للمدرسة، رأيت ذلك مرتين هذا الأسبوع.", 4),
        )
    ]
    spot = _declare(TAROUDANT, report_ids=[r.public_id for r in reports], place_ids=[school.pk])
    if spot is not None:
        _pashalik_answers(spot)
    return spot


def _pashalik_answers(spot: BlackSpot) -> None:
    pashalik = Unit.objects.filter(code="pashalik-taroudant").first()
    if pashalik is None:
        return
    user, created = get_user_model().objects.get_or_create(username="pasha.taroudant")
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(user=user, unit=pashalik, defaults={"role": MembershipRole.HEAD})
    black_spot_answer(
        actor=Actor(role=Role.AUTHORITY, user_id=user.pk, demo=True),
        viewer=viewer_for(user),
        public_id=spot.public_id,
        status="action-planned",
        text="دوريات مشتركة عند خروج التلاميذ ابتداء من الأسبوع المقبل، ومراقبة رخصة المقهى.",
        planned_for=timezone.localdate() + dt.timedelta(days=14),
    )


def seed_demo(*, seed: int = 2024) -> str:
    """Seed the demo black spots (idempotent) and return a one-line summary."""
    made, skipped = [], []
    steps: list[tuple[str, Callable[[], BlackSpot | None]]] = [("Taroudant", _taroudant)]
    steps += [(spot.city.title(), partial(_declare, spot)) for spot in OTHERS]
    for name, make in steps:
        try:
            with transaction.atomic():
                spot = make()
        except AmaneError as error:
            # No geography or no units yet: the rest of the demo goes on without this city.
            skipped.append(f"{name} ({error.detail})")
            continue
        if spot is not None:
            made.append(name)
    total = BlackSpot.objects.filter(is_demo=True).count()
    summary = f"black spots: {len(made)} added ({', '.join(made) or 'none'}), {total} demo in all"
    return summary + (f"; skipped {', '.join(skipped)}" if skipped else "")

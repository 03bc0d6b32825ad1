"""
Demo meetings: in Taroudant, Khouribga and Casablanca, a consultation meeting held some weeks
ago with a demo association, its minutes, and two recommendations, one done and one late.

Written through the services, each step with the clock pinned to its day, by demo actors.
Run again, it finds the meetings it made and adds nothing.
"""

import datetime as dt

from django.utils import timezone

from amane.associations.models import Association, AssociationCommune, AssociationStatus, Domain
from amane.authorities.models import Unit, UnitKind
from amane.blackspots.models import BlackSpot
from amane.core import clock
from amane.core.actors import DEMO_AUTHORITY, Actor, Role
from amane.core.viewer import Viewer, ViewerRole
from amane.meetings import selectors, services
from amane.meetings.models import InvitationResponse, Meeting, RecommendationStatus

DEMO_ASSOCIATION = Actor(role=Role.ASSOCIATION, demo=True)

# (association slug, Arabic and French names, how the unit is found, the meeting's texts)
PLACES = [
    (
        "demo-taroudant",
        "جمعية أحياء تارودانت للتنمية",
        "Association des quartiers de Taroudant",
        {"code": "pashalik-taroudant"},
        "المقهى المجاور للمدرسة الابتدائية",
        "Le café près de l'école primaire",
    ),
    (
        "demo-khouribga",
        "جمعية شباب خريبكة",
        "Association des jeunes de Khouribga",
        {"code__startswith": "pashalik-05.311", "kind": UnitKind.PASHALIK},
        "الإنارة العمومية في الأحياء الجديدة",
        "L'éclairage public des nouveaux quartiers",
    ),
    (
        "demo-casablanca",
        "جمعية آباء وأولياء التلاميذ بالدار البيضاء",
        "Association des parents d'élèves de Casablanca",
        {"code__startswith": "district-06.1", "kind": UnitKind.DISTRICT},
        "محيط المؤسسات التعليمية",
        "Les abords des établissements scolaires",
    ),
]


def _association(slug: str, name_ar: str, name_fr: str, commune_ids: set[int], unit: Unit) -> Association:
    association, _created = Association.objects.get_or_create(
        slug=slug,
        defaults={
            "name_ar": name_ar,
            "name_fr": name_fr,
            "registration_number": f"DEMO-{slug.upper()}",
            "domains": [Domain.NEIGHBOURHOOD, Domain.SCHOOLS],
            "status": AssociationStatus.VERIFIED,
            "decided_by_unit": unit,
            "decided_at": clock.now(),
            "is_demo": True,
            "created_at": clock.now(),
        },
    )
    for commune_id in sorted(commune_ids)[:3]:
        AssociationCommune.objects.get_or_create(association=association, commune_id=commune_id)
    return association


def _black_spots_declared_by(association: Association) -> list[str]:
    """The association's own demo black spots, which the meeting's recommendation answers."""
    spots = BlackSpot.objects.filter(association=association, is_demo=True, hidden=False)
    return list(spots.values_list("public_id", flat=True)[:3])


def _hold(unit: Unit, association: Association, topic_ar: str, topic_fr: str, today: dt.datetime) -> Meeting:
    officer = Viewer(role=ViewerRole.OFFICER, unit_ids=frozenset({unit.pk}))
    member = Viewer(association_ids=frozenset({association.pk}))
    starts = (today - dt.timedelta(days=40)).replace(hour=10, minute=0)
    with clock.pinned_at(starts - dt.timedelta(days=10)):
        meeting = services.meeting_schedule(
            viewer=officer,
            actor=DEMO_AUTHORITY,
            unit_code=unit.code,
            title_ar=f"لقاء تشاوري: {topic_ar}",
            title_fr=f"Réunion de concertation : {topic_fr}",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            place=f"مقر {unit.name_ar}",
            agenda_ar=f"1. {topic_ar}\n2. تتبع التوصيات السابقة\n3. أرقام الهاتف المفيدة",
            agenda_fr=f"1. {topic_fr}\n2. Suivi des recommandations\n3. Les numéros utiles",
        )
        services.meeting_invite(
            viewer=officer, actor=DEMO_AUTHORITY, public_id=meeting.public_id, association_slugs=[association.slug]
        )
    with clock.pinned_at(starts - dt.timedelta(days=7)):
        services.invitation_respond(
            viewer=member,
            actor=DEMO_ASSOCIATION,
            public_id=meeting.public_id,
            association_slug=association.slug,
            response=InvitationResponse.CONFIRMED,
        )
    with clock.pinned_at(starts + dt.timedelta(hours=3)):
        services.meeting_record_attendance(
            viewer=officer, actor=DEMO_AUTHORITY, public_id=meeting.public_id, attended_slugs=[association.slug]
        )
        services.meeting_record_minutes(
            viewer=officer,
            actor=DEMO_AUTHORITY,
            public_id=meeting.public_id,
            minutes=(
                f"حضر ممثلو {association.name_ar}. نوقش موضوع: {topic_ar}. "
                "اتفق الحاضرون على تعزيز الدوريات وإصلاح الإنارة في محيط المكان."
            ),
        )
        done = services.recommendation_add(
            viewer=officer,
            actor=DEMO_AUTHORITY,
            meeting_public_id=meeting.public_id,
            text_ar="تعزيز الدوريات في أوقات خروج التلاميذ",
            text_fr="Renforcer les patrouilles aux heures de sortie des élèves",
            responsible_unit_code=unit.code,
            due_on=(starts + dt.timedelta(days=30)).date(),
        )
        late = services.recommendation_add(
            viewer=officer,
            actor=DEMO_AUTHORITY,
            meeting_public_id=meeting.public_id,
            text_ar="إصلاح الإنارة العمومية في الزقاق المؤدي إلى المدرسة",
            text_fr="Réparer l'éclairage public de la ruelle menant à l'école",
            responsible_unit_code=unit.code,
            due_on=(starts + dt.timedelta(days=35)).date(),
            black_spot_ids=_black_spots_declared_by(association),
        )
    with clock.pinned_at(starts + dt.timedelta(days=12)):
        services.recommendation_update(
            viewer=officer,
            actor=DEMO_AUTHORITY,
            public_id=late.public_id,
            text="طلب إصلاح الإنارة أرسل إلى الجماعة.",
            new_status=RecommendationStatus.IN_PROGRESS,
        )
    with clock.pinned_at(starts + dt.timedelta(days=20)):
        services.recommendation_update(
            viewer=officer,
            actor=DEMO_AUTHORITY,
            public_id=done.public_id,
            text="دوريات يومية منذ ثلاثة أسابيع عند الساعة 12 و18.",
            new_status=RecommendationStatus.DONE,
        )
    return meeting


def seed_demo(*, seed: int = 2024) -> str:
    """Hold one demo meeting per demo place whose unit exists; return a one-line summary."""
    today = timezone.localtime(clock.now()).replace(second=0, microsecond=0)
    made = kept = skipped = 0
    for slug, name_ar, name_fr, unit_filter, topic_ar, topic_fr in PLACES:
        unit = Unit.objects.filter(**unit_filter).order_by("code").first()
        if unit is None:
            skipped += 1
            continue
        if Meeting.objects.filter(unit=unit, is_demo=True).exists():
            kept += 1
            continue
        association = _association(slug, name_ar, name_fr, selectors.unit_commune_ids(unit=unit), unit)
        _hold(unit, association, topic_ar, topic_fr, today)
        made += 1
    return f"meetings: {made} demo meetings held, {kept} already there, {skipped} places without their unit"

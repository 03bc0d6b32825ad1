"""
Meetings built through the services, over the square geography's units (build_units):
the pashalik of Grande Ville holds them; associations work in Grande Ville or elsewhere.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from amane.associations.models import Association, AssociationCommune, AssociationMember, AssociationStatus, MemberRole
from amane.authorities.tests.factories import member_of
from amane.core import clock
from amane.core.actors import Actor, Role, authority_user
from amane.core.viewer import Viewer, ViewerRole, viewer_for
from amane.geo.models import Area
from amane.geo.tests.factories import CITY
from amane.meetings import services
from amane.meetings.models import Meeting, Recommendation

HOLDER = "pashalik-city"


def association(
    slug: str, *, communes: tuple[str, ...] = (CITY,), status: str = AssociationStatus.VERIFIED, email: str = ""
) -> Association:
    made = Association.objects.create(
        slug=slug,
        name_ar=f"جمعية {slug}",
        name_fr=f"Association {slug}",
        registration_number=f"REG-{slug}",
        status=status,
        contact_email=email,
        created_at=clock.now(),
    )
    for code in communes:
        AssociationCommune.objects.create(association=made, commune=Area.objects.get(code=code))
    return made


def association_user(of: Association, *, admin: bool = False) -> User:
    user = get_user_model().objects.create_user(username=f"member-{of.slug}-{AssociationMember.objects.count()}")
    role = MemberRole.ADMIN if admin else MemberRole.MEMBER
    AssociationMember.objects.create(association=of, user=user, role=role, created_at=clock.now())
    return user


def officer(unit_code: str = HOLDER, *, head: bool = False) -> tuple[Viewer, Actor]:
    user = member_of(unit_code, head=head)
    return viewer_for(user), authority_user(user.pk)


def schedule(
    unit_code: str = HOLDER,
    *,
    starts_in: dt.timedelta = dt.timedelta(days=7),
    acting: tuple[Viewer, Actor] | None = None,
) -> Meeting:
    viewer, actor = acting or officer(unit_code)
    starts = clock.now() + starts_in
    return services.meeting_schedule(
        viewer=viewer,
        actor=actor,
        unit_code=unit_code,
        title_ar="لقاء تشاوري",
        title_fr="Réunion de concertation",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        place="Salle du pachalik",
        agenda_ar="المقهى المجاور للمدرسة",
        agenda_fr="Le café près de l'école",
    )


def held_meeting(unit_code: str = HOLDER, *, invite: tuple[str, ...] = (), days_ago: int = 30) -> Meeting:
    """A meeting scheduled, attended by those invited, its minutes recorded, `days_ago` days ago."""
    acting = officer(unit_code)
    viewer, actor = acting
    start = clock.now() - dt.timedelta(days=days_ago)
    with clock.pinned_at(start - dt.timedelta(days=5)):
        meeting = schedule(unit_code, starts_in=dt.timedelta(days=5), acting=acting)
        if invite:
            services.meeting_invite(
                viewer=viewer, actor=actor, public_id=meeting.public_id, association_slugs=list(invite)
            )
    with clock.pinned_at(start + dt.timedelta(hours=3)):
        services.meeting_record_attendance(
            viewer=viewer, actor=actor, public_id=meeting.public_id, attended_slugs=list(invite)
        )
        return services.meeting_record_minutes(viewer=viewer, actor=actor, public_id=meeting.public_id, minutes="PV")


def recommend(meeting: Meeting, *, due_on: dt.date, responsible: str | None = None) -> Recommendation:
    viewer = Viewer(role=ViewerRole.OFFICER, unit_ids=frozenset({meeting.unit_id}))
    return services.recommendation_add(
        viewer=viewer,
        actor=Actor(role=Role.AUTHORITY),
        meeting_public_id=meeting.public_id,
        text_ar="تعزيز الدوريات",
        text_fr="Renforcer les patrouilles",
        responsible_unit_code=responsible or meeting.unit.code,
        due_on=due_on,
    )

"""
Who may do what with meetings and recommendations: every role against every action.

A refusal is any service error (not allowed, not found, invalid for a unit that is not
theirs); a refused action leaves no row and no audit entry behind.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client

from amane.audit.models import AuditEntry
from amane.authorities.tests.factories import Units, member_of
from amane.core import clock
from amane.core.actors import Actor, Role
from amane.core.errors import AmaneError
from amane.core.viewer import Viewer, viewer_for
from amane.meetings import services
from amane.meetings.models import Meeting, MeetingInvitation, Recommendation, RecommendationUpdate
from amane.meetings.tests.factories import HOLDER, association, association_user, held_meeting, recommend, schedule

pytestmark = pytest.mark.django_db

ROLES = [
    "public",
    "citizen",
    "member_invited",
    "admin_invited",
    "member_uninvited",
    "officer_of_unit",
    "officer_of_other_unit",
    "head_of_unit",
    "staff",
]
ACTIONS = ["schedule", "invite", "confirm", "attend", "minutes", "recommend", "update", "view"]
OFFICERS = {"officer_of_unit", "head_of_unit"}
ALLOWED = {
    "schedule": OFFICERS,
    "invite": OFFICERS,
    "confirm": {"member_invited", "admin_invited"},
    "attend": OFFICERS,
    "minutes": OFFICERS,
    "recommend": OFFICERS,
    "update": OFFICERS,
    "view": set(ROLES),
}


@dataclass
class World:
    scheduled: Meeting
    held: Meeting
    recommendation: Recommendation


def _world() -> World:
    invited = association("invited")
    association("uninvited")
    association("later")
    held = held_meeting(invite=("invited",))
    scheduled = schedule()
    MeetingInvitation.objects.create(meeting=scheduled, association=invited, invited_at=clock.now())
    return World(scheduled=scheduled, held=held, recommendation=recommend(held, due_on=clock.now().date()))


def _user(role: str) -> User | None:
    if role == "public":
        return None
    if role == "citizen":
        return get_user_model().objects.create_user(username="citizen")
    if role == "staff":
        return get_user_model().objects.create_user(username="staff", is_staff=True)
    if role in ("member_invited", "admin_invited", "member_uninvited"):
        slug = "uninvited" if role == "member_uninvited" else "invited"
        from amane.associations.models import Association

        return association_user(Association.objects.get(slug=slug), admin=role == "admin_invited")
    unit = "caidat-douar" if role == "officer_of_other_unit" else HOLDER
    return member_of(unit, head=role == "head_of_unit")


def _act(action: str, viewer: Viewer, actor: Actor, world: World) -> None:
    starts = clock.now() + dt.timedelta(days=2)
    run: dict[str, Callable[[], object]] = {
        "schedule": lambda: services.meeting_schedule(
            viewer=viewer,
            actor=actor,
            unit_code=HOLDER,
            title_fr="Réunion",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            place="Salle",
            agenda_fr="Ordre du jour",
        ),
        "invite": lambda: services.meeting_invite(
            viewer=viewer, actor=actor, public_id=world.scheduled.public_id, association_slugs=["later"]
        ),
        "confirm": lambda: services.invitation_respond(
            viewer=viewer,
            actor=actor,
            public_id=world.scheduled.public_id,
            association_slug="invited",
            response="confirmed",
        ),
        "attend": lambda: services.meeting_record_attendance(
            viewer=viewer, actor=actor, public_id=world.held.public_id, attended_slugs=[]
        ),
        "minutes": lambda: services.meeting_record_minutes(
            viewer=viewer, actor=actor, public_id=world.held.public_id, minutes="Autre PV"
        ),
        "recommend": lambda: services.recommendation_add(
            viewer=viewer,
            actor=actor,
            meeting_public_id=world.held.public_id,
            text_fr="Autre",
            responsible_unit_code=HOLDER,
            due_on=clock.now().date(),
        ),
        "update": lambda: services.recommendation_update(
            viewer=viewer, actor=actor, public_id=world.recommendation.public_id, text="Fait", new_status="done"
        ),
    }
    run[action]()


def _state() -> tuple[object, ...]:
    held = Meeting.objects.order_by("starts_at").first()
    return (
        Meeting.objects.count(),
        list(MeetingInvitation.objects.order_by("pk").values_list("response", "attended")),
        held.minutes if held else None,
        Recommendation.objects.count(),
        RecommendationUpdate.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_access(units: Units, role: str, action: str) -> None:
    world = _world()
    user = _user(role)
    allowed = role in ALLOWED[action]
    if action == "view":
        client = Client()
        if user is not None:
            client.force_login(user)
        assert client.get(f"/meetings/{world.held.public_id}/").status_code == 200
        assert client.get(f"/recommendations/{world.recommendation.public_id}/").status_code == 200
        return
    viewer = viewer_for(user)
    actor = Actor(role=Role.ASSOCIATION if action == "confirm" else Role.AUTHORITY, user_id=viewer.user_id)
    before = _state()
    if allowed:
        _act(action, viewer, actor, world)
        assert _state() != before
    else:
        with pytest.raises(AmaneError):
            _act(action, viewer, actor, world)
        assert _state() == before

"""
Who may do what to an announcement: the public, a signed-in citizen, an officer of the unit,
an officer of another unit, the unit's head and platform staff, against create, edit,
withdraw and reading one hidden by community flags.
"""

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model

from amane.announcements import selectors, services
from amane.announcements.models import Announcement
from amane.announcements.tests.factories import AN_OFFICER_ACTOR, announcement_input, publish
from amane.authorities.tests.factories import Units, officer_of
from amane.core.errors import AmaneError
from amane.core.viewer import PUBLIC, Viewer, viewer_for

pytestmark = pytest.mark.django_db


def _citizen(units: Units) -> Viewer:
    return viewer_for(get_user_model().objects.create_user(username="citizen"))


def _staff(units: Units) -> Viewer:
    return viewer_for(get_user_model().objects.create_user(username="admin", is_staff=True))


PERSONAS: dict[str, Callable[[Units], Viewer]] = {
    "public": lambda units: PUBLIC,
    "citizen": _citizen,
    "officer of the unit": lambda units: officer_of(units.pashalik.code),
    "officer of another unit": lambda units: officer_of(units.city_police.code),
    "head of the unit": lambda units: officer_of(units.pashalik.code, head=True),
    "staff": _staff,
}


def _create(viewer: Viewer, units: Units, announcement: Announcement) -> None:
    services.announcement_create(
        viewer=viewer, actor=AN_OFFICER_ACTOR, unit_code=units.pashalik.code, data=announcement_input()
    )


def _edit(viewer: Viewer, units: Units, announcement: Announcement) -> None:
    services.announcement_update(
        viewer=viewer, actor=AN_OFFICER_ACTOR, public_id=announcement.public_id, data=announcement_input(title_ar="ج")
    )


def _withdraw(viewer: Viewer, units: Units, announcement: Announcement) -> None:
    services.announcement_withdraw(viewer=viewer, actor=AN_OFFICER_ACTOR, public_id=announcement.public_id)


def _view_hidden(viewer: Viewer, units: Units, announcement: Announcement) -> None:
    Announcement.objects.filter(pk=announcement.pk).update(hidden=True)
    selectors.announcement_get(viewer=viewer, public_id=announcement.public_id)


ACTIONS = {"create": _create, "edit": _edit, "withdraw": _withdraw, "view hidden": _view_hidden}

ALLOWED = {
    "create": {"officer of the unit", "head of the unit"},
    "edit": {"officer of the unit", "head of the unit"},
    "withdraw": {"officer of the unit", "head of the unit", "staff"},
    "view hidden": {"officer of the unit", "head of the unit", "staff"},
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("persona", list(PERSONAS))
def test_access(units: Units, persona: str, action: str) -> None:
    announcement = publish(units.pashalik)
    viewer = PERSONAS[persona](units)
    count = Announcement.objects.count()
    try:
        ACTIONS[action](viewer, units, announcement)
    except AmaneError:
        allowed = False
    else:
        allowed = True
    assert allowed is (persona in ALLOWED[action])
    if not allowed and action == "create":
        assert Announcement.objects.count() == count
    if not allowed and action in ("edit", "withdraw"):
        announcement.refresh_from_db()
        assert announcement.title_ar == announcement_input().title_ar
        assert announcement.withdrawn_at is None

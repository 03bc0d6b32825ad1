"""Announcements built through the service officers use, on the square test geography."""

import datetime as dt
from typing import Any

from amane.announcements.models import Announcement
from amane.announcements.services import AnnouncementInput, announcement_create
from amane.authorities.models import Unit
from amane.core import clock
from amane.core.actors import Actor, Role
from amane.core.viewer import Viewer, ViewerRole

AN_OFFICER_ACTOR = Actor(role=Role.AUTHORITY)


def announcement_input(**overrides: Any) -> AnnouncementInput:
    fields: dict[str, Any] = {
        "title_ar": "إغلاق طريق السوق",
        "body_ar": "<p>يغلق طريق السوق يوم الأحد.</p>",
        "title_fr": "Fermeture de la route du souk",
        "body_fr": "<p>La route du souk est fermée dimanche.</p>",
    }
    fields.update(overrides)
    return AnnouncementInput(**fields)


def urgent_input(days: float = 3, **overrides: Any) -> AnnouncementInput:
    now = clock.now()
    return announcement_input(urgent=True, publishes_at=now, expires_at=now + dt.timedelta(days=days), **overrides)


def as_officer_of(unit: Unit) -> Viewer:
    return Viewer(role=ViewerRole.OFFICER, user_id=None, unit_ids=frozenset({unit.pk}))


def publish(unit: Unit, data: AnnouncementInput | None = None) -> Announcement:
    return announcement_create(
        viewer=as_officer_of(unit), actor=AN_OFFICER_ACTOR, unit_code=unit.code, data=data or announcement_input()
    )

"""The commune page's section of current announcements, and its feed's address."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from amane.announcements import selectors
from amane.core.viewer import Viewer
from amane.geo.models import Area
from amane.web.sections import CommuneSection, register_commune_section


def _context(request: HttpRequest, commune: Area, viewer: Viewer) -> dict[str, Any] | None:
    return {
        "announcements": selectors.current_for_area(area=commune),
        "feed_url": reverse("commune_feed", args=[commune.code]),
    }


def register() -> None:
    register_commune_section(
        CommuneSection(name="announcements", template="announcements/_commune_section.html", context=_context, order=20)
    )

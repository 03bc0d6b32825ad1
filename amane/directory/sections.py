"""The commune page's section of numbers: national ones for the commune's type, then the local ones."""

from typing import Any

from django.http import HttpRequest

from amane.core.viewer import Viewer
from amane.directory.selectors import numbers_of_commune
from amane.geo.models import Area
from amane.web.sections import CommuneSection


def numbers_context(request: HttpRequest, commune: Area, viewer: Viewer) -> dict[str, Any]:
    # Officers find here the way to their units' own entries (the inbox is not this app's page).
    return {"numbers": numbers_of_commune(commune=commune), "keeper": viewer.is_staff or viewer.acts_for_units}


# Before the reports (50): someone in danger should find a number before reading the list.
NUMBERS_SECTION = CommuneSection(
    name="numbers", template="directory/_commune_numbers.html", context=numbers_context, order=10
)

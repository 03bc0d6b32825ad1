"""The commune page's section: the commune's black spots, as the viewer may see them."""

from typing import Any

from django.http import HttpRequest

from amane.core.viewer import Viewer
from amane.geo.models import Area
from amane.web.sections import CommuneSection, register_commune_section

SHOWN = 20


def _context(request: HttpRequest, commune: Area, viewer: Viewer) -> dict[str, Any] | None:
    from amane.blackspots.selectors import black_spots_of_commune, latest_answer

    spots = black_spots_of_commune(viewer=viewer, commune=commune, limit=SHOWN)
    return {"spots": [(spot, latest_answer(spot)) for spot in spots], "commune": commune}


def register() -> None:
    register_commune_section(
        CommuneSection(name="black-spots", template="blackspots/_commune_section.html", context=_context, order=40)
    )

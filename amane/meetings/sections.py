"""The commune page's section on recommendations: the counts, and the way to the full page."""

from typing import Any

from django.http import HttpRequest

from amane.core import clock
from amane.core.viewer import Viewer
from amane.geo.models import Area
from amane.meetings import selectors


def commune_accountability_section(request: HttpRequest, commune: Area, viewer: Viewer) -> dict[str, Any] | None:
    """The counts of the commune's recommendations (one read); left out where there is none."""
    tally = selectors.commune_tally(commune=commune, today=clock.now().date())
    if not tally.total:
        return None
    return {"commune": commune, "tally": tally}

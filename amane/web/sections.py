"""
Sections that other apps add to the commune page (black spots, numbers, recommendations…).

An app registers a section in its AppConfig.ready(); the commune page asks each for its
context and includes its template, in order, so that the page grows without every app
editing one view and one template. A section whose context is None is left out.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from amane.core.viewer import Viewer
from amane.geo.models import Area

SectionContext = Callable[[HttpRequest, Area, Viewer], dict[str, Any] | None]


@dataclass(frozen=True)
class CommuneSection:
    name: str
    template: str
    context: SectionContext
    # Smaller first; the reports list is at 50.
    order: int = 100


_COMMUNE_SECTIONS: dict[str, CommuneSection] = {}


def register_commune_section(section: CommuneSection) -> None:
    _COMMUNE_SECTIONS[section.name] = section


@dataclass(frozen=True)
class RenderedSection:
    template: str
    context: dict[str, Any]
    order: int


def commune_sections(request: HttpRequest, commune: Area, viewer: Viewer) -> list[RenderedSection]:
    rendered = []
    for section in sorted(_COMMUNE_SECTIONS.values(), key=lambda section: (section.order, section.name)):
        context = section.context(request, commune, viewer)
        if context is not None:
            rendered.append(RenderedSection(template=section.template, context=context, order=section.order))
    return rendered

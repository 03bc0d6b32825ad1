"""
Sections that other apps add to the commune page and to a report's page (black spots,
numbers, recommendations, corroborations…).

An app registers a section in its AppConfig.ready(); the page asks each for its context and
includes its template, in order, so that the page grows without every app editing one view
and one template. A section whose context is None is left out.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from amane.core.viewer import Viewer
from amane.geo.models import Area
from amane.reports.models import Report

CommuneContext = Callable[[HttpRequest, Area, Viewer], dict[str, Any] | None]
ReportContext = Callable[[HttpRequest, Report, Viewer], dict[str, Any] | None]


@dataclass(frozen=True)
class CommuneSection:
    name: str
    template: str
    context: CommuneContext
    # Smaller first; the commune's reports list is at 50.
    order: int = 100


@dataclass(frozen=True)
class ReportSection:
    name: str
    template: str
    context: ReportContext
    # Smaller first; the report's timeline is at 50.
    order: int = 100


_COMMUNE_SECTIONS: dict[str, CommuneSection] = {}
_REPORT_SECTIONS: dict[str, ReportSection] = {}


def register_commune_section(section: CommuneSection) -> None:
    _COMMUNE_SECTIONS[section.name] = section


def register_report_section(section: ReportSection) -> None:
    _REPORT_SECTIONS[section.name] = section


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


def report_sections(request: HttpRequest, report: Report, viewer: Viewer) -> list[RenderedSection]:
    rendered = []
    for section in sorted(_REPORT_SECTIONS.values(), key=lambda section: (section.order, section.name)):
        context = section.context(request, report, viewer)
        if context is not None:
            rendered.append(RenderedSection(template=section.template, context=context, order=section.order))
    return rendered

"""What associations add to a report's page and to the commune page."""

from typing import Any

from django.http import HttpRequest

from amane.associations import selectors
from amane.associations.forms import CorroborationForm
from amane.core.viewer import Viewer
from amane.geo.models import Area
from amane.reports.models import Report
from amane.web.sections import CommuneSection, ReportSection, register_commune_section, register_report_section
from amane.web.templatetags.amane import name


def report_corroborations(request: HttpRequest, report: Report, viewer: Viewer) -> dict[str, Any] | None:
    if not report.public:
        return None
    acting = [
        association
        for association in selectors.verified_associations_of(viewer=viewer)
        if association.pk not in selectors.corroborated_by(viewer=viewer, report_id=report.pk)
    ]
    form = CorroborationForm(associations=[(association.slug, name(association)) for association in acting])
    return {
        "corroborations": selectors.corroborations_public(report_id=report.pk),
        "form": form if acting else None,
        "report": report,
    }


def commune_associations(request: HttpRequest, commune: Area, viewer: Viewer) -> dict[str, Any] | None:
    found = selectors.associations_public(commune_code=commune.code)
    return {"associations": found[:10], "more": len(found) > 10, "commune": commune}


def register() -> None:
    register_report_section(
        ReportSection(
            name="corroborations", template="associations/_corroborations.html", context=report_corroborations
        )
    )
    register_commune_section(
        CommuneSection(
            name="associations", template="associations/_commune.html", context=commune_associations, order=80
        )
    )

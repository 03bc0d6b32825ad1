"""Reports built through the same service citizens use, on the square test geography."""

import datetime as dt
from typing import Any

from django.utils import timezone

from amane.core.actors import ANONYMOUS_REPORTER, Actor, Role
from amane.geo.tests.factories import IN_URBAN
from amane.reports.services import FiledReport, report_submit

# An authority acting without a signed-in user (tests of rules, not of who may act).
AN_AUTHORITY = Actor(role=Role.AUTHORITY)


def file_report(**overrides: Any) -> FiledReport:
    lat, lon = overrides.pop("point", IN_URBAN)
    fields: dict[str, Any] = {
        "actor": ANONYMOUS_REPORTER,
        "category_code": "theft",
        "description": "سرقة هاتف قرب المدرسة",
        "occurred_at": timezone.now() - dt.timedelta(hours=3),
        "lat": lat,
        "lon": lon,
    }
    fields.update(overrides)
    return report_submit(**fields)


def report_body(**overrides: object) -> dict[str, object]:
    """A valid body for POST /api/v1/reports, at a point of the square test geography."""
    body: dict[str, object] = {
        "category": "theft",
        "description": "سرقة دراجة نارية أمام السوق",
        "lat": IN_URBAN[0],
        "lon": IN_URBAN[1],
        "occurred_at": (timezone.now() - dt.timedelta(hours=2)).isoformat(),
    }
    body.update(overrides)
    return body

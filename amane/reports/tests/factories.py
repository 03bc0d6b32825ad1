"""Reports built through the same service citizens use, on the square test geography."""

import datetime as dt
from typing import Any

from django.utils import timezone

from amane.geo.tests.factories import IN_URBAN
from amane.reports.services import FiledReport, report_submit


def file_report(**overrides: Any) -> FiledReport:
    lat, lon = overrides.pop("point", IN_URBAN)
    fields: dict[str, Any] = {
        "category_code": "theft",
        "description": "سرقة هاتف قرب المدرسة",
        "occurred_at": timezone.now() - dt.timedelta(hours=3),
        "lat": lat,
        "lon": lon,
    }
    fields.update(overrides)
    return report_submit(**fields)

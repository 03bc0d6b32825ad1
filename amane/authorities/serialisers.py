"""Units as the API and the pages show them: their public names and kind, never their officers."""

from amane.authorities import selectors
from amane.authorities.models import Unit
from amane.reports.models import Report


def unit_summary(unit: Unit) -> dict[str, str]:
    return {"code": unit.code, "name_ar": unit.name_ar, "name_fr": unit.name_fr, "kind": unit.kind}


def routing_out(report: Report) -> dict[str, object]:
    responsible, copies = selectors.report_routing(report_id=report.pk)
    return {
        "responsible": unit_summary(responsible) if responsible else None,
        "copies": [unit_summary(unit) for unit in copies],
    }

"""On the real geography and demo units: a report left unacknowledged in a Taroudant annex reaches the pasha."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from amane.authorities.models import ReportRouting, RoutingRole
from amane.authorities.tests.factories import officer_of
from amane.core import clock
from amane.inbox.selectors import inbox_report
from amane.reports.tests.factories import file_report
from amane.service_levels.services import escalate_overdue

pytestmark = [pytest.mark.realdata, pytest.mark.django_db, pytest.mark.usefixtures("real_geography")]
IN_FIRST_ANNEX = (30.478, -8.888)


def responsible_for(public_id: str) -> str:
    row = ReportRouting.objects.get(report__public_id=public_id, role=RoutingRole.RESPONSIBLE)
    return row.unit.code


def test_an_overdue_report_of_an_annex_is_escalated_to_the_pashalik_whose_officer_may_then_act() -> None:
    call_command("import-units", "--with-demo", stdout=io.StringIO(), stderr=io.StringIO())
    report = file_report(point=IN_FIRST_ANNEX).report
    assert responsible_for(report.public_id) == "annex-taroudant-1"
    escalate_overdue(now=clock.now() + dt.timedelta(hours=24))
    assert responsible_for(report.public_id) == "annex-taroudant-1"  # within the 48 hours
    escalate_overdue(now=clock.now() + dt.timedelta(days=4))
    assert responsible_for(report.public_id) == "pashalik-taroudant"
    assert inbox_report(viewer=officer_of("pashalik-taroudant"), public_id=report.public_id).may_act
    seen_by_annex = inbox_report(viewer=officer_of("annex-taroudant-1"), public_id=report.public_id)
    assert not seen_by_annex.may_act  # in copy now

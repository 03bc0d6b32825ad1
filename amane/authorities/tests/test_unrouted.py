"""The unrouted queue: reports no unit covers are listed for staff, and routed once a unit exists."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from amane.authorities.models import ReportRouting, RoutingRole, UnitKind
from amane.authorities.tests.factories import IN_DOUAR, make_unit
from amane.geo.tests.factories import RURAL, build_square_geography
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


def test_staff_find_an_unrouted_report_and_route_it_once_a_unit_covers_its_place() -> None:
    build_square_geography()
    (lon, lat), _areas = IN_DOUAR
    report = file_report(point=(lat, lon)).report
    admin = get_user_model().objects.create_superuser(username="admin", password="x")
    client = Client()
    client.force_login(admin)
    queue = client.get("/admin/reports/report/?routing=unrouted").content.decode()
    assert report.public_id in queue
    make_unit("caidat-douar", UnitKind.CAIDAT, areas=[RURAL])
    client.post("/admin/reports/report/", {"action": "route_again", "_selected_action": [report.pk]})
    responsible = ReportRouting.objects.get(report=report, role=RoutingRole.RESPONSIBLE)
    assert responsible.unit.code == "caidat-douar"
    assert report.public_id not in client.get("/admin/reports/report/?routing=unrouted").content.decode()
    assert report.public_id in client.get("/admin/reports/report/?routing=routed").content.decode()

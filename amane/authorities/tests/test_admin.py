import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from amane.audit.models import AuditEntry
from amane.authorities.models import RoutingRule, Unit, UnitKind
from amane.authorities.routing import route
from amane.authorities.tests.factories import square

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client: Client) -> Client:
    client.force_login(User.objects.create_superuser("admin", password="x"))
    return client


def test_an_admin_moves_a_kind_in_the_routing_table_and_the_change_is_audited(staff_client: Client) -> None:
    rule = RoutingRule.objects.get(category__code="other", kind=UnitKind.COMMUNE_COUNCIL)
    response = staff_client.post(
        f"/admin/authorities/routingrule/{rule.pk}/change/",
        {"category": rule.category_id, "kind": UnitKind.WILAYA, "responsible": "", "position": "0"},
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.kind, rule.position) == (UnitKind.WILAYA, 0)
    entry = AuditEntry.objects.get(action="routing_rule.update", target_id=str(rule.pk))
    assert entry.details["kind"] == UnitKind.WILAYA


def test_an_admin_cannot_give_a_category_a_second_responsible_kind(staff_client: Client) -> None:
    rule = RoutingRule.objects.get(category__code="theft", kind=UnitKind.POLICE)
    response = staff_client.post(
        f"/admin/authorities/routingrule/{rule.pk}/change/",
        {"category": rule.category_id, "kind": UnitKind.POLICE, "responsible": "on", "position": rule.position},
    )
    assert response.status_code == 200  # the form again, with the error
    rule.refresh_from_db()
    assert rule.responsible is False
    assert not AuditEntry.objects.filter(action="routing_rule.update").exists()


def test_a_unit_added_in_the_admin_routes_at_once(staff_client: Client) -> None:
    response = staff_client.post(
        "/admin/authorities/unit/add/",
        {
            "code": "annex-drawn",
            "name_ar": "ملحقة",
            "name_fr": "Annexe",
            "kind": UnitKind.ANNEX,
            "drawn_area": json.dumps(square(-8.0, 31.2, -7.9, 31.3)),
            "coverage-TOTAL_FORMS": "0",
            "coverage-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Unit.objects.get(code="annex-drawn").kind == UnitKind.ANNEX
    theft = RoutingRule.objects.filter(category__code="theft").first()
    assert theft is not None
    routing = route(category_id=theft.category_id, lon=-7.92, lat=31.22, area_codes=[])
    assert routing.responsible is not None and routing.responsible.code == "annex-drawn"


def test_the_unit_form_offers_a_map_to_draw_on_with_the_geojson_kept_in_the_field(staff_client: Client) -> None:
    unit = Unit.objects.create(
        code="annex-x", name_ar="م", name_fr="A", kind=UnitKind.ANNEX, drawn_area=square(-8.0, 31.2, -7.9, 31.3)
    )
    page = staff_client.get(f"/admin/authorities/unit/{unit.pk}/change/").content.decode()
    assert (
        'class="drawn-area"' in page and "leaflet/draw/leaflet.draw.js" in page and "authorities/drawn-area.js" in page
    )
    # The field holds the polygon as JSON text (double quotes, not a Python dict's repr).
    assert "&quot;Polygon&quot;" in page and "&#x27;Polygon&#x27;" not in page

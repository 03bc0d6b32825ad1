"""Staff edit service levels in the admin, through the audited service, within the national rules."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from amane.audit.models import AuditEntry
from amane.service_levels.models import ServiceLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client: Client) -> Client:
    client.force_login(User.objects.create_superuser("admin", password="x"))
    return client


def test_an_admin_shortens_a_level_and_the_change_is_audited_with_the_admins_id(staff_client: Client) -> None:
    level = ServiceLevel.objects.get(category__code="theft")
    response = staff_client.post(
        f"/admin/service_levels/servicelevel/{level.pk}/change/",
        {"category": level.category_id, "acknowledge_hours": "24", "resolve_days": "15"},
    )
    assert response.status_code == 302
    level.refresh_from_db()
    assert (level.acknowledge_hours, level.resolve_days) == (24, 15)
    entry = AuditEntry.objects.get(action="service_level.update", target_id="theft")
    assert entry.actor_user_id == User.objects.get(username="admin").pk
    assert entry.after == {"acknowledge_hours": 24, "resolve_days": 15}


def test_an_admin_cannot_pass_the_national_rules_and_sees_why_next_to_the_field(staff_client: Client) -> None:
    level = ServiceLevel.objects.get(category__code="theft")
    response = staff_client.post(
        f"/admin/service_levels/servicelevel/{level.pk}/change/",
        {"category": level.category_id, "acknowledge_hours": "48", "resolve_days": "90"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 200
    assert "60" in str(response.context["adminform"].form.errors["resolve_days"])
    level.refresh_from_db()
    assert level.resolve_days == 30
    assert not AuditEntry.objects.filter(action__startswith="service_level.").exists()

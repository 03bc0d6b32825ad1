"""The demo's associations on the real geography, verified by the units the demo imports."""

from io import StringIO

import pytest
from django.core.management import call_command

from amane.associations.demo import seed_demo
from amane.associations.models import Association, AssociationStatus, Corroboration
from amane.audit.models import AuditEntry
from amane.demo.services import demo_create

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


@pytest.fixture
def demo_world(real_geography: None) -> None:
    call_command("import-units", "--with-demo", stdout=StringIO(), stderr=StringIO())
    demo_create(total=200, seed=5)


def test_each_city_has_a_verified_association_and_taroudant_one_waiting(demo_world: None) -> None:
    summary, logins = seed_demo()
    statuses = dict(Association.objects.values_list("slug", "status"))
    assert statuses == {
        "demo-taroudant": AssociationStatus.VERIFIED,
        "demo-taroudant-youth": AssociationStatus.PENDING,
        "demo-khouribga": AssociationStatus.VERIFIED,
        "demo-casablanca": AssociationStatus.VERIFIED,
    }
    taroudant = Association.objects.get(slug="demo-taroudant")
    assert taroudant.decided_by_unit is not None and taroudant.decided_by_unit.code == "pashalik-taroudant"
    assert {username for username, _password, _what in logins} >= {"assoc.taroudant", "member.taroudant"}
    assert Corroboration.objects.filter(association=taroudant).exists()
    assert AuditEntry.objects.filter(action="association.verify", is_demo=True).count() == 3
    assert summary.startswith("4 demo associations")


def test_a_second_run_adds_nothing(demo_world: None) -> None:
    seed_demo()
    corroborations = Corroboration.objects.count()
    summary, _logins = seed_demo()
    assert summary.startswith("0 demo associations")
    assert Corroboration.objects.count() == corroborations

"""On the real geography and demo units: the demo black spots, seeded twice, exist once."""

import io

import pytest
from django.core.management import call_command

from amane.blackspots.demo import seed_demo
from amane.blackspots.models import BlackSpot

pytestmark = [pytest.mark.realdata, pytest.mark.django_db, pytest.mark.usefixtures("real_geography")]


def test_the_cafe_by_the_school_and_the_other_cities() -> None:
    call_command("import-units", "--with-demo", stdout=io.StringIO(), stderr=io.StringIO())
    summary = seed_demo()
    assert "3 added" in summary and "skipped" not in summary
    cafe = BlackSpot.objects.get(association__slug="demo-taroudant")
    assert cafe.is_demo and cafe.responsible_unit is not None
    assert cafe.responsible_unit.code.startswith("annex-taroudant-")
    assert cafe.reports.count() == 2 and [p.kind for p in cafe.places.all()] == ["school"]
    answer = cafe.answers.get()
    assert (answer.status, answer.unit.code) == ("action-planned", "pashalik-taroudant")
    cities = set(BlackSpot.objects.values_list("association__slug", flat=True))
    assert cities == {"demo-taroudant", "demo-khouribga", "demo-casablanca"}
    assert "0 added" in seed_demo() and BlackSpot.objects.count() == 3

import pytest
from django.test import Client

from amane.authorities.tests.factories import Units
from amane.directory.models import ServiceKind
from amane.directory.tests.factories import add_entry
from amane.geo.tests.factories import CITY, RURAL

pytestmark = pytest.mark.django_db


class TestCommuneNumbers:
    def test_the_shape_national_numbers_first_then_the_local_ones(self, client: Client, units: Units) -> None:
        add_entry(units.north_annex, service=ServiceKind.ANNEX, number="05 28 00 00 01", name_fr="", name_ar="الملحقة")
        response = client.get(f"/api/v1/communes/{CITY}/numbers")
        assert response.status_code == 200
        body = response.json()
        assert body["commune"] == {"code": CITY, "name_ar": "المدينة الكبرى", "name_fr": "Grande Ville"}
        numbers = body["numbers"]
        assert [(n["service"], n["number"], n["scope"]) for n in numbers] == [
            ("police", "19", "national"),
            ("civil_protection", "15", "national"),
            ("annex", "0528000001", "local"),
        ]
        for number in numbers:
            assert {"service", "number", "name_ar", "name_fr", "scope"} <= set(number)
        # A name entered in one language stands in for the other.
        assert (numbers[2]["name_ar"], numbers[2]["name_fr"]) == ("الملحقة", "الملحقة")
        assert numbers[2]["unit"]["code"] == "annex-north"
        assert numbers[0]["unit"] is None

    def test_a_rural_commune_calls_the_gendarmerie(self, client: Client, units: Units) -> None:
        numbers = client.get(f"/api/v1/communes/{RURAL}/numbers").json()["numbers"]
        assert [n["number"] for n in numbers] == ["177", "15"]

    def test_an_unknown_commune_is_a_404_problem(self, client: Client, units: Units) -> None:
        response = client.get("/api/v1/communes/00.000.00.00/numbers", headers={"accept-language": "fr"})
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/problem+json")
        problem = response.json()
        assert problem["status"] == 404 and problem["title"]

    def test_the_operation_is_documented(self, client: Client) -> None:
        paths = client.get("/api/v1/openapi.json").json()["paths"]
        assert "404" in paths["/api/v1/communes/{code}/numbers"]["get"]["responses"]

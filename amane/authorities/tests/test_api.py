import pytest
from django.test import Client

from amane.authorities.models import UnitKind
from amane.authorities.tests.factories import make_unit
from amane.geo.tests.factories import PROVINCE, URBAN, build_square_geography

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _units() -> None:
    build_square_geography()
    province = make_unit("province-99.901", UnitKind.PROVINCE, areas=[PROVINCE])
    make_unit("police-99.901.01.01", UnitKind.POLICE, areas=[URBAN], parent=province)


def test_a_unit_answers_with_its_names_kind_and_parent(client: Client) -> None:
    response = client.get("/api/v1/units/police-99.901.01.01")
    assert response.status_code == 200
    assert response.json() == {
        "code": "police-99.901.01.01",
        "name_ar": "وحدة police-99.901.01.01",
        "name_fr": "Unité police-99.901.01.01",
        "kind": "police",
        "parent": {
            "code": "province-99.901",
            "name_ar": "وحدة province-99.901",
            "name_fr": "Unité province-99.901",
            "kind": "province",
        },
    }


def test_a_unit_at_the_top_has_a_null_parent(client: Client) -> None:
    body = client.get("/api/v1/units/province-99.901").json()
    assert body["kind"] == "province"
    assert body["parent"] is None


def test_an_unknown_code_is_a_404_problem_in_the_callers_language(client: Client) -> None:
    response = client.get("/api/v1/units/council-00.000", headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "not_found"
    assert response.json()["detail"] == "Aucune unité n'a ce code."


def test_the_openapi_document_lists_the_units_endpoint_with_its_404(client: Client) -> None:
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/units/{code}"]["get"]
    assert "404" in operation["responses"]

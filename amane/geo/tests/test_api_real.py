"""The geography endpoints on the real national data."""

from typing import Any

import pytest
from django.test import Client

from amane.geo.models import Area, AreaKind, Boundary

pytestmark = [pytest.mark.realdata, pytest.mark.django_db, pytest.mark.usefixtures("real_geography")]


def locate(client: Client, lat: float, lon: float) -> dict[str, Any]:
    response = client.get(f"/api/v1/geo/locate?lat={lat}&lon={lon}")
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def test_the_import_holds_every_unit_of_the_2024_census() -> None:
    counts = {kind: Area.objects.filter(kind=kind).count() for kind in AreaKind.values}
    assert counts == {"region": 12, "province": 83, "cercle": 213, "commune": 1503, "arrondissement": 41}
    assert Area.objects.filter(kind=AreaKind.COMMUNE, subtype="urban").count() == 242
    assert Boundary.objects.filter(area__kind=AreaKind.COMMUNE, boundary_set__active=True).count() == 1503
    assert Boundary.objects.filter(area__kind=AreaKind.ARRONDISSEMENT, boundary_set__active=True).count() == 41
    assert Area.objects.filter(kind=AreaKind.PROVINCE, subtype="prefecture_of_arrondissements").count() == 8


def test_locate_answers_with_the_fixed_shape(client: Client) -> None:
    body = locate(client, 30.4703, -8.8770)
    assert body["commune"]["name_fr"] == "Taroudannt"
    assert body["commune"]["type"] == "urban"
    assert set(body["commune"]) >= {"code", "name_ar", "name_fr", "type"}
    assert body["province"]["name_fr"] == "Taroudannt"
    assert body["region"]["name_fr"] == "Souss-Massa"
    assert body["arrondissement"] is None


def test_a_point_in_casablanca_has_its_arrondissement(client: Client) -> None:
    body = locate(client, 33.5950, -7.6187)  # Place des Nations Unies, Sidi Belyout
    assert body["commune"]["name_fr"] == "Casablanca"
    assert body["arrondissement"] is not None
    arrondissement = Area.objects.select_related("parent").get(code=body["arrondissement"]["code"])
    assert arrondissement.parent is not None
    assert arrondissement.parent.code == body["commune"]["code"]


def test_a_rural_commune_gives_the_gendarmerie_number(client: Client) -> None:
    body = locate(client, 31.1370, -7.9190)  # Imlil, in the High Atlas
    assert body["commune"]["type"] == "rural"
    assert [n["number"] for n in body["emergency_numbers"]] == ["177", "15"]


@pytest.mark.parametrize(("lat", "lon"), [(33.0, -12.0), (36.5, -3.0), (48.85, 2.35)])
def test_points_outside_morocco_are_a_400_problem(client: Client, lat: float, lon: float) -> None:
    response = client.get(f"/api/v1/geo/locate?lat={lat}&lon={lon}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "outside_covered_area"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("الدار البيضاء", "Casablanca"),
        ("الدارالبيضاء", "Casablanca"),
        ("casablanca", "Casablanca"),
        ("طنجه", "Tanger"),
        ("Tanger", "Tanger"),
        ("العيون", "Laâyoune"),
        ("Laayoune", "Laâyoune"),
        ("Taroudant", "Taroudannt"),
        ("خريبكة", "Khouribga"),
        ("Fes", "Fès"),
        ("مكناس", "Meknès"),
        # Names that GeoNames knows and HCP does not write.
        ("Smara", "Es-Semara"),
        ("Villa Cisneros", "Dakhla"),
        ("Mogador", "Essaouira"),
        ("Wazzan", "Ouezzane"),
        ("Mazagan", "El Jadida"),
        ("\ufec3\ufee8\ufea0\ufe94", "Tanger"),  # presentation forms
    ],
)
def test_place_search_finds_the_commune_first(client: Client, query: str, expected: str) -> None:
    results = client.get("/api/v1/geo/places", {"q": query}).json()["results"]
    assert results[0]["name_fr"] == expected
    assert results[0]["kind"] == "commune"
    assert set(results[0]) >= {"kind", "code", "name_ar", "name_fr"}


def test_a_name_that_a_unit_bears_officially_finds_that_unit(client: Client) -> None:
    # GeoNames also calls Casablanca "Anfa", the name of one of its arrondissements.
    results = client.get("/api/v1/geo/places", {"q": "Anfa"}).json()["results"]
    assert (results[0]["name_fr"], results[0]["kind"]) == ("Anfa", "arrondissement")
    assert "Casablanca" not in [r["name_fr"] for r in results]


def test_the_commune_geojson_is_a_light_feature_collection(client: Client) -> None:
    response = client.get("/api/v1/geo/communes.geojson", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) < 800_000


def test_one_city_boundary_comes_with_its_arrondissements(client: Client) -> None:
    casablanca = Area.objects.get(kind=AreaKind.COMMUNE, name_fr="Casablanca")
    body = client.get(f"/api/v1/geo/areas/{casablanca.code}.geojson").json()
    kinds = [feature["properties"]["kind"] for feature in body["features"]]
    assert kinds.count("commune") == 1
    assert kinds.count("arrondissement") == casablanca.children.filter(kind=AreaKind.ARRONDISSEMENT).count() > 0
    assert client.get("/api/v1/geo/areas/00.000.geojson").status_code == 404


@pytest.mark.parametrize(("lat", "lon"), [(35.8800, -5.3400), (35.2800, -2.9600)])
def test_points_in_sebta_and_melilla_are_outside_even_within_2_km_of_a_commune(
    client: Client, lat: float, lon: float
) -> None:
    response = client.get(f"/api/v1/geo/locate?lat={lat}&lon={lon}")
    assert response.status_code == 400
    assert response.json()["code"] == "outside_covered_area"


def test_the_low_detail_outline_is_light_for_phones(client: Client) -> None:
    full = client.get("/api/v1/geo/communes.geojson", headers={"Accept-Encoding": "gzip"})
    low = client.get("/api/v1/geo/communes.geojson?detail=low", headers={"Accept-Encoding": "gzip"})
    assert low.status_code == 200
    assert len(low.content) < 150_000 < len(full.content)
    assert client.get("/api/v1/geo/communes.geojson?detail=coarse").status_code == 400

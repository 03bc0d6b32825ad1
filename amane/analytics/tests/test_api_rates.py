"""GET /api/v1/analytics/rates and /response-times: their shapes, their filters and their refusals."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from amane.analytics import figures
from amane.analytics.engine.rates import empirical_bayes
from amane.analytics.tests.test_api_hotspots import file_reports
from amane.geo.models import Area, AreaKind
from amane.geo.tests.factories import IN_RURAL, RURAL, URBAN, build_square_geography
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


def test_rates_rank_every_commune_by_its_smoothed_rate(client: Client) -> None:
    file_reports(7, seed=1)
    file_report(point=IN_RURAL)
    body = client.get("/api/v1/analytics/rates").json()
    assert set(body) == {"from", "to", "category", "overall_per_1000", "communes"}
    communes = Area.objects.filter(kind=AreaKind.COMMUNE).order_by("code")
    counts = {URBAN: 7, RURAL: 1}
    result = empirical_bayes(
        [counts.get(c.code, 0) for c in communes],  # type: ignore[arg-type]
        [c.population_2024 for c in communes],  # type: ignore[arg-type]
    )
    expected = {c.code: result.smoothed[i] * 1000 for i, c in enumerate(communes)}
    assert {row["code"]: row["smoothed_per_1000"] for row in body["communes"]} == pytest.approx(expected, abs=1e-10)
    assert [row["rank"] for row in body["communes"]] == list(range(1, len(expected) + 1))
    assert body["to"] >= timezone.localdate().isoformat()


def test_rates_of_an_area_in_a_period_and_a_category(client: Client) -> None:
    file_reports(4, seed=2, category_code="vandalism")
    file_reports(2, seed=3, occurred_at=timezone.now() - dt.timedelta(days=200))
    this_month = timezone.localdate().replace(day=1).isoformat()
    body = client.get(f"/api/v1/analytics/rates?area={URBAN}&from={this_month}&category=vandalism").json()
    assert [(row["code"], row["reports"]) for row in body["communes"]] == [(URBAN, 4)]
    assert body["from"] == this_month and body["category"] == "vandalism"
    all_time = client.get("/api/v1/analytics/rates?from=2020-01-01&bbox=-8,31,-7.9,31.1").json()
    assert [(row["code"], row["reports"]) for row in all_time["communes"]] == [(URBAN, 6)]


def test_response_times_are_the_background_figure(client: Client) -> None:
    file_reports(3, seed=4)
    body = client.get(f"/api/v1/analytics/response-times?area={URBAN}").json()
    assert body["current"] is True
    assert [(g["code"], g["category"], g["reports"]) for g in body["groups"]] == [(URBAN, "theft", 3)]
    assert body["groups"][0]["acknowledge"] == {
        "count": 0,
        "median_hours": None,
        "p90_hours": None,
        "settled": 0,
        "overdue_share": None,
    }


def test_response_times_not_yet_computed_are_a_202_with_retry_after(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(figures, "read", lambda name, **params: figures.Read(None, False))
    response = client.get("/api/v1/analytics/response-times")
    assert response.status_code == 202
    assert int(response["Retry-After"]) > 0 and response.json()["status"] == "computing"


@pytest.mark.parametrize("endpoint", ["rates", "response-times"])
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("area=00.000", "area"),
        ("area=99.901.03.01", "area"),
        ("from=2026-05-01&to=2026-04-01", "from"),
        ("from=yesterday", "from"),
        ("category=extremism", "category"),
        ("category=nonsense", "category"),
        ("bbox=here", "bbox"),
    ],
)
def test_bad_parameters_are_a_400_problem_that_names_the_field(
    client: Client, endpoint: str, query: str, field: str
) -> None:
    response = client.get(f"/api/v1/analytics/{endpoint}?{query}", headers={"Accept-Language": "fr"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert field in response.json()["errors"]

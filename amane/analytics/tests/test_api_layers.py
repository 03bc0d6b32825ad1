"""GET /api/v1/analytics/density and /trends: what they count, their shapes and their refusals."""

import datetime as dt

import numpy as np
import pytest
from django.test import Client
from django.utils import timezone
from scipy.stats import norm

from amane.analytics.selectors.density import grid_of
from amane.analytics.tests.test_api_hotspots import BBOX, BOX, HOT_CORNER, file_reports
from amane.geo.tests.factories import build_square_geography
from amane.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


def test_the_density_integrates_to_the_reports_in_the_box(client: Client) -> None:
    file_reports(20, seed=1, around=HOT_CORNER)
    body = client.get(f"/api/v1/analytics/density?bbox={BBOX}&size=64&bandwidth=300").json()
    values = np.array(body["values"])
    assert values.shape == (body["ny"], body["nx"])
    cell_km2 = (body["step_m"] / 1000) ** 2
    # Reports sit well inside the box, so almost all of each kernel's mass is on the grid.
    assert values.sum() * cell_km2 == pytest.approx(body["reports"], rel=0.02)
    assert body["reports"] == 20


def test_the_peak_is_where_the_reports_are(client: Client) -> None:
    file_reports(25, seed=2, around=HOT_CORNER)
    body = client.get(f"/api/v1/analytics/density?bbox={BBOX}&size=41").json()
    row, column = np.unravel_index(np.argmax(body["values"]), (body["ny"], body["nx"]))
    lat = BOX[1] + (BOX[3] - BOX[1]) * row / (body["ny"] - 1)
    lon = BOX[0] + (BOX[2] - BOX[0]) * column / (body["nx"] - 1)
    assert abs(lat - HOT_CORNER[0]) < 0.006 and abs(lon - HOT_CORNER[1]) < 0.006


def test_one_report_gives_the_gaussian_of_the_bandwidth(client: Client) -> None:
    file_reports(1, seed=3, around=HOT_CORNER)
    bandwidth = 500.0
    body = client.get(f"/api/v1/analytics/density?bbox={BBOX}&size=101&bandwidth={bandwidth}").json()
    peak_per_km2 = 1e6 * norm.pdf(0, scale=bandwidth) ** 2
    # The public point lies off the grid's nodes, by at most half a step each way.
    assert body["max"] == pytest.approx(peak_per_km2, rel=0.1)
    assert body["max"] <= peak_per_km2 * 1.0001


def test_confidential_reports_are_not_in_the_density(client: Client) -> None:
    file_reports(3, seed=4, category_code="domestic-violence")
    body = client.get(f"/api/v1/analytics/density?bbox={BBOX}").json()
    assert body["reports"] == 0 and body["max"] == 0


def test_the_grid_is_square_in_metres() -> None:
    grid = grid_of(BOX, 128)
    assert grid.dx == grid.dy
    assert max(grid.nx, grid.ny) == 128


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("size=8", "size"),
        ("size=2000", "size"),
        ("bandwidth=10", "bandwidth"),
        ("category=nope", "category"),
        ("from=2026-05-01&to=2026-01-01", "from"),
    ],
)
def test_bad_density_parameters_are_refused_by_field(client: Client, query: str, field: str) -> None:
    response = client.get(f"/api/v1/analytics/density?bbox={BBOX}&{query}", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert field in response.json()["errors"]


def test_trends_count_public_reports_per_month_and_category(client: Client) -> None:
    now = timezone.now()
    file_reports(4, seed=5, category_code="theft")
    file_reports(2, seed=6, category_code="theft", occurred_at=now - dt.timedelta(days=62))
    file_reports(3, seed=7, category_code="vandalism")
    file_reports(2, seed=8, category_code="domestic-violence")
    body = client.get("/api/v1/analytics/trends").json()
    assert len(body["months"]) == 24 and body["months"][-1] == timezone.localdate().strftime("%Y-%m")
    series = {s["category"]: s for s in body["series"]}
    assert set(series) == {"theft", "vandalism"}
    assert series["theft"]["total"] == 6 and series["theft"]["counts"][-1] == 4
    assert body["series"][0]["category"] == "theft", "the busiest category comes first"


def test_trends_of_a_commune_over_a_chosen_period(client: Client) -> None:
    file_reports(3, seed=9, category_code="theft")
    commune = Report.objects.values_list("commune__code", flat=True).first()
    today = timezone.localdate()
    start = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    body = client.get(f"/api/v1/analytics/trends?area={commune}&from={start}&to={today}").json()
    assert body["area"] == commune and len(body["months"]) == 2
    assert body["series"] == [{"category": "theft", "counts": [0, 3], "total": 3}]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("area=nowhere", "area"),
        ("category=nope", "category"),
        ("from=2026-06-01&to=2026-01-01", "from"),
        ("from=2000-01-01&to=2026-01-01", "from"),
    ],
)
def test_bad_trend_parameters_are_refused_by_field(client: Client, query: str, field: str) -> None:
    response = client.get(f"/api/v1/analytics/trends?{query}")
    assert response.status_code == 400
    assert field in response.json()["errors"]

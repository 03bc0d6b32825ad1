"""GET /api/v1/analytics/hotspots: its fixed shape, its figures, and its refusals."""

import datetime as dt

import h3
import numpy as np
import pytest
from django.test import Client
from django.utils import timezone

from amane.geo.tests.factories import build_square_geography
from amane.reports.models import Report
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db

# The urban commune of the square test geography, and a box inside it.
BOX = (-7.99, 31.01, -7.91, 31.09)
BBOX = ",".join(str(v) for v in BOX)
HOT_CORNER = (31.03, -7.97)


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


def file_reports(n: int, *, seed: int, around: tuple[float, float] | None = None, **fields: object) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(n):
        if around is None:
            point = (rng.uniform(31.01, 31.09), rng.uniform(-7.99, -7.91))
        else:
            point = (around[0] + rng.normal(0, 0.002), around[1] + rng.normal(0, 0.002))
        file_report(point=point, **fields)


def expected_cells(resolution: int, reports: list[tuple[float, float]]) -> dict[str, tuple[int, float, str]]:
    """The issue's definition, computed with h3, libpysal and esda."""
    from amane.analytics.tests.test_pipeline import classes_by_reference

    return classes_by_reference(reports, resolution, BOX)


def public_points() -> list[tuple[float, float]]:
    return list(Report.objects.filter(public=True).values_list("public_lat", "public_lon"))


@pytest.mark.parametrize("resolution", [8, 9])
def test_the_answer_is_the_reference_pipeline_on_public_points(client: Client, resolution: int) -> None:
    file_reports(40, seed=1)
    file_reports(30, seed=2, around=HOT_CORNER)
    body = client.get(f"/api/v1/analytics/hotspots?resolution={resolution}&bbox={BBOX}").json()
    expected = expected_cells(resolution, public_points())
    assert body["resolution"] == resolution
    assert body["lattice_size"] == len(expected)
    shown = {cell: figures for cell, figures in expected.items() if figures[0] > 0 or figures[2] != "none"}
    assert {c["cell"] for c in body["cells"]} == set(shown)
    for cell in body["cells"]:
        count, z, name = shown[cell["cell"]]
        assert set(cell) == {"cell", "count", "z", "p", "class"}
        assert cell["count"] == count and cell["class"] == name
        assert cell["z"] == pytest.approx(z, abs=1e-9)
    assert any(c["class"].startswith("hot") for c in body["cells"]), "thirty reports at one corner make a hotspot"


def test_confidential_reports_are_not_counted(client: Client) -> None:
    file_reports(5, seed=3)
    file_reports(4, seed=4, category_code="domestic-violence")
    body = client.get(f"/api/v1/analytics/hotspots?resolution=9&bbox={BBOX}").json()
    assert sum(c["count"] for c in body["cells"]) == 5


def test_a_category_and_a_period_count_only_their_reports(client: Client) -> None:
    long_ago = timezone.now() - dt.timedelta(days=100)
    file_reports(6, seed=5, category_code="theft")
    file_reports(3, seed=6, category_code="vandalism")
    file_reports(2, seed=7, category_code="theft", occurred_at=long_ago)
    url = f"/api/v1/analytics/hotspots?resolution=9&bbox={BBOX}"
    assert sum(c["count"] for c in client.get(url + "&category=theft").json()["cells"]) == 8
    since = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    assert sum(c["count"] for c in client.get(url + f"&category=theft&from={since}").json()["cells"]) == 6
    assert sum(c["count"] for c in client.get(url + f"&from={since}").json()["cells"]) == 9
    until = (timezone.localdate() - dt.timedelta(days=60)).isoformat()
    assert sum(c["count"] for c in client.get(url + f"&to={until}").json()["cells"]) == 2


def test_a_new_report_shows_in_the_next_answer(client: Client) -> None:
    file_reports(3, seed=8)
    url = f"/api/v1/analytics/hotspots?resolution=9&bbox={BBOX}"
    assert sum(c["count"] for c in client.get(url).json()["cells"]) == 3
    file_reports(1, seed=9)
    assert sum(c["count"] for c in client.get(url).json()["cells"]) == 4


def test_each_cell_is_an_h3_cell_of_the_resolution(client: Client) -> None:
    file_reports(10, seed=10)
    for cell in client.get(f"/api/v1/analytics/hotspots?resolution=10&bbox={BBOX}").json()["cells"]:
        assert h3.is_valid_cell(cell["cell"]) and h3.get_resolution(cell["cell"]) == 10


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("resolution=4&bbox=-8,31,-7.9,31.1", "resolution"),
        ("resolution=11&bbox=-8,31,-7.9,31.1", "resolution"),
        ("resolution=ten", "resolution"),
        ("resolution=10&bbox=-10,30,-5,34", "bbox"),
        ("resolution=8", "bbox"),
        ("resolution=9&bbox=here", "bbox"),
        ("resolution=9&bbox=-8,31,-7.9,31.1&from=2026-05-01&to=2026-04-01", "from"),
        ("resolution=9&bbox=-8,31,-7.9,31.1&from=yesterday", "from"),
        ("resolution=9&bbox=-8,31,-7.9,31.1&category=domestic-violence", "category"),
        ("resolution=9&bbox=-8,31,-7.9,31.1&category=nonsense", "category"),
    ],
)
def test_bad_parameters_are_a_400_problem_that_names_the_field(client: Client, query: str, field: str) -> None:
    response = client.get(f"/api/v1/analytics/hotspots?{query}", headers={"Accept-Language": "fr"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert field in response.json()["errors"]


def test_a_box_too_large_says_what_is_allowed_in_the_callers_language(client: Client) -> None:
    response = client.get(
        "/api/v1/analytics/hotspots?resolution=10&bbox=-10,30,-5,34", headers={"Accept-Language": "fr"}
    )
    message = response.json()["errors"]["bbox"][0]
    assert "10" in message and "km²" in message and "1" in message


def test_the_country_at_resolution_6_needs_no_box(client: Client) -> None:
    file_reports(3, seed=11)
    body = client.get("/api/v1/analytics/hotspots?resolution=6").json()
    assert body["lattice_size"] > 10_000 and sum(c["count"] for c in body["cells"]) == 3

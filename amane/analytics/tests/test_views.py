"""The observatory's pages and downloads on the square test geography."""

import csv
import io
import json

import pytest
from django.test import Client

from amane.analytics.tests.test_api_hotspots import file_reports
from amane.geo.tests.factories import PROVINCE, URBAN, build_square_geography
from amane.reports.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


def test_the_national_page_shows_the_map_legend_chart_and_downloads(client: Client) -> None:
    file_reports(12, seed=1)
    page = client.get("/observatory/?lang=fr")
    assert page.status_code == 200
    html = page.content.decode()
    for part in ('id="hotspot-map"', 'id="hotspot-legend"', 'id="trend-chart"', 'id="hotspots-csv"', 'id="trends-csv"'):
        assert part in html
    assert "Point chaud" in html and "Signalements par mois" in html
    assert html.count("<polyline") >= 1


def test_an_area_page_counts_its_reports_and_links_closer(client: Client) -> None:
    file_reports(5, seed=2)
    page = client.get(f"/observatory/{PROVINCE}/")
    assert page.status_code == 200
    assert f"/observatory/{URBAN}/" in page.content.decode()
    commune = client.get(f"/observatory/{URBAN}/")
    assert commune.status_code == 200 and b"hotspot-map" in commune.content


def test_an_unknown_place_is_a_404(client: Client) -> None:
    assert client.get("/observatory/00.000/").status_code == 404


def test_bad_filters_are_form_errors_not_failures(client: Client) -> None:
    page = client.get("/observatory/?lang=fr&month=2026-13&category=%3Dcmd")
    assert page.status_code == 200
    assert "errorlist" in page.content.decode()


def test_the_hotspot_csv_holds_every_shown_cell_and_is_safe_in_a_spreadsheet(client: Client) -> None:
    file_reports(8, seed=3)
    response = client.get(f"/observatory/{URBAN}/hotspots.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["cell", "lat", "lon", "count", "z", "p", "class"]
    assert sum(int(row[3]) for row in rows[1:]) == 8


def test_the_trends_csv_counts_months_per_category(client: Client) -> None:
    file_reports(4, seed=4, category_code="theft")
    file_reports(2, seed=5, category_code="vandalism")
    file_reports(3, seed=6, category_code="domestic-violence")
    rows = list(csv.reader(io.StringIO(client.get("/observatory/trends.csv").content.decode("utf-8-sig"))))
    by_category = {row[0]: sum(int(v) for v in row[1:]) for row in rows[1:]}
    assert by_category == {"theft": 4, "vandalism": 2}
    assert len(rows[0]) == 25


def test_the_geojson_layer_is_polygons_with_the_figures(client: Client) -> None:
    file_reports(6, seed=7)
    body = json.loads(client.get(f"/observatory/{URBAN}/hotspots.geojson").content)
    assert body["type"] == "FeatureCollection"
    feature = body["features"][0]
    assert feature["geometry"]["type"] == "Polygon"
    assert feature["geometry"]["coordinates"][0][0] == feature["geometry"]["coordinates"][0][-1]
    assert set(feature["properties"]) == {"cell", "count", "z", "p", "class"}
    assert sum(f["properties"]["count"] for f in body["features"]) == 6


def test_a_category_name_that_looks_like_a_formula_is_defused(client: Client) -> None:
    theft = Category.objects.get(code="theft")
    file_reports(1, seed=8)
    Category.objects.filter(pk=theft.pk).update(code="=HYPERLINK(1)")
    text = client.get("/observatory/trends.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "\n=HYPERLINK" not in text


def test_emerging_hot_spots_are_mapped_with_their_labels(client: Client) -> None:
    import datetime as dt

    from django.utils import timezone

    from amane.analytics.tests.test_api_hotspots import HOT_CORNER

    now = timezone.now()
    for months_ago in range(1, 23, 3):
        file_reports(3, seed=100 + months_ago, occurred_at=now - dt.timedelta(days=30 * months_ago))
    file_reports(40, seed=3, around=HOT_CORNER, occurred_at=now - dt.timedelta(hours=2))
    html = client.get(f"/observatory/{URBAN}/?lang=fr").content.decode()
    assert 'id="emerging-map"' in html and 'id="emerging-legend"' in html
    legend = html.split('id="emerging-legend"')[1].split("</ul>")[0]
    assert 'data-category="new-hot"' in legend and "Nouveau point chaud" in legend, "forty reports this month only"
    rows = list(
        csv.DictReader(io.StringIO(client.get(f"/observatory/{URBAN}/emerging.csv").content.decode("utf-8-sig")))
    )
    assert rows and {"new-hot"} <= {row["category"] for row in rows}
    layer = json.loads(client.get(f"/observatory/{URBAN}/emerging.geojson").content)
    assert {f["properties"]["cell"] for f in layer["features"]} == {row["cell"] for row in rows}


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_drawing_coordinates_are_plain_numbers_in_every_language(client: Client, language: str) -> None:
    import re

    file_reports(6, seed=9)
    html = client.get(f"/observatory/?lang={language}").content.decode()
    coordinates = re.findall(r'<(?:text|line|image)[^>]*?\b(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', html)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates), "no decimal comma"


def test_the_page_ranks_communes_times_responses_and_watches_schools(client: Client) -> None:
    from amane.analytics.tests.test_selectors_places import BUSY_SCHOOL, scatter, schools

    schools()
    scatter(30, seed=11, around=BUSY_SCHOOL)
    html = client.get(f"/observatory/{PROVINCE}/?lang=fr").content.decode()
    for part in ('id="rates-table"', 'id="response-times-table"', 'id="sensitive-places-table"'):
        assert part in html
    layer = json.loads(client.get(f"/observatory/{PROVINCE}/sensitive-places.geojson").content)
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/observatory/{PROVINCE}/sensitive-places.csv").content.decode("utf-8-sig"))
        )
    )
    assert len(layer["features"]) == len(rows) == 3, "the three schools, not the mosque"
    busiest = max(layer["features"], key=lambda f: f["properties"]["observed"])
    assert busiest["geometry"]["coordinates"] == [BUSY_SCHOOL[1], BUSY_SCHOOL[0]] and busiest["properties"]["flagged"]

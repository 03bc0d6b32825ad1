"""A unit's observatory: its officers see their caseload in full, everyone else the public's figures."""

import csv
import io

import h3
import pytest
from django.test import Client

from amane.analytics.selectors.jurisdiction import drawn_box, jurisdiction_for
from amane.authorities.tests.factories import (
    IN_AL_AMANE,
    IN_DOUAR,
    SOUTH_WEST_ANNEX,
    Units,
    build_units,
    officer_of,
    point_of,
    signed_in_officer,
)
from amane.core.viewer import PUBLIC
from amane.reports.models import Report
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def units() -> Units:
    return build_units()


def file_in_the_city(n: int, category: str = "theft") -> list[Report]:
    lat, lon = point_of(SOUTH_WEST_ANNEX)
    return [file_report(point=(lat + i * 1e-4, lon), category_code=category).report for i in range(n)]


def counted(client: Client, unit_code: str) -> int:
    body = client.get(f"/observatory/unit/{unit_code}/hotspots.csv").content.decode("utf-8-sig")
    return sum(int(row["count"]) for row in csv.DictReader(io.StringIO(body)))


def test_the_public_sees_public_reports_of_the_units_communes(client: Client, units: Units) -> None:
    file_in_the_city(3)
    file_in_the_city(2, category="domestic-violence")
    file_report(point=point_of(IN_DOUAR))
    page = client.get("/observatory/unit/pashalik-city/?lang=fr")
    assert page.status_code == 200 and b'id="full-view"' not in page.content
    assert counted(client, "pashalik-city") == 3


def caseload(unit_code: str) -> list[Report]:
    return list(Report.objects.filter(routing__unit__code=unit_code))


def test_the_units_officers_count_every_routed_report_at_its_exact_point(units: Units) -> None:
    file_in_the_city(3)
    file_in_the_city(2, category="domestic-violence")
    routed = caseload("police-city")
    assert {r.category.code for r in routed} == {"theft", "domestic-violence"}, "the police get both"
    officer = signed_in_officer("police-city")
    page = officer.get("/observatory/unit/police-city/")
    assert b'id="full-view"' in page.content
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    body = officer.get("/observatory/unit/police-city/hotspots.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert sum(int(row["count"]) for row in rows) == len(routed)
    resolution = h3.get_resolution(rows[0]["cell"])
    assert {row["cell"] for row in rows if int(row["count"])} == {
        h3.latlng_to_cell(r.lat, r.lon, resolution) for r in routed
    }


def test_a_unit_above_sees_in_full_and_a_unit_beside_does_not(units: Units) -> None:
    file_in_the_city(2, category="domestic-violence")
    assert counted(signed_in_officer("province-99.901"), "police-city") == 2
    assert counted(signed_in_officer("police-urban"), "police-city") == 0
    assert jurisdiction_for(viewer=officer_of("wilaya-99"), unit=units.city_police).full
    assert not jurisdiction_for(viewer=officer_of("pashalik-city"), unit=units.city_police).full
    assert not jurisdiction_for(viewer=PUBLIC, unit=units.city_police).full


def test_the_public_cannot_filter_by_a_confidential_category(client: Client, units: Units) -> None:
    file_in_the_city(2, category="domestic-violence")
    page = client.get("/observatory/unit/pashalik-city/?category=domestic-violence&lang=fr").content.decode()
    assert 'value="domestic-violence"' not in page
    officer_page = signed_in_officer("police-city").get("/observatory/unit/police-city/").content.decode()
    assert 'value="domestic-violence"' in officer_page


def test_trends_of_the_caseload_and_of_the_public(client: Client, units: Units) -> None:
    file_in_the_city(2)
    file_in_the_city(1, category="domestic-violence")
    file_report(point=point_of(IN_AL_AMANE))
    public = client.get("/observatory/unit/pashalik-city/trends.csv").content.decode("utf-8-sig")
    assert [row[0] for row in csv.reader(io.StringIO(public))][1:] == ["theft"]
    officer = signed_in_officer("police-city")
    full = officer.get("/observatory/unit/police-city/trends.csv").content.decode("utf-8-sig")
    rows = {row[0]: sum(map(int, row[1:])) for row in list(csv.reader(io.StringIO(full)))[1:]}
    assert rows == {"theft": 2, "domestic-violence": 1}


def test_an_annex_is_mapped_over_the_area_drawn_for_it(units: Units) -> None:
    jurisdiction = jurisdiction_for(viewer=PUBLIC, unit=units.south_west_annex)
    assert jurisdiction.box == pytest.approx((-8.00, 31.20, -7.95, 31.25))
    assert jurisdiction.commune_ids, "counted in public with its pashalik's communes"


def test_the_box_of_a_drawn_multipolygon() -> None:
    shape = {
        "type": "MultiPolygon",
        "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, -1], [3, 0], [2, 0], [2, -1]]]],
    }
    assert drawn_box(shape) == (0, -1, 3, 1)


def test_an_unknown_unit_is_not_found(client: Client, units: Units) -> None:
    assert client.get("/observatory/unit/nowhere/").status_code == 404


def test_the_units_officers_see_its_response_times_confidential_reports_included(client: Client, units: Units) -> None:
    file_in_the_city(2)
    file_in_the_city(1, category="domestic-violence")
    html = signed_in_officer("police-city").get("/observatory/unit/police-city/?lang=fr").content.decode()
    table = html.split('id="response-times-table"')[1].split("</table>")[0]
    assert "Violence domestique" in table and "Vol" in table
    assert 'id="response-times-table"' not in client.get("/observatory/unit/police-city/").content.decode()

"""Pseudonymised records: for analysts only, public reports only, no way back to the report, audited."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from amane.accounts.models import RoleGrant
from amane.analytics.selectors.records import HEADER, pseudonym
from amane.analytics.tests.test_api_hotspots import file_reports
from amane.audit.models import AuditEntry
from amane.geo.tests.factories import URBAN, build_square_geography
from amane.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def geography() -> None:
    build_square_geography()


def signed_in(*, analyst: bool) -> Client:
    user = get_user_model().objects.create_user(username=f"user-{get_user_model().objects.count()}")
    if analyst:
        RoleGrant.objects.create(user=user, role="analyst")
    client = Client()
    client.force_login(user)
    return client


def rows_of(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_an_analyst_gets_every_public_report_under_a_pseudonym() -> None:
    file_reports(4, seed=1)
    file_reports(2, seed=2, category_code="domestic-violence")
    response = signed_in(analyst=True).get("/observatory/records.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = rows_of(response)
    assert tuple(rows[0]) == HEADER
    public = Report.objects.filter(public=True)
    assert sorted(r["pseudonym"] for r in rows) == sorted(pseudonym(r.public_id) for r in public)
    assert {r["category"] for r in rows} == {"theft"}
    exported = {(r["public_lat"], r["public_lon"]) for r in rows}
    assert exported == {(str(r.public_lat), str(r.public_lon)) for r in public}, "public points, never exact ones"


def test_no_row_names_the_report_or_its_words() -> None:
    file_reports(3, seed=3)
    text = "".join(",".join(r.values()) for r in rows_of(signed_in(analyst=True).get("/observatory/records.csv")))
    for report in Report.objects.all():
        assert report.public_id not in text and report.description not in text and str(report.lat) not in text


def test_the_pseudonym_is_the_same_in_every_download() -> None:
    file_reports(2, seed=4)
    client = signed_in(analyst=True)
    first = [r["pseudonym"] for r in rows_of(client.get("/observatory/records.csv"))]
    assert first == [r["pseudonym"] for r in rows_of(client.get("/observatory/records.csv"))]
    assert len(set(first)) == 2


def test_a_commune_and_a_period_narrow_the_records() -> None:
    file_reports(3, seed=5)
    client = signed_in(analyst=True)
    assert (
        len(rows_of(client.get(f"/observatory/{URBAN}/records.csv")))
        == Report.objects.filter(public=True, commune__code=URBAN).count()
    )
    assert rows_of(client.get("/observatory/records.csv?occurred_to=2000-01-01")) == []
    refused = client.get("/observatory/records.csv?occurred_from=2026-02-01&occurred_to=2026-01-01")
    assert refused.status_code == 400


def test_every_download_is_in_the_audit_trail() -> None:
    file_reports(1, seed=6)
    rows_of(signed_in(analyst=True).get(f"/observatory/{URBAN}/records.csv"))
    entry = AuditEntry.objects.get(action="analytics.records_exported")
    assert entry.actor_role == "analyst" and entry.target_id == URBAN


def test_others_may_not_download(client: Client) -> None:
    file_reports(1, seed=7)
    assert client.get("/observatory/records.csv").status_code == 302
    assert signed_in(analyst=False).get("/observatory/records.csv").status_code == 403
    assert not AuditEntry.objects.filter(action="analytics.records_exported").exists()


def test_the_page_offers_the_download_to_analysts_only(client: Client) -> None:
    assert b'id="records-csv"' not in client.get("/observatory/").content
    assert b'id="records-csv"' in signed_in(analyst=True).get("/observatory/").content

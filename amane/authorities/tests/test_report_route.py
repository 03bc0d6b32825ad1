"""A report filed is routed in the same transaction: its responsible unit, copies and their parents."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from amane.audit.models import AuditEntry
from amane.authorities.models import ReportRouting, RoutingRole
from amane.authorities.tests.factories import IN_DOUAR, NORTH_ANNEX, Units, point_of
from amane.geo.tests.factories import build_square_geography
from amane.reports.models import Report
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


def roles_of(report: Report) -> dict[str, str]:
    return dict(ReportRouting.objects.filter(report=report).values_list("unit__code", "role"))


def test_a_theft_in_an_annex_reaches_the_annex_its_copies_and_every_parent(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    assert roles_of(report) == {
        "annex-north": RoutingRole.RESPONSIBLE,
        "pashalik-city": RoutingRole.COPY,
        "police-city": RoutingRole.COPY,
        "province-99.901": RoutingRole.COPY,
        "wilaya-99": RoutingRole.OVERSIGHT,
    }


def test_every_routing_row_holds_the_reports_day(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX), occurred_at=timezone.now() - dt.timedelta(days=40)).report
    days = set(ReportRouting.objects.filter(report=report).values_list("occurred_on", flat=True))
    assert days == {report.occurred_on} and report.occurred_on == timezone.localdate() - dt.timedelta(days=40)


def test_a_confidential_report_reaches_only_the_police_and_those_above_it(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX), category_code="domestic-violence").report
    assert roles_of(report) == {
        "police-city": RoutingRole.RESPONSIBLE,
        "province-99.901": RoutingRole.OVERSIGHT,
        "wilaya-99": RoutingRole.OVERSIGHT,
    }


def test_a_report_where_no_unit_serves_is_filed_unrouted_and_the_audit_says_so() -> None:
    build_square_geography()
    report = file_report(point=point_of(IN_DOUAR)).report
    assert roles_of(report) == {}
    entry = AuditEntry.objects.get(action="report.route", target_id=report.public_id)
    assert entry.after == {"responsible": None, "copies": []}


def test_the_routing_is_audited_with_the_day_only_for_an_anonymous_reporter(units: Units) -> None:
    report = file_report(point=point_of(IN_DOUAR)).report
    entry = AuditEntry.objects.get(action="report.route", target_id=report.public_id)
    assert entry.after == {
        "responsible": "caidat-douar",
        "copies": ["cercle-test", "gendarmerie-rural", "province-99.901"],
    }
    local = timezone.localtime(entry.at)
    assert entry.actor_user_id is None and (local.hour, local.minute, local.second) == (0, 0, 0)


def test_a_routing_that_fails_files_nothing(units: Units, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: object) -> None:
        raise RuntimeError("routing table unreadable")

    monkeypatch.setattr("amane.authorities.services.route", broken)
    with pytest.raises(RuntimeError):
        file_report(point=point_of(NORTH_ANNEX))
    assert not Report.objects.exists() and not ReportRouting.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="report.").exists()


def test_the_api_names_the_responsible_unit_and_the_copies_never_an_officer(units: Units) -> None:
    report = file_report(point=point_of(IN_DOUAR)).report
    routing = Client().get(f"/api/v1/reports/{report.public_id}").json()["routing"]
    assert routing["responsible"] == {
        "code": "caidat-douar",
        "name_ar": units.caidat.name_ar,
        "name_fr": units.caidat.name_fr,
        "kind": "caidat",
    }
    assert [unit["code"] for unit in routing["copies"]] == ["cercle-test", "gendarmerie-rural", "province-99.901"]
    assert all(set(unit) == {"code", "name_ar", "name_fr", "kind"} for unit in routing["copies"])


def test_the_api_says_null_for_an_unrouted_report() -> None:
    build_square_geography()
    report = file_report(point=point_of(IN_DOUAR)).report
    assert Client().get(f"/api/v1/reports/{report.public_id}").json()["routing"] == {"responsible": None, "copies": []}


def test_the_report_page_names_who_handles_it_in_the_readers_language(units: Units) -> None:
    report = file_report(point=point_of(IN_DOUAR)).report
    arabic = Client().get(f"/reports/{report.public_id}/").content.decode()
    assert f"الجهة المكلفة: <strong>{units.caidat.name_ar}</strong>" in arabic
    french = Client().get(f"/reports/{report.public_id}/?lang=fr").content.decode()
    assert f"Traité par : <strong>{units.caidat.name_fr}</strong>" in french
    assert units.gendarmerie.name_fr in french


def test_an_unrouted_report_page_says_amanes_team_will_pass_it_on() -> None:
    build_square_geography()
    report = file_report(point=point_of(IN_DOUAR)).report
    assert "سيحيل فريق أمان" in Client().get(f"/reports/{report.public_id}/").content.decode()

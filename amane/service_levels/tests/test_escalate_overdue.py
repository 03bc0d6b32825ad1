"""The sweep hands an overdue report to its responsible unit's parent, once per missed deadline."""

import datetime as dt

import pytest
from django.core import mail
from pytest_django.fixtures import SettingsWrapper

from amane.audit.models import AuditEntry
from amane.authorities.models import ReportRouting, RoutingRole
from amane.authorities.tests.factories import IN_DOUAR, Units, point_of
from amane.core import clock
from amane.geo.tests.factories import build_square_geography
from amane.reports.tests.factories import file_report
from amane.service_levels.models import Escalation, ReportDeadline, ServiceLevel
from amane.service_levels.services import escalate_overdue
from amane.service_levels.tests.factories import (
    ACKNOWLEDGE_BY,
    FILED_AT,
    RESOLVE_BY,
    file_in_north_annex,
    move,
    responsible_of,
)

pytestmark = pytest.mark.django_db
MINUTE = dt.timedelta(minutes=1)


def test_a_report_filed_gets_its_deadlines_from_its_category(units: Units) -> None:
    report = file_in_north_annex()
    deadline = ReportDeadline.objects.get(report=report)
    assert (deadline.acknowledge_by, deadline.resolve_by) == (ACKNOWLEDGE_BY, RESOLVE_BY)
    assert (deadline.acknowledge_watched, deadline.resolve_watched) == (ACKNOWLEDGE_BY, RESOLVE_BY)


def test_nothing_is_escalated_before_the_deadline(units: Units) -> None:
    report = file_in_north_annex()
    result = escalate_overdue(now=ACKNOWLEDGE_BY - MINUTE)
    assert result.total_escalated == 0 and not Escalation.objects.exists()
    assert responsible_of(report) == "annex-north"


def test_a_report_not_acknowledged_in_time_goes_to_the_parent_unit(units: Units) -> None:
    report = file_in_north_annex()
    result = escalate_overdue(now=ACKNOWLEDGE_BY)
    assert result.escalated == {"acknowledge": 1, "resolve": 0}
    roles = dict(ReportRouting.objects.filter(report=report).values_list("unit__code", "role"))
    assert roles["pashalik-city"] == RoutingRole.RESPONSIBLE
    assert roles["annex-north"] == RoutingRole.COPY
    escalation = Escalation.objects.get(report=report)
    assert (escalation.kind, escalation.from_unit, escalation.to_unit) == (
        "acknowledge",
        units.north_annex,
        units.pashalik,
    )
    assert escalation.due_at == ACKNOWLEDGE_BY


def test_the_escalation_is_audited_with_the_units_before_and_after_and_the_deadline(units: Units) -> None:
    report = file_in_north_annex()
    escalate_overdue(now=ACKNOWLEDGE_BY + MINUTE)
    entry = AuditEntry.objects.get(action="report.escalate", target_id=report.public_id)
    assert entry.actor_role == "system" and entry.actor_user_id is None
    assert entry.before == {"responsible": "annex-north"}
    assert entry.after == {"responsible": "pashalik-city"}
    assert entry.details == {"deadline": "acknowledge", "due": ACKNOWLEDGE_BY.isoformat(), "parent_missing": False}


def test_a_deadline_is_escalated_once_however_often_the_sweep_runs(units: Units) -> None:
    report = file_in_north_annex()
    escalate_overdue(now=ACKNOWLEDGE_BY)
    again = escalate_overdue(now=ACKNOWLEDGE_BY + dt.timedelta(hours=1))
    assert again.total_escalated == 0
    assert Escalation.objects.filter(report=report).count() == 1
    assert responsible_of(report) == "pashalik-city"
    assert AuditEntry.objects.filter(action="report.escalate").count() == 1


def test_a_report_still_open_after_its_resolve_deadline_climbs_one_more_level(units: Units) -> None:
    report = file_in_north_annex()
    escalate_overdue(now=ACKNOWLEDGE_BY)
    move(report, "acknowledged", when=ACKNOWLEDGE_BY + dt.timedelta(hours=2))
    result = escalate_overdue(now=RESOLVE_BY)
    assert result.escalated == {"acknowledge": 0, "resolve": 1}
    assert responsible_of(report) == "province-99.901"
    assert list(Escalation.objects.filter(report=report).values_list("kind", "to_unit__code")) == [
        ("acknowledge", "pashalik-city"),
        ("resolve", "province-99.901"),
    ]


def test_a_sweep_long_after_both_deadlines_escalates_each_once(units: Units) -> None:
    report = file_in_north_annex()
    result = escalate_overdue(now=RESOLVE_BY + dt.timedelta(days=3))
    assert result.escalated == {"acknowledge": 1, "resolve": 1}
    assert responsible_of(report) == "province-99.901"


def test_a_report_acknowledged_in_time_is_never_escalated_to_acknowledge(units: Units) -> None:
    report = file_in_north_annex()
    move(report, "acknowledged", when=ACKNOWLEDGE_BY - dt.timedelta(hours=1))
    result = escalate_overdue(now=RESOLVE_BY - MINUTE)
    assert result.total_escalated == 0 and not Escalation.objects.exists()
    assert responsible_of(report) == "annex-north"
    assert ReportDeadline.objects.get(report=report).acknowledge_watched is None


def test_a_report_set_in_progress_counts_as_acknowledged(units: Units) -> None:
    report = file_in_north_annex()
    move(report, "in_progress", when=ACKNOWLEDGE_BY - dt.timedelta(hours=1))
    assert escalate_overdue(now=RESOLVE_BY - MINUTE).total_escalated == 0


def test_a_resolved_report_is_never_escalated(units: Units) -> None:
    report = file_in_north_annex()
    move(report, "acknowledged", when=ACKNOWLEDGE_BY - dt.timedelta(hours=1))
    move(report, "resolved", when=ACKNOWLEDGE_BY, message="تم الإصلاح")
    assert escalate_overdue(now=RESOLVE_BY + dt.timedelta(days=10)).total_escalated == 0
    assert responsible_of(report) == "annex-north"


def test_a_unit_without_parent_keeps_the_report_and_the_missed_deadline_is_recorded(units: Units) -> None:
    report = file_in_north_annex()
    escalate_overdue(now=ACKNOWLEDGE_BY)  # annex → pashalik
    escalate_overdue(now=RESOLVE_BY)  # pashalik → province
    # Made overdue again by hand: its province has a parent (the wilaya), which has none.
    ReportRouting.objects.filter(report=report, unit=units.province).update(role=RoutingRole.COPY)
    ReportRouting.objects.filter(report=report, unit=units.wilaya).update(role=RoutingRole.RESPONSIBLE)
    Escalation.objects.filter(report=report, kind="resolve").delete()
    ReportDeadline.objects.filter(report=report).update(resolve_watched=RESOLVE_BY)
    result = escalate_overdue(now=RESOLVE_BY + MINUTE)
    assert result.without_parent == 1
    assert responsible_of(report) == "wilaya-99"
    escalation = Escalation.objects.get(report=report, kind="resolve")
    assert (escalation.from_unit, escalation.to_unit) == (units.wilaya, None)
    entry = AuditEntry.objects.filter(action="report.escalate", target_id=report.public_id).last()
    assert entry is not None and entry.details["parent_missing"] is True
    assert entry.before == entry.after == {"responsible": "wilaya-99"}


def test_an_unrouted_report_is_recorded_as_overdue_with_nowhere_to_go() -> None:
    build_square_geography()
    report = file_in_north_annex()
    assert responsible_of(report) is None
    result = escalate_overdue(now=ACKNOWLEDGE_BY)
    assert result.without_parent == 1
    escalation = Escalation.objects.get(report=report)
    assert (escalation.from_unit, escalation.to_unit) == (None, None)


def test_a_category_with_a_shorter_level_escalates_sooner(units: Units) -> None:
    ServiceLevel.objects.filter(category__code="theft").update(acknowledge_hours=6)
    report = file_in_north_annex()
    escalate_overdue(now=ACKNOWLEDGE_BY - dt.timedelta(hours=42))
    assert responsible_of(report) == "pashalik-city"


def test_reports_written_around_the_services_get_deadlines_when_the_sweep_first_sees_them(units: Units) -> None:
    report = file_in_north_annex()
    ReportDeadline.objects.all().delete()
    assert escalate_overdue(now=ACKNOWLEDGE_BY - MINUTE).deadlines_set == 1
    deadline = ReportDeadline.objects.get(report=report)
    assert (deadline.acknowledge_by, deadline.resolve_by) == (ACKNOWLEDGE_BY, RESOLVE_BY)
    assert (deadline.acknowledge_watched, deadline.resolve_watched) == (ACKNOWLEDGE_BY, RESOLVE_BY)
    result = escalate_overdue(now=ACKNOWLEDGE_BY)
    assert result.deadlines_set == 0 and result.escalated["acknowledge"] == 1
    assert responsible_of(report) == "pashalik-city"


def test_the_escalation_address_is_told_with_a_link_and_not_the_report(
    units: Units, settings: SettingsWrapper, django_capture_on_commit_callbacks: object
) -> None:
    settings.AMANE_ESCALATION_NOTIFY = "supervision@example.ma"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    report = file_in_north_annex(description="سرقة هاتف قرب المدرسة الابتدائية")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        escalate_overdue(now=ACKNOWLEDGE_BY)
    escalated = [message for message in mail.outbox if report.public_id in message.subject]
    assert len(escalated) == 1 and escalated[0].to == ["supervision@example.ma"]
    assert f"/inbox/reports/{report.public_id}/" in escalated[0].body
    assert "المدرسة" not in escalated[0].body


def test_nobody_is_told_when_no_address_is_set(units: Units, settings: SettingsWrapper) -> None:
    settings.AMANE_ESCALATION_NOTIFY = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    file_in_north_annex()
    escalate_overdue(now=ACKNOWLEDGE_BY)
    assert mail.outbox == []


def test_a_report_in_douar_escalates_from_the_caidat_to_the_cercle(units: Units) -> None:
    with clock.pinned_at(FILED_AT):
        report = file_report(point=point_of(IN_DOUAR), occurred_at=FILED_AT - dt.timedelta(hours=1)).report
    escalate_overdue(now=ACKNOWLEDGE_BY)
    assert responsible_of(report) == "cercle-test"


def test_the_heads_of_the_unit_that_now_answers_are_told_with_a_link_to_their_inbox(
    units: Units, settings: SettingsWrapper, django_capture_on_commit_callbacks: object
) -> None:
    from django.contrib.auth import get_user_model

    from amane.authorities.models import Membership, MembershipRole

    settings.AMANE_ESCALATION_NOTIFY = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    pasha = get_user_model().objects.create_user(username="pasha", email="pasha@example.ma")
    Membership.objects.create(user=pasha, unit=units.pashalik, role=MembershipRole.HEAD)
    officer = get_user_model().objects.create_user(username="officer", email="officer@example.ma")
    Membership.objects.create(user=officer, unit=units.pashalik, role=MembershipRole.OFFICER)
    report = file_in_north_annex()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        escalate_overdue(now=ACKNOWLEDGE_BY)
    assert [message.to for message in mail.outbox] == [["pasha@example.ma"]]
    assert f"/inbox/reports/{report.public_id}/" in mail.outbox[0].body

"""Inbox actions: only who may act changes a status, conflicts are refused, notes stay internal."""

import pytest

from amane.audit.models import AuditEntry
from amane.authorities.tests.factories import IN_DOUAR, NORTH_ANNEX, Units, officer_of, point_of
from amane.core.actors import authority_user
from amane.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from amane.core.viewer import Viewer
from amane.inbox.services import inbox_acknowledge_many, inbox_change_status, note_add
from amane.reports.models import Report
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


def act(viewer: Viewer, public_id: str, new_status: str, expected: str = "submitted", message: str = "") -> str:
    assert viewer.user_id is not None
    event = inbox_change_status(
        viewer=viewer,
        actor=authority_user(viewer.user_id),
        public_id=public_id,
        new_status=new_status,
        expected_status=expected,
        message=message,
    )
    return event.status


def test_the_responsible_annex_acknowledges_then_resolves_with_a_public_answer(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    annex = officer_of("annex-north")
    assert act(annex, report.public_id, "acknowledged") == "acknowledged"
    assert act(annex, report.public_id, "resolved", expected="acknowledged", message="أُصلحت الإنارة") == "resolved"
    report.refresh_from_db()
    assert report.status == "resolved" and report.events.last().message == "أُصلحت الإنارة"  # type: ignore[union-attr]


def test_a_unit_in_copy_may_not_change_the_status_and_one_outside_is_told_nothing_exists(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    with pytest.raises(NotAllowed):
        act(officer_of("police-city"), report.public_id, "acknowledged")
    with pytest.raises(NotFound):
        act(officer_of("caidat-douar"), report.public_id, "acknowledged")
    assert Report.objects.get(pk=report.pk).status == "submitted"


def test_of_two_officers_acting_on_what_they_both_saw_the_second_gets_a_conflict(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    act(officer_of("annex-north"), report.public_id, "acknowledged")
    with pytest.raises(Conflict):
        act(officer_of("pashalik-city"), report.public_id, "rejected", message="خارج الاختصاص")
    assert Report.objects.get(pk=report.pk).status == "acknowledged"


def test_acknowledging_many_changes_those_it_may_and_says_why_for_the_others(units: Units) -> None:
    mine = [file_report(point=point_of(NORTH_ANNEX)).report.public_id for _ in range(2)]
    elsewhere = file_report(point=point_of(IN_DOUAR)).report.public_id
    annex = officer_of("annex-north")
    assert annex.user_id is not None
    outcome = inbox_acknowledge_many(
        viewer=annex, actor=authority_user(annex.user_id), public_ids=[*mine, elsewhere, mine[0]]
    )
    assert outcome.done == mine
    assert list(outcome.refused) == [elsewhere]
    assert set(Report.objects.filter(public_id__in=mine).values_list("status", flat=True)) == {"acknowledged"}


def test_a_note_is_written_in_the_name_of_the_viewers_unit_with_its_audit_row(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    police = officer_of("police-city")
    assert police.user_id is not None
    note = note_add(
        viewer=police, actor=authority_user(police.user_id), public_id=report.public_id, body="دورية الليلة"
    )
    assert note.unit_id == units.city_police.pk and note.author_id == police.user_id
    entry = AuditEntry.objects.get(action="report.note")
    assert entry.actor_user_id == police.user_id and "دورية" not in str(entry.details)


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001])
def test_an_empty_or_too_long_note_is_refused_and_nothing_is_written(units: Units, body: str) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    annex = officer_of("annex-north")
    assert annex.user_id is not None
    with pytest.raises(InvalidInput) as refused:
        note_add(viewer=annex, actor=authority_user(annex.user_id), public_id=report.public_id, body=body)
    assert "body" in refused.value.fields
    assert not AuditEntry.objects.filter(action="report.note").exists()

import pytest

from amane.core.errors import InvalidInput, InvalidTransition, NotFound
from amane.geo.tests.factories import build_square_geography
from amane.reports.lifecycle import ALLOWED, Status
from amane.reports.models import Report
from amane.reports.services import report_change_status
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _geography() -> None:
    build_square_geography()


def walk(public_id: str, *statuses: str) -> None:
    for status in statuses:
        report_change_status(actor=AN_AUTHORITY, public_id=public_id, new_status=status, message="ok")


class TestReportChangeStatus:
    def test_a_report_goes_from_submitted_to_resolved_with_a_public_timeline(self) -> None:
        report = file_report().report
        walk(report.public_id, "acknowledged", "in_progress", "resolved")
        report.refresh_from_db()
        assert report.status == "resolved"
        assert list(report.events.values_list("status", flat=True)) == [
            "submitted",
            "acknowledged",
            "in_progress",
            "resolved",
        ]
        assert set(report.events.exclude(status="submitted").values_list("actor_role", flat=True)) == {"authority"}

    @pytest.mark.parametrize(
        ("path", "refused"),
        [
            ((), "resolved"),
            (("acknowledged", "in_progress"), "acknowledged"),
            (("acknowledged", "resolved"), "in_progress"),
            (("rejected",), "in_progress"),
            ((), "submitted"),
        ],
    )
    def test_impossible_transitions_are_refused_and_change_nothing(self, path: tuple[str, ...], refused: str) -> None:
        report = file_report().report
        walk(report.public_id, *path)
        before = report.events.count()
        with pytest.raises(InvalidTransition):
            report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status=refused, message="x")
        report.refresh_from_db()
        assert report.events.count() == before
        assert report.status == (path[-1] if path else "submitted")

    def test_closed_statuses_allow_nothing_but_reopening(self) -> None:
        assert ALLOWED[Status.RESOLVED] == ALLOWED[Status.REJECTED] == {Status.ACKNOWLEDGED}
        assert not ALLOWED[Status.DUPLICATE]

    def test_a_resolved_report_is_reopened_as_acknowledged_and_counted_again_as_such(self) -> None:
        report = file_report().report
        walk(report.public_id, "acknowledged", "resolved")
        report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status="acknowledged", message="عاد")
        report.refresh_from_db()
        assert report.status == "acknowledged"
        assert list(report.events.values_list("status", flat=True)) == [
            "submitted",
            "acknowledged",
            "resolved",
            "acknowledged",
        ]

    def test_a_rejection_needs_a_reason(self) -> None:
        report = file_report().report
        with pytest.raises(InvalidInput) as refused:
            report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status="rejected", message=" ")
        assert "message" in refused.value.fields
        assert Report.objects.get().status == "submitted"

    def test_a_duplicate_points_at_the_root_of_its_original(self) -> None:
        first, second, third = (file_report().report for _ in range(3))
        report_change_status(
            actor=AN_AUTHORITY,
            public_id=second.public_id,
            new_status="duplicate",
            duplicate_of_public_id=first.public_id,
        )
        report_change_status(
            actor=AN_AUTHORITY,
            public_id=third.public_id,
            new_status="duplicate",
            duplicate_of_public_id=second.public_id,
        )
        third.refresh_from_db()
        assert third.duplicate_of == first

    def test_a_report_cannot_duplicate_itself(self) -> None:
        report = file_report().report
        with pytest.raises(InvalidInput):
            report_change_status(
                actor=AN_AUTHORITY,
                public_id=report.public_id,
                new_status="duplicate",
                duplicate_of_public_id=report.public_id,
            )

    def test_an_unknown_report_or_status_is_refused(self) -> None:
        with pytest.raises(NotFound):
            report_change_status(actor=AN_AUTHORITY, public_id="nope", new_status="acknowledged")
        report = file_report().report
        with pytest.raises(InvalidInput):
            report_change_status(actor=AN_AUTHORITY, public_id=report.public_id, new_status="archived")


def test_a_public_report_cannot_be_marked_a_duplicate_of_a_confidential_one() -> None:
    hidden = file_report(category_code="domestic-violence").report
    shown = file_report().report
    with pytest.raises(InvalidInput) as refused:
        report_change_status(
            actor=AN_AUTHORITY,
            public_id=shown.public_id,
            new_status="duplicate",
            duplicate_of_public_id=hidden.public_id,
        )
    assert "duplicate_of" in refused.value.fields
    assert Report.objects.get(pk=shown.pk).status == "submitted"


def test_a_cycle_of_duplicates_is_refused_not_looped() -> None:
    first, second = file_report().report, file_report().report
    report_change_status(
        actor=AN_AUTHORITY, public_id=first.public_id, new_status="duplicate", duplicate_of_public_id=second.public_id
    )
    with pytest.raises(InvalidInput):
        report_change_status(
            actor=AN_AUTHORITY,
            public_id=second.public_id,
            new_status="duplicate",
            duplicate_of_public_id=first.public_id,
        )
    assert Report.objects.get(pk=second.pk).duplicate_of is None


def test_marking_a_duplicate_of_a_duplicate_links_to_the_root() -> None:
    root, middle, new = (file_report().report for _ in range(3))
    report_change_status(
        actor=AN_AUTHORITY, public_id=middle.public_id, new_status="duplicate", duplicate_of_public_id=root.public_id
    )
    report_change_status(
        actor=AN_AUTHORITY, public_id=new.public_id, new_status="duplicate", duplicate_of_public_id=middle.public_id
    )
    assert Report.objects.get(pk=new.pk).duplicate_of_id == root.pk

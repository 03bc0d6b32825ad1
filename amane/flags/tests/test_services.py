"""flag_submit, case_decide and photo_review: counting, hiding, deciding, and their audit rows."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.utils import timezone
from pytest_django.fixtures import SettingsWrapper

from amane.audit.models import AuditEntry
from amane.authorities.tests.factories import Units
from amane.core.actors import ANONYMOUS_REPORTER, Actor, Role
from amane.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from amane.core.viewer import PUBLIC, viewer_for
from amane.flags import services
from amane.flags.flaggers import user_key, visitor_key
from amane.flags.models import CaseState, Flag, ModerationCase
from amane.flags.services import Decision
from amane.flags.tests.factories import (
    TODAY,
    flag,
    flag_by,
    moderator_viewer,
    report_with_photo,
    small_jpeg,
    visitor,
)
from amane.reports import tallies
from amane.reports.models import CellTally, CellTotal, Photo, PhotoReview, Report
from amane.reports.services import category_save
from amane.reports.tests.factories import AN_AUTHORITY, file_report

pytestmark = pytest.mark.django_db


def _tally_total() -> int:
    return CellTotal.objects.filter(resolution=9).aggregate(n=Sum("count"))["n"] or 0


class TestFlagSubmit:
    def test_one_account_counts_once(self, units: Units) -> None:
        report = file_report().report
        key = user_key(7)
        first = flag("report", report.public_id, flagger=key)
        second = flag("report", report.public_id, flagger=key)
        assert (first.counted, second.counted) == (True, False)
        assert Flag.objects.filter(target_id=report.public_id).count() == 1

    def test_one_visitor_counts_once_a_day(self, units: Units) -> None:
        report = file_report().report
        same = visitor_key(address="203.0.113.5", user_agent="Phone/1", day=TODAY)
        again = visitor_key(address="203.0.113.5", user_agent="Phone/1", day=TODAY)
        assert same == again
        flag("report", report.public_id, flagger=same)
        assert not flag("report", report.public_id, flagger=again).counted
        assert Flag.objects.filter(target_id=report.public_id).count() == 1

    def test_different_visitors_count_apart(self, units: Units) -> None:
        report = file_report().report
        flag_by("report", report.public_id, 2)
        assert Flag.objects.filter(target_id=report.public_id).count() == 2
        other_browser = visitor_key(address="198.51.100.1", user_agent="Other/9", day=TODAY)
        assert other_browser != visitor(1)

    def test_a_visitors_key_changes_with_the_day(self) -> None:
        today = visitor_key(address="203.0.113.5", user_agent="Phone/1", day="2026-12-02")
        tomorrow = visitor_key(address="203.0.113.5", user_agent="Phone/1", day="2026-12-03")
        assert today != tomorrow

    def test_hidden_at_the_default_threshold(self, units: Units) -> None:
        report = file_report().report
        assert not flag_by("report", report.public_id, 2).hidden
        assert flag_by("report", report.public_id, 1, first=3).hidden
        report.refresh_from_db()
        assert (report.hidden, report.public) == (True, False)
        case = ModerationCase.objects.get(target_id=report.public_id)
        assert (case.state, case.flag_count, case.flags.count()) == (CaseState.PENDING, 3, 3)

    def test_threshold_per_kind_from_settings(self, units: Units, settings: SettingsWrapper) -> None:
        settings.AMANE_FLAG_THRESHOLDS = "report=2,photo=1"
        filed = report_with_photo()
        photo = filed.report.photos.get()
        services.photo_review(viewer=moderator_viewer(), photo_public_id=photo.public_id, decision="approve")
        assert flag("photo", photo.public_id, flagger=visitor(1)).hidden
        assert not flag("report", filed.report.public_id, flagger=visitor(1)).hidden
        assert flag("report", filed.report.public_id, flagger=visitor(2)).hidden

    def test_hiding_is_audited_as_amane(self, units: Units) -> None:
        report = file_report().report
        flag_by("report", report.public_id, 3)
        hide = AuditEntry.objects.get(action="moderation.hide", target_id=report.public_id)
        assert (hide.actor_role, hide.actor_user_id, hide.details["flags"]) == (Role.SYSTEM.value, None, 3)
        assert AuditEntry.objects.filter(action="flag.add", target_id=report.public_id).count() == 3

    def test_a_hidden_report_answers_hidden_and_counts_nothing(self, units: Units) -> None:
        report = file_report().report
        flag_by("report", report.public_id, 3)
        late = flag("report", report.public_id, flagger=visitor(9))
        assert (late.hidden, late.counted) == (True, False)
        assert Flag.objects.filter(target_id=report.public_id).count() == 3

    def test_refused_input_writes_nothing(self, units: Units) -> None:
        report = file_report().report
        with pytest.raises(InvalidInput) as refused:
            services.flag_submit(
                actor=ANONYMOUS_REPORTER, flagger_key="k", kind="report", target_id=report.public_id, reason="boring"
            )
        assert set(refused.value.fields) == {"reason"}
        with pytest.raises(InvalidInput) as refused:
            services.flag_submit(
                actor=ANONYMOUS_REPORTER,
                flagger_key="k",
                kind="report",
                target_id=report.public_id,
                reason="other",
                text="x" * 301,
            )
        assert set(refused.value.fields) == {"text"}
        assert not Flag.objects.exists()
        assert not AuditEntry.objects.filter(action__startswith="flag").exists()

    @pytest.mark.parametrize(("kind", "target"), [("planet", "abc"), ("report", "nosuchreport"), ("report", "../x")])
    def test_unknown_kind_or_id_is_not_found(self, units: Units, kind: str, target: str) -> None:
        with pytest.raises(NotFound):
            flag(kind, target, flagger="k")
        assert not Flag.objects.exists()

    def test_a_confidential_report_cannot_be_flagged(self, units: Units) -> None:
        report = file_report(category_code="domestic-violence").report
        with pytest.raises(NotFound):
            flag("report", report.public_id, flagger="k")

    def test_an_anonymous_flag_keeps_the_day_only(self, units: Units) -> None:
        report = file_report().report
        flag("report", report.public_id, flagger=visitor(1))
        moment = timezone.localtime(Flag.objects.get().created_at)
        assert (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0)


class TestCaseDecide:
    def _hidden(self) -> tuple[Report, ModerationCase]:
        report = file_report().report
        flag_by("report", report.public_id, 3)
        report.refresh_from_db()
        return report, ModerationCase.objects.get(target_id=report.public_id)

    def test_restore_shows_it_again_and_spends_the_flags(self, units: Units) -> None:
        report, case = self._hidden()
        moderator = moderator_viewer()
        services.case_decide(viewer=moderator, case_id=case.pk, decision=Decision.RESTORE, reason="Rien de grave")
        report.refresh_from_db()
        case.refresh_from_db()
        assert (report.hidden, report.public, case.state) == (False, True, CaseState.RESTORED)
        assert case.decided_by_id == moderator.user_id
        # The same three count no more; three new flaggers hide it again.
        assert not flag_by("report", report.public_id, 3).counted
        assert not flag_by("report", report.public_id, 2, first=4).hidden
        assert flag_by("report", report.public_id, 1, first=6).hidden
        assert ModerationCase.objects.filter(target_id=report.public_id).count() == 2

    def test_remove_keeps_it_hidden(self, units: Units) -> None:
        report, case = self._hidden()
        services.case_decide(viewer=moderator_viewer(), case_id=case.pk, decision=Decision.REMOVE)
        report.refresh_from_db()
        case.refresh_from_db()
        assert (report.hidden, report.public, case.state) == (True, False, CaseState.REMOVED)

    def test_decisions_are_in_the_audit_trail(self, units: Units) -> None:
        report, case = self._hidden()
        moderator = moderator_viewer()
        services.case_decide(viewer=moderator, case_id=case.pk, decision=Decision.RESTORE)
        flag_by("report", report.public_id, 3, first=10)
        second = ModerationCase.objects.get(target_id=report.public_id, state=CaseState.PENDING)
        services.case_decide(viewer=moderator, case_id=second.pk, decision=Decision.REMOVE)
        history = list(
            AuditEntry.objects.filter(target_id=report.public_id, action__startswith="moderation.")
            .order_by("id")
            .values_list("action", "actor_role", "actor_user_id")
        )
        assert history == [
            ("moderation.hide", "system", None),
            ("moderation.restore", "moderator", moderator.user_id),
            ("moderation.hide", "system", None),
            ("moderation.remove", "moderator", moderator.user_id),
        ]

    def test_a_decided_case_is_not_decided_twice(self, units: Units) -> None:
        _report, case = self._hidden()
        services.case_decide(viewer=moderator_viewer(), case_id=case.pk, decision=Decision.REMOVE)
        with pytest.raises(Conflict):
            services.case_decide(viewer=moderator_viewer(), case_id=case.pk, decision=Decision.RESTORE)

    def test_only_moderators_decide(self, units: Units) -> None:
        _report, case = self._hidden()
        citizen = viewer_for(get_user_model().objects.create_user(username="citizen"))
        for viewer in (PUBLIC, citizen):
            with pytest.raises(NotAllowed):
                services.case_decide(viewer=viewer, case_id=case.pk, decision=Decision.RESTORE)
        case.refresh_from_db()
        assert case.state == CaseState.PENDING
        admin = get_user_model().objects.create_user(username="admin", is_staff=True)
        services.case_decide(viewer=viewer_for(admin), case_id=case.pk, decision=Decision.RESTORE)
        case.refresh_from_db()
        assert case.state == CaseState.RESTORED

    def test_bad_decision_writes_nothing(self, units: Units) -> None:
        _report, case = self._hidden()
        with pytest.raises(InvalidInput) as refused:
            services.case_decide(viewer=moderator_viewer(), case_id=case.pk, decision="burn", reason="y" * 301)
        assert set(refused.value.fields) == {"decision", "reason"}
        case.refresh_from_db()
        assert case.state == CaseState.PENDING


class TestTallies:
    def test_hidden_leaves_the_public_counts_and_restored_returns(self, units: Units) -> None:
        report = file_report().report
        file_report()
        assert _tally_total() == 2
        flag_by("report", report.public_id, 3)
        assert _tally_total() == 1
        before = sorted(CellTally.objects.filter(count__gt=0).values_list("cell", "category_id", "status", "count"))
        tallies.rebuild()
        after = sorted(CellTally.objects.filter(count__gt=0).values_list("cell", "category_id", "status", "count"))
        assert before == after
        case = ModerationCase.objects.get()
        services.case_decide(viewer=moderator_viewer(), case_id=case.pk, decision=Decision.RESTORE)
        assert _tally_total() == 2

    def test_a_category_change_does_not_show_a_hidden_report(self, units: Units) -> None:
        report = file_report().report
        flag_by("report", report.public_id, 3)
        category = report.category
        category.confidential = True
        category_save(actor=AN_AUTHORITY, category=category)
        category.confidential = False
        category_save(actor=AN_AUTHORITY, category=category)
        report.refresh_from_db()
        assert (report.hidden, report.public) == (True, False)
        assert _tally_total() == 0


class TestPhotoReview:
    def test_approve_and_remove(self, units: Units) -> None:
        filed = file_report(photos=[small_jpeg(), small_jpeg((20, 90, 200))])
        first, second = filed.report.photos.order_by("position")
        moderator = moderator_viewer()
        services.photo_review(viewer=moderator, photo_public_id=first.public_id, decision="approve")
        services.photo_review(viewer=moderator, photo_public_id=second.public_id, decision="remove")
        reviews = dict(Photo.objects.values_list("public_id", "review"))
        assert reviews == {first.public_id: PhotoReview.APPROVED, second.public_id: PhotoReview.REMOVED}
        actions = set(AuditEntry.objects.filter(target_type="photo").values_list("action", "actor_user_id"))
        assert actions == {("photo.approve", moderator.user_id), ("photo.remove", moderator.user_id)}
        with pytest.raises(Conflict):
            services.photo_review(viewer=moderator, photo_public_id=first.public_id, decision="remove")

    def test_only_moderators_review(self, units: Units) -> None:
        photo = report_with_photo().report.photos.get()
        with pytest.raises(NotAllowed):
            services.photo_review(viewer=PUBLIC, photo_public_id=photo.public_id, decision="approve")
        photo.refresh_from_db()
        assert photo.review == PhotoReview.PENDING

    def test_a_pending_photo_cannot_be_flagged_by_the_public(self, units: Units) -> None:
        photo = report_with_photo().report.photos.get()
        with pytest.raises(NotFound):
            flag("photo", photo.public_id, flagger="k")

    def test_restoring_a_flagged_photo_shows_it_again(self, units: Units, settings: SettingsWrapper) -> None:
        settings.AMANE_FLAG_THRESHOLDS = "photo=2"
        photo = report_with_photo().report.photos.get()
        moderator = moderator_viewer()
        services.photo_review(viewer=moderator, photo_public_id=photo.public_id, decision="approve")
        assert flag_by("photo", photo.public_id, 2).hidden
        photo.refresh_from_db()
        assert photo.hidden
        case = ModerationCase.objects.get(kind="photo")
        services.case_decide(viewer=moderator, case_id=case.pk, decision=Decision.RESTORE)
        photo.refresh_from_db()
        assert not photo.hidden


def test_a_signed_in_flagger_is_audited_with_their_id(units: Units) -> None:
    report = file_report().report
    user = get_user_model().objects.create_user(username="citizen")
    services.flag_submit(
        actor=Actor(role=Role.REPORTER, user_id=user.pk),
        flagger_key=user_key(user.pk),
        kind="report",
        target_id=report.public_id,
        reason="abusive",
    )
    assert AuditEntry.objects.get(action="flag.add").actor_user_id == user.pk

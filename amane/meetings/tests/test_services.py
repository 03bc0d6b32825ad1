import datetime as dt
from typing import Any

import pytest
from django.core import mail

from amane.associations.models import Association, AssociationStatus
from amane.audit.models import AuditEntry
from amane.authorities.tests.factories import Units
from amane.core import clock
from amane.core.actors import association_member
from amane.core.errors import InvalidInput, NotAllowed, NotFound
from amane.core.viewer import viewer_for
from amane.geo.tests.factories import RURAL
from amane.meetings import services
from amane.meetings.models import Meeting, MeetingInvitation, Recommendation, RecommendationUpdate
from amane.meetings.tests.factories import (
    HOLDER,
    association,
    association_user,
    held_meeting,
    officer,
    recommend,
    schedule,
)

pytestmark = pytest.mark.django_db


def _schedule_args(**changes: Any) -> dict[str, Any]:
    starts = clock.now() + dt.timedelta(days=3)
    args: dict[str, Any] = {
        "unit_code": HOLDER,
        "title_ar": "لقاء",
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=2),
        "place": "Salle",
        "agenda_fr": "Ordre du jour",
    }
    args.update(changes)
    return args


class TestMeetingSchedule:
    def test_an_officer_schedules_for_their_unit_with_an_audit_row(self, units: Units) -> None:
        viewer, actor = officer()
        meeting = services.meeting_schedule(viewer=viewer, actor=actor, **_schedule_args())
        assert meeting.unit == units.pashalik and meeting.status == "scheduled"
        assert AuditEntry.objects.filter(action="meeting.schedule", target_id=meeting.public_id).exists()

    def test_another_units_officer_is_refused_and_nothing_is_written(self, units: Units) -> None:
        viewer, actor = officer("caidat-douar")
        with pytest.raises(InvalidInput) as refused:
            services.meeting_schedule(viewer=viewer, actor=actor, **_schedule_args())
        assert "unit" in refused.value.fields
        assert not Meeting.objects.exists() and not AuditEntry.objects.filter(action="meeting.schedule").exists()

    def test_each_bad_field_has_its_message(self, units: Units) -> None:
        viewer, actor = officer()
        past = clock.now() - dt.timedelta(hours=1)
        with pytest.raises(InvalidInput) as refused:
            services.meeting_schedule(
                viewer=viewer,
                actor=actor,
                **_schedule_args(
                    title_ar="", starts_at=past, ends_at=past - dt.timedelta(hours=1), place="", agenda_fr="", lat=10.0
                ),
            )
        fields = refused.value.fields
        assert {"title_ar", "title_fr", "agenda_ar", "agenda_fr", "starts_at", "ends_at", "place", "lon"} <= set(fields)
        assert not Meeting.objects.exists()

    def test_a_meeting_of_more_than_twelve_hours_is_refused(self, units: Units) -> None:
        viewer, actor = officer()
        starts = clock.now() + dt.timedelta(days=1)
        with pytest.raises(InvalidInput) as refused:
            services.meeting_schedule(
                viewer=viewer, actor=actor, **_schedule_args(starts_at=starts, ends_at=starts + dt.timedelta(hours=13))
            )
        assert list(refused.value.fields) == ["ends_at"]


class TestInvite:
    def test_verified_associations_of_the_units_communes_are_invited_and_told_by_mail(
        self, units: Units, django_capture_on_commit_callbacks: object
    ) -> None:
        association("neighbours", email="contact@neighbours.ma")
        viewer, actor = officer()
        meeting = schedule(acting=(viewer, actor))
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            made = services.meeting_invite(
                viewer=viewer, actor=actor, public_id=meeting.public_id, association_slugs=["neighbours"]
            )
        assert [i.association.slug for i in made] == ["neighbours"]
        assert len(mail.outbox) == 1 and f"/meetings/{meeting.public_id}.ics" in mail.outbox[0].body
        assert AuditEntry.objects.filter(action="meeting.invite", target_id=meeting.public_id).exists()

    @pytest.mark.parametrize("status", [AssociationStatus.PENDING, AssociationStatus.SUSPENDED])
    def test_an_unverified_association_is_refused_with_nothing_written(self, units: Units, status: str) -> None:
        association("good")
        association("doubtful", status=status)
        viewer, actor = officer()
        meeting = schedule(acting=(viewer, actor))
        with pytest.raises(InvalidInput) as refused:
            services.meeting_invite(
                viewer=viewer, actor=actor, public_id=meeting.public_id, association_slugs=["good", "doubtful"]
            )
        assert "doubtful" in str(refused.value.fields["associations"][0])
        assert not MeetingInvitation.objects.exists()

    def test_an_association_working_elsewhere_is_refused(self, units: Units) -> None:
        association("far", communes=(RURAL,))
        viewer, actor = officer()
        meeting = schedule(acting=(viewer, actor))
        with pytest.raises(InvalidInput):
            services.meeting_invite(viewer=viewer, actor=actor, public_id=meeting.public_id, association_slugs=["far"])

    def test_an_annex_invites_those_of_its_parents_communes(self, units: Units) -> None:
        association("neighbours")
        viewer, actor = officer("annex-north")
        meeting = schedule("annex-north", acting=(viewer, actor))
        made = services.meeting_invite(
            viewer=viewer, actor=actor, public_id=meeting.public_id, association_slugs=["neighbours"]
        )
        assert len(made) == 1

    def test_another_unit_may_not_invite(self, units: Units) -> None:
        association("neighbours")
        meeting = schedule()
        viewer, actor = officer("police-city")
        with pytest.raises(NotAllowed):
            services.meeting_invite(
                viewer=viewer, actor=actor, public_id=meeting.public_id, association_slugs=["neighbours"]
            )


class TestRespond:
    def _invited(self) -> tuple[Meeting, Association]:
        invited = association("neighbours")
        viewer, actor = officer()
        meeting = schedule(acting=(viewer, actor))
        services.meeting_invite(
            viewer=viewer, actor=actor, public_id=meeting.public_id, association_slugs=["neighbours"]
        )
        return meeting, invited

    def test_a_member_confirms(self, units: Units) -> None:
        meeting, invited = self._invited()
        user = association_user(invited)
        invitation = services.invitation_respond(
            viewer=viewer_for(user),
            actor=association_member(user.pk),
            public_id=meeting.public_id,
            association_slug="neighbours",
            response="confirmed",
        )
        assert invitation.response == "confirmed"
        assert AuditEntry.objects.filter(action="meeting.respond", actor_user_id=user.pk).exists()

    def test_a_member_of_another_association_is_told_it_does_not_exist(self, units: Units) -> None:
        meeting, _invited = self._invited()
        user = association_user(association("other"))
        with pytest.raises(NotFound):
            services.invitation_respond(
                viewer=viewer_for(user),
                actor=association_member(user.pk),
                public_id=meeting.public_id,
                association_slug="neighbours",
                response="declined",
            )
        assert MeetingInvitation.objects.get().response == "invited"

    def test_a_suspended_association_may_not_answer(self, units: Units) -> None:
        meeting, invited = self._invited()
        user = association_user(invited, admin=True)
        Association.objects.filter(pk=invited.pk).update(status=AssociationStatus.SUSPENDED)
        with pytest.raises(NotAllowed):
            services.invitation_respond(
                viewer=viewer_for(user),
                actor=association_member(user.pk),
                public_id=meeting.public_id,
                association_slug="neighbours",
                response="confirmed",
            )

    def test_an_unknown_answer_is_refused_on_its_field(self, units: Units) -> None:
        meeting, invited = self._invited()
        user = association_user(invited)
        with pytest.raises(InvalidInput) as refused:
            services.invitation_respond(
                viewer=viewer_for(user),
                actor=association_member(user.pk),
                public_id=meeting.public_id,
                association_slug="neighbours",
                response="maybe",
            )
        assert list(refused.value.fields) == ["response"]


class TestAfterTheMeeting:
    def test_attendance_and_minutes_make_it_held(self, units: Units) -> None:
        association("came")
        association("absent")
        meeting = held_meeting(invite=("came", "absent"))
        attended = dict(MeetingInvitation.objects.values_list("association__slug", "attended"))
        assert attended == {"came": True, "absent": True}
        assert meeting.status == "held" and meeting.minutes == "PV"

    def test_minutes_before_the_start_are_refused(self, units: Units) -> None:
        viewer, actor = officer()
        meeting = schedule(acting=(viewer, actor))
        with pytest.raises(InvalidInput) as refused:
            services.meeting_record_minutes(viewer=viewer, actor=actor, public_id=meeting.public_id, minutes="PV")
        assert "minutes" in refused.value.fields
        meeting.refresh_from_db()
        assert meeting.minutes == "" and meeting.status == "scheduled"

    def test_attendance_of_an_uninvited_association_is_refused(self, units: Units) -> None:
        association("came")
        association("stranger")
        meeting = held_meeting(invite=("came",))
        viewer, actor = officer()
        with pytest.raises(InvalidInput) as refused:
            services.meeting_record_attendance(
                viewer=viewer, actor=actor, public_id=meeting.public_id, attended_slugs=["stranger"]
            )
        assert "stranger" in str(refused.value.fields["attended"][0])
        assert MeetingInvitation.objects.get().attended is True


class TestRecommendations:
    def test_added_to_a_held_meeting(self, units: Units) -> None:
        meeting = held_meeting()
        made = recommend(meeting, due_on=clock.now().date(), responsible="council-city")
        assert made.responsible_unit == units.city_council and made.meeting_unit == units.pashalik
        assert AuditEntry.objects.filter(action="recommendation.add", target_id=made.public_id).exists()

    def test_refused_on_a_scheduled_meeting_with_per_field_messages(self, units: Units) -> None:
        viewer, actor = officer()
        meeting = schedule(acting=(viewer, actor))
        with pytest.raises(InvalidInput) as refused:
            services.recommendation_add(
                viewer=viewer,
                actor=actor,
                meeting_public_id=meeting.public_id,
                responsible_unit_code="nowhere",
                due_on=None,
            )
        assert {"meeting", "text_ar", "text_fr", "responsible_unit", "due_on"} <= set(refused.value.fields)
        assert not Recommendation.objects.exists()

    def test_done_on_time_then_reopened(self, units: Units) -> None:
        made = recommend(held_meeting(), due_on=clock.now().date() + dt.timedelta(days=3))
        viewer, actor = officer()
        services.recommendation_update(
            viewer=viewer, actor=actor, public_id=made.public_id, text="Fait", new_status="done"
        )
        made.refresh_from_db()
        assert made.status == "done" and made.done_on == clock.now().date() and made.done_late is False
        assert made.latest_update is not None and made.latest_update.text == "Fait"
        services.recommendation_update(
            viewer=viewer, actor=actor, public_id=made.public_id, text="Rouvert", new_status="in_progress"
        )
        made.refresh_from_db()
        assert made.done_on is None and made.status == "in_progress"
        assert AuditEntry.objects.filter(action="recommendation.update").count() == 2

    def test_done_after_the_due_date_is_done_late(self, units: Units) -> None:
        made = recommend(held_meeting(days_ago=30), due_on=clock.now().date() - dt.timedelta(days=2))
        viewer, actor = officer()
        services.recommendation_update(
            viewer=viewer, actor=actor, public_id=made.public_id, text="Fait", new_status="done"
        )
        made.refresh_from_db()
        assert made.done_late is True

    def test_the_responsible_unit_posts_progress_too(self, units: Units) -> None:
        made = recommend(held_meeting(), due_on=clock.now().date(), responsible="council-city")
        viewer, actor = officer("council-city")
        update = services.recommendation_update(
            viewer=viewer, actor=actor, public_id=made.public_id, text="Commencé", new_status="in_progress"
        )
        assert update.unit == units.city_council

    def test_another_unit_may_not_post_progress(self, units: Units) -> None:
        made = recommend(held_meeting(), due_on=clock.now().date())
        viewer, actor = officer("caidat-douar")
        with pytest.raises(NotAllowed):
            services.recommendation_update(
                viewer=viewer, actor=actor, public_id=made.public_id, text="x", new_status="done"
            )
        assert not RecommendationUpdate.objects.exists()

    def test_dropping_needs_a_reason_and_is_final(self, units: Units) -> None:
        made = recommend(held_meeting(), due_on=clock.now().date())
        viewer, actor = officer()
        with pytest.raises(InvalidInput) as refused:
            services.recommendation_update(
                viewer=viewer, actor=actor, public_id=made.public_id, text=" ", new_status="dropped"
            )
        assert list(refused.value.fields) == ["text"]
        services.recommendation_update(
            viewer=viewer, actor=actor, public_id=made.public_id, text="Hors compétence", new_status="dropped"
        )
        made.refresh_from_db()
        assert made.drop_reason == "Hors compétence"
        with pytest.raises(InvalidInput) as refused:
            services.recommendation_update(
                viewer=viewer, actor=actor, public_id=made.public_id, text="x", new_status="done"
            )
        assert list(refused.value.fields) == ["new_status"]
        assert RecommendationUpdate.objects.count() == 1

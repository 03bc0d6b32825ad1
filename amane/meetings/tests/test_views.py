import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from amane.authorities.tests.factories import Units, member_of, signed_in_officer
from amane.core import clock
from amane.geo.tests.factories import CITY
from amane.meetings.models import Meeting, MeetingInvitation, Recommendation, RecommendationUpdate
from amane.meetings.tests.factories import HOLDER, association, association_user, held_meeting, recommend, schedule

pytestmark = pytest.mark.django_db


def _later(days: int = 3, hours: int = 0) -> str:
    return (clock.now() + dt.timedelta(days=days, hours=hours)).astimezone().strftime("%Y-%m-%dT%H:%M")


class TestAccountabilityPages:
    @pytest.mark.parametrize(("lang", "heading"), [("ar", "التوصيات"), ("fr", "Recommandations")])
    def test_commune_page_in_both_languages(self, units: Units, lang: str, heading: str) -> None:
        made = recommend(held_meeting(), due_on=clock.now().date() - dt.timedelta(days=1))
        response = Client().get(f"/communes/{CITY}/accountability/?lang={lang}")
        assert response.status_code == 200
        body = response.content.decode()
        assert heading in body and made.public_id in body
        assert "<svg" in body and "<script" not in body

    def test_unit_page_lists_its_recommendations(self, units: Units) -> None:
        made = recommend(held_meeting(), due_on=clock.now().date())
        response = Client().get(f"/units/{HOLDER}/accountability/")
        assert response.status_code == 200 and made.public_id in response.content.decode()

    def test_unknown_places_are_404(self, units: Units) -> None:
        assert Client().get("/communes/00.000/accountability/").status_code == 404
        assert Client().get("/units/nowhere/accountability/").status_code == 404

    def test_the_commune_page_has_the_section_with_its_counts(self, units: Units) -> None:
        meeting = held_meeting()
        recommend(meeting, due_on=clock.now().date())
        recommend(meeting, due_on=clock.now().date() - dt.timedelta(days=3))
        body = Client().get(f"/communes/{CITY}/?lang=fr").content.decode()
        assert reverse("commune_accountability", args=[CITY]) in body
        assert "En retard: <strong>1</strong>" in body and "Dans les délais: <strong>1</strong>" in body

    def test_a_commune_without_recommendations_has_no_section(self, units: Units) -> None:
        body = Client().get(f"/communes/{CITY}/?lang=fr").content.decode()
        assert reverse("commune_accountability", args=[CITY]) not in body


class TestMeetingPages:
    def test_an_officer_schedules_from_the_form(self, units: Units) -> None:
        client = signed_in_officer(HOLDER)
        response = client.post(
            "/meetings/new/",
            {
                "unit": HOLDER,
                "title_fr": "Concertation",
                "starts_at": _later(),
                "ends_at": _later(hours=2),
                "place": "Salle",
                "agenda_ar": "جدول الأعمال",
            },
        )
        meeting = Meeting.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.public_id}/"

    @pytest.mark.parametrize(("lang", "message"), [("fr", "Indiquez"), ("ar", "مكان")])
    def test_bad_input_shows_messages_by_the_fields(self, units: Units, lang: str, message: str) -> None:
        client = signed_in_officer(HOLDER)
        response = client.post(f"/meetings/new/?lang={lang}", {"unit": HOLDER, "title_fr": "x", "starts_at": _later()})
        assert response.status_code == 400 and message in response.content.decode()
        assert not Meeting.objects.exists()

    @pytest.mark.parametrize(
        ("lang", "words"), [("ar", ("جدول الأعمال", "المحضر")), ("fr", ("Ordre du jour", "Procès-verbal"))]
    )
    def test_the_meeting_page_in_both_languages(self, units: Units, lang: str, words: tuple[str, str]) -> None:
        meeting = held_meeting()
        body = Client().get(f"/meetings/{meeting.public_id}/?lang={lang}").content.decode()
        assert all(word in body for word in words)

    def test_the_public_reads_a_meeting_without_the_forms(self, units: Units) -> None:
        meeting = held_meeting()
        body = Client().get(f"/meetings/{meeting.public_id}/").content.decode()
        assert "PV" in body and 'value="recommend"' not in body

    def test_the_calendar_file(self, units: Units) -> None:
        meeting = schedule()
        response = Client().get(f"/meetings/{meeting.public_id}.ics?lang=fr")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
        assert f"UID:meeting-{meeting.public_id}@amane" in response.content.decode()
        assert "Réunion de concertation" in response.content.decode()

    def test_invite_then_record_through_the_page(self, units: Units) -> None:
        association("neighbours")
        meeting = schedule()
        client = signed_in_officer(HOLDER)
        response = client.post(f"/meetings/{meeting.public_id}/", {"action": "invite", "associations": ["neighbours"]})
        assert response.status_code == 302 and MeetingInvitation.objects.filter(meeting=meeting).count() == 1

    def test_a_recommendation_with_a_bad_date_is_refused_on_its_field(self, units: Units) -> None:
        meeting = held_meeting()
        client = signed_in_officer(HOLDER)
        response = client.post(
            f"/meetings/{meeting.public_id}/?lang=fr",
            {"action": "recommend", "text_fr": "Éclairage", "responsible_unit": HOLDER, "due_on": "demain"},
        )
        assert response.status_code == 400 and "2026-11-20" in response.content.decode()
        assert not Recommendation.objects.exists()

    def test_another_units_officer_is_refused(self, units: Units) -> None:
        meeting = held_meeting()
        client = signed_in_officer("caidat-douar")
        response = client.post(f"/meetings/{meeting.public_id}/", {"action": "minutes", "minutes": "Faux"})
        assert response.status_code == 403
        meeting.refresh_from_db()
        assert meeting.minutes == "PV"

    def test_progress_posted_from_the_recommendation_page(self, units: Units) -> None:
        made = recommend(held_meeting(), due_on=clock.now().date())
        client = signed_in_officer(HOLDER)
        response = client.post(f"/recommendations/{made.public_id}/", {"new_status": "in_progress", "text": "Lancé"})
        assert response.status_code == 302 and RecommendationUpdate.objects.get().text == "Lancé"
        assert "Lancé" in Client().get(f"/units/{HOLDER}/accountability/").content.decode()


class TestInvitationsPage:
    def test_a_member_confirms(self, units: Units) -> None:
        invited = association("neighbours")
        meeting = schedule()
        MeetingInvitation.objects.create(meeting=meeting, association=invited, invited_at=clock.now())
        client = Client()
        client.force_login(association_user(invited))
        assert meeting.public_id in client.get("/meetings/invitations/").content.decode()
        response = client.post(
            "/meetings/invitations/",
            {"meeting": meeting.public_id, "association": "neighbours", "response": "confirmed"},
        )
        assert response.status_code == 302 and MeetingInvitation.objects.get().response == "confirmed"

    def test_someone_without_an_association_gets_404(self, units: Units) -> None:
        client = Client()
        client.force_login(member_of(HOLDER))
        assert client.get("/meetings/invitations/").status_code == 404


class TestQueryCounts:
    """The list pages read a fixed number of times, however many recommendations there are."""

    @pytest.mark.parametrize("many", [1, 6])
    def test_accountability_pages(self, units: Units, many: int, django_assert_num_queries: object) -> None:
        meeting = held_meeting()
        for days in range(many):
            recommend(meeting, due_on=clock.now().date() + dt.timedelta(days=days), responsible="council-city")
        client = Client()
        # The commune, its units, the page's ids, their rows, the counts.
        with django_assert_num_queries(5):  # type: ignore[operator]
            assert client.get(f"/communes/{CITY}/accountability/").status_code == 200
        with django_assert_num_queries(4):  # type: ignore[operator]
            assert client.get(f"/units/{HOLDER}/accountability/").status_code == 200
        with django_assert_num_queries(5):  # type: ignore[operator]
            assert client.get(f"/api/v1/communes/{CITY}/recommendations").status_code == 200

import datetime as dt

import pytest
from django.test import Client

from amane.accounts.tokens import token_issue
from amane.authorities.tests.factories import AN_ADMIN, Units, member_of
from amane.core import clock
from amane.geo.tests.factories import CITY
from amane.meetings.models import Meeting, MeetingInvitation, Recommendation
from amane.meetings.tests.factories import HOLDER, association, association_user, held_meeting, recommend, schedule

pytestmark = pytest.mark.django_db


def _bearer(unit_code: str = HOLDER) -> dict[str, str]:
    token = token_issue(actor=AN_ADMIN, user=member_of(unit_code), name="test")
    return {"Authorization": f"Bearer {token}"}


def _starts(days: int = 3) -> str:
    return (clock.now() + dt.timedelta(days=days)).isoformat()


def test_schedule_with_a_token(units: Units) -> None:
    body = {
        "unit": HOLDER,
        "title_fr": "Concertation",
        "starts_at": _starts(),
        "ends_at": (clock.now() + dt.timedelta(days=3, hours=2)).isoformat(),
        "place": "Salle",
        "agenda_fr": "Ordre du jour",
    }
    response = Client().post("/api/v1/meetings", body, content_type="application/json", headers=_bearer())
    assert response.status_code == 201, response.content
    assert response.json()["calendar"] == f"/meetings/{Meeting.objects.get().public_id}.ics"


def test_bad_input_is_problem_json_per_field(units: Units) -> None:
    starts = _starts()
    body = {"unit": HOLDER, "starts_at": starts, "ends_at": starts, "place": "", "title_fr": ""}
    response = Client().post(
        "/api/v1/meetings", body, content_type="application/json", headers={**_bearer(), "Accept-Language": "fr"}
    )
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert {"title_ar", "ends_at", "place", "agenda_fr"} <= set(errors)
    assert not Meeting.objects.exists()


def test_writes_need_a_token_or_a_session(units: Units) -> None:
    response = Client().post("/api/v1/meetings", {}, content_type="application/json")
    assert response.status_code == 401


def test_another_units_officer_gets_403(units: Units) -> None:
    meeting = held_meeting()
    response = Client().post(
        f"/api/v1/meetings/{meeting.public_id}/minutes",
        {"minutes": "Faux"},
        content_type="application/json",
        headers=_bearer("caidat-douar"),
    )
    assert response.status_code == 403


def test_recommend_and_update(units: Units) -> None:
    meeting = held_meeting()
    headers = _bearer()
    response = Client().post(
        f"/api/v1/meetings/{meeting.public_id}/recommendations",
        {"text_ar": "الإنارة", "responsible_unit": "council-city", "due_on": clock.now().date().isoformat()},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["progress"] == "on_time" and made["responsible_unit"]["code"] == "council-city"
    response = Client().post(
        f"/api/v1/recommendations/{made['id']}/updates",
        {"text": "Fait", "new_status": "done"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201 and Recommendation.objects.get().status == "done"


def test_a_member_confirms_with_a_session(units: Units) -> None:
    invited = association("neighbours")
    meeting = schedule()
    MeetingInvitation.objects.create(meeting=meeting, association=invited, invited_at=clock.now())
    client = Client(enforce_csrf_checks=False)
    client.force_login(association_user(invited))
    response = client.post(
        f"/api/v1/meetings/{meeting.public_id}/response",
        {"association": "neighbours", "response": "declined"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert MeetingInvitation.objects.get().response == "declined"


def test_public_reads(units: Units) -> None:
    meeting = held_meeting()
    recommend(meeting, due_on=clock.now().date() - dt.timedelta(days=1))
    listed = Client().get(f"/api/v1/units/{HOLDER}/meetings").json()
    assert [m["id"] for m in listed] == [meeting.public_id]
    detail = Client().get(f"/api/v1/meetings/{meeting.public_id}").json()
    assert detail["minutes"] == "PV" and len(detail["recommendations"]) == 1
    page = Client().get(f"/api/v1/communes/{CITY}/recommendations").json()
    assert page["counts"]["late"] == 1 and page["results"][0]["progress"] == "late" and page["next"] is None
    assert Client().get(f"/api/v1/units/{HOLDER}/recommendations").json()["counts"]["late"] == 1


def test_unknown_is_404_problem(units: Units) -> None:
    response = Client().get("/api/v1/meetings/nothing")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert Client().get("/api/v1/communes/00.000/recommendations").status_code == 404


def test_cancel_then_the_calendar_says_so(units: Units) -> None:
    meeting = schedule()
    response = Client().post(
        f"/api/v1/meetings/{meeting.public_id}/cancel", content_type="application/json", headers=_bearer()
    )
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert "STATUS:CANCELLED" in Client().get(f"/meetings/{meeting.public_id}.ics").content.decode()
    again = Client().post(
        f"/api/v1/meetings/{meeting.public_id}/cancel", content_type="application/json", headers=_bearer()
    )
    assert again.status_code == 400 and "status" in again.json()["errors"]


def test_times_without_an_offset_are_moroccos(units: Units) -> None:
    starts = (clock.now() + dt.timedelta(days=3)).replace(tzinfo=None, microsecond=0)
    body = {
        "unit": HOLDER,
        "title_ar": "لقاء",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + dt.timedelta(hours=1)).isoformat(),
        "place": "Salle",
        "agenda_ar": "جدول الأعمال",
    }
    response = Client().post("/api/v1/meetings", body, content_type="application/json", headers=_bearer())
    assert response.status_code == 201, response.content
    assert Meeting.objects.get().starts_at.tzinfo is not None

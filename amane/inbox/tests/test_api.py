"""The inbox API: a bearer token stands for one officer, who sees and does exactly what the pages allow."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from amane.accounts.models import ApiToken
from amane.accounts.tokens import token_issue
from amane.authorities.models import Membership, Unit
from amane.authorities.tests.factories import IN_DOUAR, NORTH_ANNEX, Units, point_of
from amane.core.actors import Actor, Role
from amane.reports.models import Report
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db


def client_for(*unit_codes: str) -> Client:
    """A client that sends the bearer token of a new officer of these units."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(*unit_codes)}")


def token_for(*unit_codes: str) -> str:
    user = get_user_model().objects.create_user(username=f"api{get_user_model().objects.count()}")
    for unit in Unit.objects.filter(code__in=unit_codes):
        Membership.objects.create(user=user, unit=unit)
    return token_issue(actor=Actor(role=Role.SYSTEM), user=user, name="test")


def test_without_a_token_or_with_a_wrong_one_the_answer_is_a_401_problem(units: Units) -> None:
    for client in (Client(), Client(HTTP_AUTHORIZATION="Bearer amane_nope")):
        answer = client.get("/api/v1/inbox")
        assert answer.status_code == 401 and answer["Content-Type"] == "application/problem+json"
        assert answer["WWW-Authenticate"] == "Bearer"


def test_the_token_is_kept_as_a_hash_and_a_revoked_one_opens_nothing(units: Units) -> None:
    token = token_for("annex-north")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    stored = ApiToken.objects.get()
    assert token not in stored.token_hash
    assert client.get("/api/v1/inbox").status_code == 200
    ApiToken.objects.update(revoked_at=stored.created_at)
    assert client.get("/api/v1/inbox").status_code == 401


def test_the_list_and_the_report_follow_the_officers_units(units: Units) -> None:
    mine = file_report(point=point_of(NORTH_ANNEX)).report
    other = file_report(point=point_of(IN_DOUAR)).report
    annex = client_for("annex-north")
    body = annex.get("/api/v1/inbox").json()
    assert [item["id"] for item in body["results"]] == [mine.public_id] and body["counts"] == {"submitted": 1}
    assert body["capped"] is False  # one report: the counts are exact
    detail = annex.get(f"/api/v1/inbox/reports/{mine.public_id}").json()
    assert (detail["lat"], detail["lon"]) == (mine.lat, mine.lon) and detail["may_act"] is True
    assert annex.get(f"/api/v1/inbox/reports/{other.public_id}").status_code == 404
    in_copy = client_for("police-city").get(f"/api/v1/inbox/reports/{mine.public_id}").json()
    assert in_copy["lat"] is None and in_copy["may_act"] is False


def test_a_status_change_a_conflict_and_a_refusal_in_copy(units: Units) -> None:
    report = file_report(point=point_of(NORTH_ANNEX)).report
    annex = client_for("annex-north")
    url = f"/api/v1/inbox/reports/{report.public_id}/status"
    change = {"new_status": "acknowledged", "expected_status": "submitted", "message": "وصل"}
    answer = annex.post(url, change, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "acknowledged"
    again = annex.post(url, change, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "conflict"
    move = {"new_status": "in_progress", "expected_status": "acknowledged"}
    refused = client_for("police-city").post(url, move, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "not_allowed"
    assert Report.objects.get(pk=report.pk).status == "acknowledged"


def test_acknowledge_many_and_a_note_with_a_per_field_error(units: Units) -> None:
    reports = [file_report(point=point_of(NORTH_ANNEX)).report.public_id for _ in range(2)]
    annex = client_for("annex-north")
    body = {"reports": [*reports, "NOSUCHREPORT"]}
    done = annex.post("/api/v1/inbox/acknowledge", body, content_type="application/json").json()
    assert done["done"] == reports and list(done["refused"]) == ["NOSUCHREPORT"]
    url = f"/api/v1/inbox/reports/{reports[0]}/notes"
    empty = annex.post(url, {"body": " "}, content_type="application/json")
    assert empty.status_code == 400 and "body" in empty.json()["errors"]
    made = annex.post(url, {"body": "اتصلنا"}, content_type="application/json")
    assert made.status_code == 201 and made.json()["unit"]["code"] == "annex-north"


def test_transfer_assign_and_the_conversation_through_the_api(units: Units) -> None:
    from amane.conversations.services import message_from_reporter

    filed = file_report(point=point_of(NORTH_ANNEX))
    report = filed.report
    annex = client_for("annex-north")
    base = f"/api/v1/inbox/reports/{report.public_id}"
    written = annex.post(f"{base}/messages", {"body": "أي باب؟"}, content_type="application/json")
    assert written.status_code == 201 and written.json()["author"] == "officer"
    message_from_reporter(receipt_code=filed.receipt_code, body="الباب الخلفي")
    thread = annex.get(f"{base}/messages").json()
    assert [m["body"] for m in thread] == ["أي باب؟", "الباب الخلفي"] and thread[1]["unit"] is None
    assert client_for("police-city").get(f"{base}/messages").status_code == 403
    colleague = get_user_model().objects.create_user(username="colleague")
    Membership.objects.create(user=colleague, unit=units.north_annex)
    assigned = annex.post(f"{base}/assign", {"assignee": colleague.pk}, content_type="application/json")
    assert assigned.status_code == 204
    no_reason = annex.post(
        f"{base}/transfer", {"to_unit": "police-city", "reason": ""}, content_type="application/json"
    )
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["errors"]
    moved = annex.post(f"{base}/transfer", {"to_unit": "police-city", "reason": "عنف"}, content_type="application/json")
    assert moved.status_code == 204
    assert client_for("police-city").get(base).json()["may_act"] is True

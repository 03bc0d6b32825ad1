"""
Who may do what with flags, as one table: each role against each act, observed from outside.

"ok" is a 2xx (or the redirect after a decision) with the row written; "sign in" a redirect
to the sign-in page with nothing written; "not found" a 404, as for a queue that does not
exist, with nothing written.
"""

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from amane.authorities.tests.factories import NORTH_ANNEX, Units, member_of, point_of
from amane.flags.models import CaseState, Flag, ModerationCase
from amane.flags.tests.factories import flag_by, make_moderator, report_with_photo
from amane.reports.models import Photo, PhotoReview

pytestmark = pytest.mark.django_db

ROLES = ("public", "citizen", "officer", "moderator", "staff")
OK, SIGN_IN, NOT_FOUND = "ok", "sign in", "not found"

TABLE = {
    #                public    citizen    officer    moderator  staff
    "flag": (OK, OK, OK, OK, OK),
    "see queue": (SIGN_IN, NOT_FOUND, NOT_FOUND, OK, OK),
    "see photos queue": (SIGN_IN, NOT_FOUND, NOT_FOUND, OK, OK),
    "restore": (SIGN_IN, NOT_FOUND, NOT_FOUND, OK, OK),
    "remove": (SIGN_IN, NOT_FOUND, NOT_FOUND, OK, OK),
    "approve photo": (SIGN_IN, NOT_FOUND, NOT_FOUND, OK, OK),
    "remove photo": (SIGN_IN, NOT_FOUND, NOT_FOUND, OK, OK),
}


def _client(role: str) -> Client:
    client = Client(REMOTE_ADDR="192.0.2.200", HTTP_USER_AGENT=f"Access/{role}")
    users = get_user_model().objects
    user = {
        "public": None,
        "citizen": lambda: users.create_user(username="citizen"),
        "officer": lambda: member_of("annex-north"),
        "moderator": make_moderator,
        "staff": lambda: users.create_user(username="admin", is_staff=True),
    }[role]
    if user is not None:
        client.force_login(user())
    return client


def _seen(status: int, location: str, written: bool) -> str:
    if status == 302 and "/accounts/sign-in/" in location:
        return SIGN_IN if not written else "sign in, but written"
    if status == 404:
        return NOT_FOUND if not written else "not found, but written"
    if status in (200, 201, 302) and written:
        return OK
    return f"{status}, written={written}"


def _case() -> ModerationCase:
    report = report_with_photo(point=point_of(NORTH_ANNEX)).report
    flag_by("report", report.public_id, 3)
    return ModerationCase.objects.get(target_id=report.public_id)


def _flag(client: Client) -> str:
    report = report_with_photo(point=point_of(NORTH_ANNEX)).report
    answer = client.post(
        "/api/v1/flags", {"kind": "report", "id": report.public_id, "reason": "other"}, "application/json"
    )
    return _seen(answer.status_code, "", Flag.objects.filter(target_id=report.public_id).exists())


def _see(path: str) -> Callable[[Client], str]:
    def act(client: Client) -> str:
        _case()
        answer = client.get(path)
        # Reading writes nothing: "written" says whether the page was the queue itself.
        return _seen(answer.status_code, answer.get("Location", ""), answer.status_code == 200)

    return act


def _decide(decision: str, state: str) -> Callable[[Client], str]:
    def act(client: Client) -> str:
        case = _case()
        answer = client.post(f"/moderation/cases/{case.pk}/decide", {"decision": decision})
        case.refresh_from_db()
        return _seen(answer.status_code, answer.get("Location", ""), case.state == state)

    return act


def _review(decision: str, review: str) -> Callable[[Client], str]:
    def act(client: Client) -> str:
        photo = report_with_photo().report.photos.get()
        answer = client.post(f"/moderation/photos/{photo.public_id}/review", {"decision": decision})
        written = Photo.objects.get(pk=photo.pk).review == review
        return _seen(answer.status_code, answer.get("Location", ""), written)

    return act


ACTS: dict[str, Callable[[Client], str]] = {
    "flag": _flag,
    "see queue": _see("/moderation/"),
    "see photos queue": _see("/moderation/photos/"),
    "restore": _decide("restore", CaseState.RESTORED),
    "remove": _decide("remove", CaseState.REMOVED),
    "approve photo": _review("approve", PhotoReview.APPROVED),
    "remove photo": _review("remove", PhotoReview.REMOVED),
}


@pytest.mark.parametrize("act", list(TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_the_table_says(units: Units, role: str, act: str) -> None:
    assert ACTS[act](_client(role)) == TABLE[act][ROLES.index(role)]

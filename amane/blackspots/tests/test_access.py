"""
Who may do what with black spots, proven over the pages and the API against one table.

The rule: a member of a verified association declares; the responsible unit (or a unit above
it) answers; a hidden black spot (flagged, waiting for a moderator) is seen by moderators,
staff and the unit that must answer it, and by nobody else. Everyone else is refused: asked
to sign in (anonymous), 403 (signed in, not allowed), or "not found" for what they may not see.
"""

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client

from amane.accounts.models import PlatformRole, RoleGrant
from amane.associations.models import AssociationStatus
from amane.authorities.tests.factories import Units, member_of
from amane.blackspots.models import BlackSpot
from amane.blackspots.tests.factories import SPOT_LAT, SPOT_LON, SPOT_POINT, declare, make_association, make_member

pytestmark = pytest.mark.django_db

OK, DENY, LOGIN, NONE, HID = "ok", "refused", "sign in", "not found", "unlisted"
ROLES = ("public", "citizen", "member", "suspended", "responsible", "other_unit", "moderator", "staff")

# fmt: off
MATRIX: dict[str, tuple[str, ...]] = {
    #                     public citizen member suspended responsible other_unit moderator staff
    "declare_web":       (LOGIN, DENY,   OK,    DENY,     DENY,       DENY,      DENY,     DENY),
    "declare_api":       (LOGIN, DENY,   OK,    DENY,     DENY,       DENY,      DENY,     DENY),
    "answer_web":        (LOGIN, DENY,   DENY,  DENY,     OK,         DENY,      DENY,     DENY),
    "answer_api":        (LOGIN, DENY,   DENY,  DENY,     OK,         DENY,      DENY,     DENY),
    "view_web":          (OK,    OK,     OK,    OK,       OK,         OK,        OK,       OK),
    "view_hidden_web":   (NONE,  NONE,   NONE,  NONE,     OK,         NONE,      OK,       OK),
    "view_hidden_api":   (NONE,  NONE,   NONE,  NONE,     OK,         NONE,      OK,       OK),
    "list_hidden_api":   (HID,   HID,    HID,   HID,      OK,         HID,       OK,       OK),
}
# fmt: on


def _user(role: str) -> User | None:
    users = get_user_model().objects
    if role == "public":
        return None
    if role == "citizen":
        return users.create_user(username="citizen")
    if role == "member":
        return make_member(make_association("assoc-verified"))
    if role == "suspended":
        return make_member(make_association("assoc-suspended", AssociationStatus.SUSPENDED))
    if role == "responsible":
        return member_of("annex-north")
    if role == "other_unit":
        return member_of("police-city")
    if role == "moderator":
        user = users.create_user(username="moderator")
        RoleGrant.objects.create(user=user, role=PlatformRole.MODERATOR)
        return user
    return users.create_user(username="staff", is_staff=True)


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _declare_web(client: Client, spot: BlackSpot) -> str:
    response = client.get("/black-spots/new/")
    return {200: OK, 302: LOGIN, 403: DENY}[response.status_code]


def _declare_api(client: Client, spot: BlackSpot) -> str:
    body = {"category": "gathering-place", "geometry": SPOT_POINT, "description": "مقهى"}
    response = client.post("/api/v1/black-spots", body, content_type="application/json")
    return {201: OK, 401: LOGIN, 403: DENY}[response.status_code]


def _answer_web(client: Client, spot: BlackSpot) -> str:
    response = client.post(f"/black-spots/{spot.public_id}/", {"status": "acknowledged"})
    if response.status_code == 302:
        return LOGIN
    return {303: OK, 403: DENY}[response.status_code]


def _answer_api(client: Client, spot: BlackSpot) -> str:
    url = f"/api/v1/black-spots/{spot.public_id}/answers"
    response = client.post(url, {"status": "acknowledged"}, content_type="application/json")
    return {201: OK, 401: LOGIN, 403: DENY}[response.status_code]


def _view_web(client: Client, spot: BlackSpot) -> str:
    return {200: OK, 404: NONE}[client.get(f"/black-spots/{spot.public_id}/").status_code]


def _hide(spot: BlackSpot) -> None:
    BlackSpot.objects.filter(pk=spot.pk).update(hidden=True)


def _view_hidden_web(client: Client, spot: BlackSpot) -> str:
    _hide(spot)
    return _view_web(client, spot)


def _view_hidden_api(client: Client, spot: BlackSpot) -> str:
    _hide(spot)
    return {200: OK, 404: NONE}[client.get(f"/api/v1/black-spots/{spot.public_id}").status_code]


def _list_hidden_api(client: Client, spot: BlackSpot) -> str:
    _hide(spot)
    box = f"{SPOT_LON - 0.01},{SPOT_LAT - 0.01},{SPOT_LON + 0.01},{SPOT_LAT + 0.01}"
    results = client.get("/api/v1/black-spots", {"bbox": box}).json()["results"]
    return OK if [item["id"] for item in results] == [spot.public_id] else HID


PROBES: dict[str, Callable[[Client, BlackSpot], str]] = {
    "declare_web": _declare_web,
    "declare_api": _declare_api,
    "answer_web": _answer_web,
    "answer_api": _answer_api,
    "view_web": _view_web,
    "view_hidden_web": _view_hidden_web,
    "view_hidden_api": _view_hidden_api,
    "list_hidden_api": _list_hidden_api,
}
CASES = [
    pytest.param(action, role, expected, id=f"{action}-{role}")
    for action, row in MATRIX.items()
    for role, expected in zip(ROLES, row, strict=True)
]


@pytest.mark.parametrize(("action", "role", "expected"), CASES)
def test_access(units: Units, action: str, role: str, expected: str) -> None:
    spot = declare()
    before = BlackSpot.objects.count()
    assert PROBES[action](_client(_user(role)), spot) == expected
    if action.startswith("declare") and expected != OK:
        assert BlackSpot.objects.count() == before  # a refusal writes nothing


def test_the_matrix_covers_every_role_and_action() -> None:
    assert set(MATRIX) == set(PROBES) and all(len(row) == len(ROLES) for row in MATRIX.values())

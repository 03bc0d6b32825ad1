"""
Who may do what to associations and corroborations, over the pages and the API: one table.

The world: association A (verified) and P (waiting for verification) work in Grande Ville,
whose pashalik (and the province above it) decides on them; S is suspended. Roles:
anonymous, a signed-in citizen, a member and the admin of A, a member of S, an officer of the
pashalik, of the city police (which does not decide on associations), of the caïdat of another
commune, and platform staff. A public theft report R stands in Grande Ville.

Answers: OK (done, or shown), NONE (404: as if it did not exist), DENY (403), LOGIN (sent to
sign in, or 401 from the API), CONFLICT (409).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client

from amane.accounts.tokens import token_issue
from amane.associations.models import Association, AssociationMember, AssociationStatus, MemberRole
from amane.associations.tests.factories import a_person, registered
from amane.authorities.tests.factories import build_units, member_of
from amane.core.actors import Actor, Role
from amane.reports.tests.factories import file_report

pytestmark = pytest.mark.django_db

OK, NONE, DENY, LOGIN, CONFLICT = "ok", "not found", "refused", "sign in", "conflict"
ROLES = ("anonymous", "citizen", "member", "admin", "suspended", "pashalik", "police", "caidat", "staff")


@dataclass
class World:
    verified: Association
    pending: Association
    suspended: Association
    report: str
    people: dict[str, User | None]


def build() -> World:
    units = build_units()
    verified = registered(status=AssociationStatus.VERIFIED)
    suspended = registered(status=AssociationStatus.SUSPENDED)
    member, suspended_member = a_person("member"), a_person("suspended")
    AssociationMember.objects.create(association=verified, user=member, created_at=verified.created_at)
    AssociationMember.objects.create(association=suspended, user=suspended_member, created_at=verified.created_at)
    staff = get_user_model().objects.create_user(username="staff@example.org", is_staff=True)
    people: dict[str, User | None] = {
        "anonymous": None,
        "citizen": a_person("citizen"),
        "member": member,
        "admin": verified.members.get(role=MemberRole.ADMIN).user,
        "suspended": suspended_member,
        "pashalik": member_of(units.pashalik.code),
        "police": member_of(units.city_police.code),
        "caidat": member_of(units.caidat.code),
        "staff": staff,
    }
    return World(verified, registered(), suspended, file_report().report.public_id, people)


def web(world: World, role: str) -> Client:
    client = Client()
    if world.people[role] is not None:
        client.force_login(world.people[role])  # type: ignore[arg-type]
    return client


def api(world: World, role: str) -> Client:
    user = world.people[role]
    if user is None:
        return Client()
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(actor=Actor(role=Role.SYSTEM), user=user, name='t')}")


def seen(status: int, location: str = "") -> str:
    if status in (200, 201) or (status == 302 and "sign-in" not in location):
        return OK
    if status == 401 or (status == 302 and "sign-in" in location):
        return LOGIN
    return {403: DENY, 404: NONE, 409: CONFLICT}.get(status, str(status))


def json_post(client: Client, path: str, body: dict[str, object]) -> str:
    return seen(client.post(path, json.dumps(body), content_type="application/json").status_code)


def get(client: Client, path: str) -> str:
    response = client.get(path)
    return seen(response.status_code, response.get("Location", ""))


def post(client: Client, path: str, body: dict[str, object]) -> str:
    response = client.post(path, body)
    return seen(response.status_code, response.get("Location", ""))


CORROBORATION = "Nous voyons ce problème chaque soir."
ACTIONS: dict[str, Callable[[World, str], str]] = {
    "verified:read_web": lambda w, r: get(web(w, r), f"/associations/{w.verified.slug}/"),
    # The public API reads the signed-in session, as the site's own scripts do; writes take a token.
    "verified:read_api": lambda w, r: get(web(w, r), f"/api/v1/associations/{w.verified.slug}"),
    "pending:read_web": lambda w, r: get(web(w, r), f"/associations/{w.pending.slug}/"),
    "pending:read_api": lambda w, r: get(web(w, r), f"/api/v1/associations/{w.pending.slug}"),
    "pending:verify_web": lambda w, r: post(
        web(w, r), f"/associations/{w.pending.slug}/decision/", {"decision": "verify"}
    ),
    "pending:verify_api": lambda w, r: json_post(
        api(w, r), f"/api/v1/associations/{w.pending.slug}/decision", {"decision": "verify"}
    ),
    "verified:suspend_web": lambda w, r: post(
        web(w, r), f"/associations/{w.verified.slug}/decision/", {"decision": "suspend", "reason": "Plaintes"}
    ),
    "verified:invite_web": lambda w, r: post(
        web(w, r), f"/associations/{w.verified.slug}/invite/", {"email": "new@example.org", "role": "member"}
    ),
    "report:corroborate_web": lambda w, r: post(
        web(w, r),
        f"/associations/corroborate/{w.report}/",
        {"association": (w.suspended if r == "suspended" else w.verified).slug, "note": CORROBORATION},
    ),
    "report:corroborate_api": lambda w, r: json_post(
        api(w, r),
        f"/api/v1/reports/{w.report}/corroborations",
        {"association": (w.suspended if r == "suspended" else w.verified).slug, "note": CORROBORATION},
    ),
    "report:corroborations_api": lambda w, r: get(web(w, r), f"/api/v1/reports/{w.report}/corroborations"),
}

# A form refused for its input (a citizen choosing an association that is not theirs) is a 400: "form".
FORM = "400"
# fmt: off
MATRIX: dict[str, tuple[str, ...]] = {
    #                              anonym citizen member admin  suspnd pashalk police caidat staff
    "verified:read_web":          (OK,    OK,     OK,    OK,    OK,    OK,     OK,    OK,    OK),
    "verified:read_api":          (OK,    OK,     OK,    OK,    OK,    OK,     OK,    OK,    OK),
    "pending:read_web":           (NONE,  NONE,   NONE,  NONE,  NONE,  OK,     NONE,  NONE,  OK),
    "pending:read_api":           (NONE,  NONE,   NONE,  NONE,  NONE,  OK,     NONE,  NONE,  OK),
    "pending:verify_web":         (LOGIN, NONE,   NONE,  NONE,  NONE,  OK,     NONE,  NONE,  DENY),
    "pending:verify_api":         (LOGIN, DENY,   DENY,  DENY,  DENY,  OK,     DENY,  DENY,  DENY),
    "verified:suspend_web":       (LOGIN, DENY,   DENY,  DENY,  DENY,  OK,     DENY,  DENY,  DENY),
    "verified:invite_web":        (LOGIN, DENY,   DENY,  OK,    DENY,  DENY,   DENY,  DENY,  DENY),
    "report:corroborate_web":     (LOGIN, FORM,   OK,    OK,    FORM,  FORM,   FORM,  FORM,  FORM),
    "report:corroborate_api":     (LOGIN, DENY,   OK,    OK,    DENY,  DENY,   DENY,  DENY,  DENY),
    "report:corroborations_api":  (OK,    OK,     OK,    OK,    OK,    OK,     OK,    OK,    OK),
}
# fmt: on


def cells() -> list[Any]:
    return [
        pytest.param(action, role, expected, id=f"{action}-{role}")
        for action, row in MATRIX.items()
        for role, expected in zip(ROLES, row, strict=True)
    ]


@pytest.mark.parametrize(("action", "role", "expected"), cells())
def test_access(action: str, role: str, expected: str) -> None:
    world = build()
    assert ACTIONS[action](world, role) == expected


def test_the_table_covers_every_action_and_role() -> None:
    assert set(MATRIX) == set(ACTIONS)
    assert all(len(row) == len(ROLES) for row in MATRIX.values())

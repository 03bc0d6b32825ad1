"""
Who may do what with the directory, as one table that reads like the rule.

Everyone reads a commune's numbers (its page and the API). A unit's own entries are kept by
its officers and by platform staff: they view the unit's page, add, change and remove. The
officer of another unit and a signed-in citizen are told the page does not exist (404, as
for a unit that does not exist), and a visitor who is not signed in is sent to sign in.
Each refused write must leave the entry as it was.
"""

from collections.abc import Callable
from enum import Enum
from typing import Any

import pytest
from django.test import Client

from amane.authorities.tests.factories import Units, signed_in_officer
from amane.directory.models import DirectoryEntry
from amane.directory.tests.factories import add_entry, citizen_user, entry_values, signed_in, staff_user
from amane.geo.tests.factories import CITY

pytestmark = pytest.mark.django_db


class Seen(Enum):
    OK = "ok"
    NONE = "not found"
    LOGIN = "sign in"


OK, NONE, LOGIN = Seen.OK, Seen.NONE, Seen.LOGIN
ROLES = ("public", "citizen", "covering_officer", "other_officer", "staff")

# fmt: off
TABLE: dict[str, tuple[Seen, ...]] = {
    #                  public  citizen covering other   staff
    "read_numbers":   (OK,     OK,     OK,      OK,     OK),
    "read_page":      (OK,     OK,     OK,      OK,     OK),
    "view":           (LOGIN,  NONE,   OK,      NONE,   OK),
    "add":            (LOGIN,  NONE,   OK,      NONE,   OK),
    "edit":           (LOGIN,  NONE,   OK,      NONE,   OK),
    "delete":         (LOGIN,  NONE,   OK,      NONE,   OK),
}
# fmt: on


def _browser(role: str) -> Client:
    if role == "public":
        return Client()
    if role == "citizen":
        return signed_in(citizen_user())
    if role == "staff":
        return signed_in(staff_user())
    return signed_in_officer("police-city" if role == "covering_officer" else "police-urban")


def _act(action: str, browser: Client, units: Units, entry: DirectoryEntry) -> tuple[Any, bool]:
    """Do the action; return the answer and whether the database changed as the action asks."""
    form = {"unit": units.city_police.pk, **entry_values(number="0528999999")}
    actions: dict[str, Callable[[], Any]] = {
        "read_numbers": lambda: browser.get(f"/api/v1/communes/{CITY}/numbers"),
        "read_page": lambda: browser.get(f"/communes/{CITY}/"),
        "view": lambda: browser.get("/directory/units/police-city/"),
        "add": lambda: browser.post("/directory/units/police-city/", form),
        "edit": lambda: browser.post(f"/directory/entries/{entry.pk}/", form),
        "delete": lambda: browser.post(f"/directory/entries/{entry.pk}/delete/"),
    }
    response = actions[action]()
    numbers = set(DirectoryEntry.objects.values_list("number", flat=True))
    changed = {
        "add": numbers == {entry.number, "0528999999"},
        "edit": numbers == {"0528999999"},
        "delete": numbers == set(),
    }.get(action, numbers == {entry.number})
    return response, changed


def _seen(response: Any) -> Seen:
    if response.status_code == 302 and "/accounts/sign-in/" in response["Location"]:
        return LOGIN
    if response.status_code == 404:
        return NONE
    assert response.status_code in (200, 302), response.status_code
    return OK


@pytest.mark.parametrize(
    ("action", "role", "expected"),
    [
        pytest.param(action, role, expected, id=f"{action}-{role}")
        for action, row in TABLE.items()
        for role, expected in zip(ROLES, row, strict=True)
    ],
)
def test_access(units: Units, action: str, role: str, expected: Seen) -> None:
    entry = add_entry(units.city_police, number="0528000001")
    response, changed = _act(action, _browser(role), units, entry)
    assert _seen(response) == expected
    if action in ("add", "edit", "delete"):
        # A write happens exactly when it is allowed; a refused one leaves the entry as it was.
        assert changed is (expected == OK)
        if expected != OK:
            assert set(DirectoryEntry.objects.values_list("number", flat=True)) == {"0528000001"}
    else:
        assert changed
    if action == "read_numbers":
        assert "0528000001" in {n["number"] for n in response.json()["numbers"]}

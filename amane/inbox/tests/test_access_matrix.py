"""
Access at the object level, proven (issue 15, §6): every role × every object × every action,
over the web pages and the API, against one table that reads like the rule.

The rule: the public sees public reports at a coarsened point, and nothing of the inbox. An
officer sees the reports routed to their units (responsible, in copy, or from above), and a
report outside them is "not found", exactly like one that does not exist; confidential reports
reach only the responsible unit and its parents. The responsible unit and the units above it
change the status and see the exact point and the contact; a unit in copy reads and adds notes
but is refused those acts. Only the responsible unit holds the conversation with the reporter.
A unit's head reads the audit trail of their units' reports (/inbox/audit/); platform staff see
every report on the public pages and read the whole trail in the admin; the inbox is the
officers' (staff without a unit are told it does not exist).

Objects, for each report (a theft in the north annex; a domestic-violence case, confidential):
`report` its public page and answer; `inbox` the officer's file on it (its status changed one at
a time, or acknowledged in bulk); `photo` its photo and thumbnail; `notes` its internal notes;
`thread` the conversation with the reporter (with a photo); `point` the exact point and the
reporter's contact; `audit` its trail.
"""

import pytest
from _pytest.mark.structures import ParameterSet

from amane.inbox.tests.matrix_world import PROBES, ROLES, Seen, World, build_world

pytestmark = pytest.mark.django_db

OK, IN, OUT, HID = Seen.OK, Seen.LISTED, Seen.UNLISTED, Seen.WITHHELD
DENY, NONE, LOGIN = Seen.REFUSED, Seen.NOT_FOUND, Seen.SIGN_IN

# fmt: off
MATRIX: dict[tuple[str, str, str], tuple[Seen, ...]] = {
    #                                     anonym citizen annex  pashalk provnce police caidat head   staff
    # The theft: public; the north annex responsible, the pashalik, the city police and the province in copy.
    ("theft", "report", "read_web"):     (OK,    OK,     OK,    OK,     OK,     OK,    OK,    OK,    OK),
    ("theft", "report", "read_api"):     (OK,    OK,     OK,    OK,     OK,     OK,    OK,    OK,    OK),
    ("theft", "report", "list_web"):     (IN,    IN,     IN,    IN,     IN,     IN,    IN,    IN,    IN),
    ("theft", "report", "list_api"):     (IN,    IN,     IN,    IN,     IN,     IN,    IN,    IN,    IN),
    ("theft", "inbox", "read_web"):      (LOGIN, NONE,   OK,    OK,     OK,     OK,    NONE,  OK,    NONE),
    ("theft", "inbox", "read_api"):      (LOGIN, NONE,   OK,    OK,     OK,     OK,    NONE,  OK,    NONE),
    ("theft", "inbox", "list_web"):      (LOGIN, NONE,   IN,    IN,     IN,     IN,    OUT,   IN,    NONE),
    ("theft", "inbox", "list_api"):      (LOGIN, NONE,   IN,    IN,     IN,     IN,    OUT,   IN,    NONE),
    ("theft", "inbox", "status_web"):    (LOGIN, NONE,   OK,    OK,     OK,     DENY,  NONE,  OK,    NONE),
    ("theft", "inbox", "status_api"):    (LOGIN, NONE,   OK,    OK,     OK,     DENY,  NONE,  OK,    NONE),
    ("theft", "inbox", "bulk_web"):      (LOGIN, NONE,   OK,    OK,     OK,     DENY,  NONE,  OK,    NONE),
    ("theft", "inbox", "bulk_api"):      (LOGIN, NONE,   OK,    OK,     OK,     DENY,  NONE,  OK,    NONE),
    ("theft", "photo", "read_web"):      (OK,    OK,     OK,    OK,     OK,     OK,    OK,    OK,    OK),
    ("theft", "notes", "read_web"):      (LOGIN, NONE,   OK,    OK,     OK,     OK,    NONE,  OK,    NONE),
    ("theft", "notes", "read_api"):      (LOGIN, NONE,   OK,    OK,     OK,     OK,    NONE,  OK,    NONE),
    ("theft", "notes", "write_web"):     (LOGIN, NONE,   OK,    OK,     OK,     OK,    NONE,  OK,    NONE),
    ("theft", "notes", "write_api"):     (LOGIN, NONE,   OK,    OK,     OK,     OK,    NONE,  OK,    NONE),
    ("theft", "thread", "read_web"):     (LOGIN, NONE,   OK,    HID,    HID,    HID,   NONE,  OK,    NONE),
    ("theft", "thread", "write_web"):    (LOGIN, NONE,   OK,    DENY,   DENY,   DENY,  NONE,  OK,    NONE),
    ("theft", "point", "read_web"):      (LOGIN, NONE,   OK,    OK,     OK,     HID,   NONE,  OK,    NONE),
    ("theft", "point", "read_api"):      (LOGIN, NONE,   OK,    OK,     OK,     HID,   NONE,  OK,    NONE),
    ("theft", "audit", "read_web"):      (LOGIN, NONE,   NONE,  NONE,   NONE,   NONE,  NONE,  OK,    OK),
    # Domestic violence: confidential; the city police responsible, the province above it.
    ("violence", "report", "read_web"):  (NONE,  NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  OK),
    ("violence", "report", "read_api"):  (NONE,  NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  OK),
    ("violence", "report", "list_web"):  (OUT,   OUT,    OUT,   OUT,    IN,     IN,    OUT,   OUT,   IN),
    ("violence", "report", "list_api"):  (OUT,   OUT,    OUT,   OUT,    IN,     IN,    OUT,   OUT,   IN),
    ("violence", "inbox", "read_web"):   (LOGIN, NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  NONE),
    ("violence", "inbox", "read_api"):   (LOGIN, NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  NONE),
    ("violence", "inbox", "list_web"):   (LOGIN, NONE,   OUT,   OUT,    IN,     IN,    OUT,   OUT,   NONE),
    ("violence", "inbox", "list_api"):   (LOGIN, NONE,   OUT,   OUT,    IN,     IN,    OUT,   OUT,   NONE),
    ("violence", "inbox", "status_web"): (LOGIN, NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  NONE),
    ("violence", "inbox", "status_api"): (LOGIN, NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  NONE),
    ("violence", "inbox", "bulk_web"):   (LOGIN, NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  NONE),
    ("violence", "inbox", "bulk_api"):   (LOGIN, NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  NONE),
    ("violence", "photo", "read_web"):   (NONE,  NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  OK),
    ("violence", "notes", "read_web"):   (LOGIN, NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  NONE),
    ("violence", "notes", "read_api"):   (LOGIN, NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  NONE),
    ("violence", "notes", "write_web"):  (LOGIN, NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  NONE),
    ("violence", "notes", "write_api"):  (LOGIN, NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  NONE),
    ("violence", "thread", "read_web"):  (LOGIN, NONE,   NONE,  NONE,   HID,    OK,    NONE,  NONE,  NONE),
    ("violence", "thread", "write_web"): (LOGIN, NONE,   NONE,  NONE,   DENY,   OK,    NONE,  NONE,  NONE),
    ("violence", "point", "read_web"):   (LOGIN, NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  NONE),
    ("violence", "point", "read_api"):   (LOGIN, NONE,   NONE,  NONE,   OK,     OK,    NONE,  NONE,  NONE),
    ("violence", "audit", "read_web"):   (LOGIN, NONE,   NONE,  NONE,   NONE,   NONE,  NONE,  HID,   OK),
}
# fmt: on

# Cells where the code does not yet follow the rule: each is a bug to fix, and fails loudly
# (strict) once fixed, so that its line here goes.
KNOWN_BUGS: dict[tuple[str, str, str, str], str] = {}

ACTIONS = (
    "read_web",
    "read_api",
    "list_web",
    "list_api",
    "status_web",
    "status_api",
    "bulk_web",
    "bulk_api",
    "write_web",
    "write_api",
)
OBJECTS = tuple(dict.fromkeys((report, thing) for report, thing, _ in MATRIX))


def _cells() -> list[ParameterSet]:
    cells: list[ParameterSet] = []
    for (report, thing, action), row in MATRIX.items():
        for role, expected in zip(ROLES, row, strict=True):
            bug = KNOWN_BUGS.get((role, report, thing, action))
            marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
            cells.append(
                pytest.param(role, report, thing, action, expected, marks=marks, id=f"{report}-{thing}-{action}-{role}")
            )
    return cells


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.mark.parametrize(("role", "report", "thing", "action", "expected"), _cells())
def test_each_role_gets_exactly_what_the_table_says(
    world: World, role: str, report: str, thing: str, action: str, expected: Seen
) -> None:
    assert PROBES[(thing, action)](world, role, report) == expected


def test_the_table_covers_every_role_object_and_action_it_names() -> None:
    assert all(action in ACTIONS for _, _, action in MATRIX)
    assert all((thing, action) in PROBES for _, thing, action in MATRIX)
    # Every probe is used for both reports: no object is proven for one report only.
    assert {(thing, action) for _, thing, action in MATRIX} == set(PROBES)
    assert all(len(row) == len(ROLES) for row in MATRIX.values())
    size = len(ROLES) * len(OBJECTS) * len(ACTIONS)
    applicable = len(MATRIX) * len(ROLES)
    # 9 roles × 14 objects × 10 actions = 1260 cells, of which 396 apply (an action the object has).
    assert (len(ROLES), len(OBJECTS), len(ACTIONS), size, applicable) == (9, 14, 10, 1260, 396)

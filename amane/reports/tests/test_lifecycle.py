import pytest

from amane.reports.lifecycle import ALLOWED, OPEN, REOPENING, Status, can_move, is_open

S, A, P = Status.SUBMITTED, Status.ACKNOWLEDGED, Status.IN_PROGRESS
RES, REJ, DUP = Status.RESOLVED, Status.REJECTED, Status.DUPLICATE

# The whole table: each row is a current status, "x" where a move to that column is allowed.
MOVES = """
              submitted  acknowledged  in_progress  resolved  rejected  duplicate
submitted         .           x             x           .         x         x
acknowledged      .           .             x           x         x         x
in_progress       .           .             .           x         x         x
resolved          .           x             .           .         .         .
rejected          .           x             .           .         .         .
duplicate         .           .             .           .         .         .
"""
_HEADER, *_ROWS = MOVES.strip().splitlines()
COLUMNS = [Status(name) for name in _HEADER.split()]
ALLOWED_BY_TABLE = {
    (Status(current), new)
    for current, *cells in map(str.split, _ROWS)
    for new, cell in zip(COLUMNS, cells, strict=True)
    if cell == "x"
}
EVERY_MOVE = [(current, new) for current in Status for new in Status]


def test_the_stored_values_never_change() -> None:
    # They are in every database and in the API: renaming one is a migration, not an edit.
    assert [status.value for status in Status] == [
        "submitted",
        "acknowledged",
        "in_progress",
        "resolved",
        "rejected",
        "duplicate",
    ]
    assert Status("in_progress") is P


@pytest.mark.parametrize(("current", "new"), EVERY_MOVE)
def test_every_move_is_allowed_or_refused_as_the_table_says(current: Status, new: Status) -> None:
    assert can_move(current, new) is ((current, new) in ALLOWED_BY_TABLE)


def test_the_table_covers_every_status_and_nothing_else() -> None:
    assert list(Status) == COLUMNS and len(_ROWS) == len(Status)
    assert set(ALLOWED) == set(Status)
    assert all(targets <= set(Status) for targets in ALLOWED.values())


@pytest.mark.parametrize("current", [S, A, P])
def test_any_open_report_can_be_rejected_or_closed_as_a_duplicate(current: Status) -> None:
    assert can_move(current, REJ)
    assert can_move(current, DUP)


@pytest.mark.parametrize("current", [S, A, P])
def test_an_open_report_moves_forward_and_never_back(current: Status) -> None:
    order = [S, A, P, RES]
    for earlier in order[: order.index(current) + 1]:
        assert not can_move(current, earlier)
    assert can_move(current, P) or current is P


def test_a_report_is_resolved_only_once_someone_has_looked_at_it() -> None:
    assert not can_move(S, RES)
    assert can_move(A, RES)
    assert can_move(P, RES)


@pytest.mark.parametrize("closed", [RES, REJ])
def test_a_resolved_or_rejected_report_can_only_be_reopened_as_acknowledged(closed: Status) -> None:
    assert not is_open(closed)
    assert [new for new in Status if can_move(closed, new)] == [A]
    assert (closed, A) in REOPENING


def test_a_duplicate_stays_closed() -> None:
    assert not is_open(DUP)
    assert all(not can_move(DUP, new) for new in Status)
    assert all(current is not DUP for current, _ in REOPENING)


@pytest.mark.parametrize(
    ("status", "open_"), [(S, True), (A, True), (P, True), (RES, False), (REJ, False), (DUP, False)]
)
def test_open_means_submitted_acknowledged_or_in_progress(status: Status, open_: bool) -> None:
    assert is_open(status) is open_
    assert (status in OPEN) is open_


def test_a_status_is_open_exactly_when_it_can_move_other_than_by_reopening() -> None:
    for status in Status:
        forward = {new for new in ALLOWED[status] if (status, new) not in REOPENING}
        assert is_open(status) is bool(forward)

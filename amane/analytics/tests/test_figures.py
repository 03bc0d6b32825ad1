"""Slow figures: computed once when missing, then served stale while the queue refreshes them."""

import pytest

from amane.analytics import figures, tasks
from amane.reports.public_cache import invalidate

pytestmark = pytest.mark.django_db
calls: list[int] = []


@figures.figure("test-counter")
def counter(*, step: int) -> int:
    calls.append(step)
    return len(calls) * step


@pytest.fixture
def queue_that_waits(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, object]]]:
    """A task queue whose worker has not run yet: tasks are noted, not done."""
    queued: list[tuple[str, dict[str, object]]] = []
    monkeypatch.setattr(tasks, "compute_figure", lambda name, params: queued.append((name, params)))
    calls.clear()
    return queued


def test_a_missing_figure_is_queued_and_the_page_told_so(queue_that_waits: list[tuple[str, dict[str, object]]]) -> None:
    read = figures.read("test-counter", step=2)
    assert read.missing and not read.current
    assert queue_that_waits == [("test-counter", {"step": 2})]


def test_a_missing_figure_can_be_computed_in_the_request(queue_that_waits: list[tuple[str, dict[str, object]]]) -> None:
    read = figures.read("test-counter", compute_missing=True, step=3)
    assert read.value == 3 and read.current and queue_that_waits == []


def test_a_stale_figure_is_served_while_it_is_computed_again(
    queue_that_waits: list[tuple[str, dict[str, object]]],
) -> None:
    figures.read("test-counter", compute_missing=True, step=5)
    invalidate()  # a public report arrives
    stale = figures.read("test-counter", compute_missing=True, step=5)
    assert stale.value == 5 and not stale.current, "the last figure, not a wait"
    assert queue_that_waits == [("test-counter", {"step": 5})]
    figures.compute("test-counter", {"step": 5})  # the worker's turn
    assert figures.read("test-counter", step=5) == figures.Read(10, True)

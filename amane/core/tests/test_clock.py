"""The services' clock tells the present, unless a replay of the past pins it."""

import datetime as dt

import pytest
from django.utils import timezone

from amane.core import clock


def test_it_tells_the_present_when_nothing_pins_it() -> None:
    before = timezone.now()
    assert before <= clock.now() <= timezone.now()


def test_a_pinned_clock_tells_the_pinned_moment_until_released() -> None:
    moment = timezone.make_aware(dt.datetime(2025, 3, 4, 9, 30))
    with clock.pinned_at(moment):
        assert clock.now() == moment
    assert clock.now() > moment


def test_pins_nest_and_unwind_in_order() -> None:
    outer = timezone.make_aware(dt.datetime(2025, 1, 1))
    inner = timezone.make_aware(dt.datetime(2025, 6, 1))
    with clock.pinned_at(outer):
        with clock.pinned_at(inner):
            assert clock.now() == inner
        assert clock.now() == outer


def test_a_naive_moment_is_refused() -> None:
    naive = clock.pinned_at(dt.datetime(2025, 1, 1))
    with pytest.raises(ValueError, match="aware"):
        naive.__enter__()

"""
The services' clock: the present, unless a caller that replays the past pins it.

The demo files a year of reports as if each were filed on its day; pinning the clock lets it
do so through the same services citizens use, without a date argument on their signatures.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_pinned: ContextVar[dt.datetime | None] = ContextVar("amane_clock_pinned", default=None)


def now() -> dt.datetime:
    return _pinned.get() or timezone.now()


@contextmanager
def pinned_at(moment: dt.datetime) -> Iterator[None]:
    if timezone.is_naive(moment):
        raise ValueError("The clock is pinned to an aware datetime only.")
    token = _pinned.set(moment)
    try:
        yield
    finally:
        _pinned.reset(token)

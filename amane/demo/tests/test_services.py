"""The demo's services, apart from the database."""

import datetime as dt

from amane.demo.services import demo_end
from amane.demo.synthetic import generate


def test_the_demo_is_the_same_all_day() -> None:
    morning = dt.datetime(2026, 3, 14, 7, 5, tzinfo=dt.UTC)
    evening = dt.datetime(2026, 3, 14, 21, 40, tzinfo=dt.UTC)
    assert demo_end(morning) == demo_end(evening) <= morning
    first = [(i.lat, i.lon, i.occurred_at) for i in generate(seed=5, total=200, end=demo_end(morning))]
    again = [(i.lat, i.lon, i.occurred_at) for i in generate(seed=5, total=200, end=demo_end(evening))]
    assert first == again
    next_day = demo_end(morning + dt.timedelta(days=1))
    assert next_day - demo_end(morning) == dt.timedelta(days=1)

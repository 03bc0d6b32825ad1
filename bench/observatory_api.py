"""
Benchmark of the observatory's API at scale (default 1M reports), on SQLite and PostgreSQL.

    .venv/bin/python -m bench.observatory_api [--reports 1000000] [--backend sqlite|postgresql|both] [--repeat 10]

The same filled databases as bench/map_api.py (bench/_fill.py, kept in var/bench-data). Each
request is timed twice over: cold, with every cache emptied before it (what the first visitor
after a new report waits), and warm, asked again with the cache as the first request left it
(what every later visitor waits until the data move). Issue 17's goals: a city-sized request in
under 200 ms warm, a national one in under 1 s. Prints one table with PASS or FAIL.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.map_api import CASABLANCA, bbox, each_backend, prepare_backend, progress  # noqa: E402

CITY_GOAL_MS = 200.0
NATIONAL_GOAL_MS = 1000.0
MOROCCO = "-17.1000,20.8000,-1.0000,35.9500"


def cases(commune: str) -> list[tuple[str, str, str]]:
    """(label, scale, url): the requests of a city (Casablanca at zoom 11, 12) and of the country."""
    lat, lon = CASABLANCA
    city, district = bbox(lat, lon, 11), bbox(lat, lon, 12)
    return [
        ("hotspots city r9", "city", f"/api/v1/analytics/hotspots?resolution=9&bbox={city}"),
        ("hotspots district r10", "city", f"/api/v1/analytics/hotspots?resolution=10&bbox={district}"),
        ("hotspots city r9 + category", "city", f"/api/v1/analytics/hotspots?resolution=9&category=theft&bbox={city}"),
        ("hotspots city r9 + 3 months", "city", f"/api/v1/analytics/hotspots?resolution=9&bbox={city}&from=2026-09-01"),
        ("hotspots national r6", "national", "/api/v1/analytics/hotspots?resolution=6"),
        ("density city 128", "city", f"/api/v1/analytics/density?bbox={city}"),
        ("density national 256", "national", f"/api/v1/analytics/density?size=256&bbox={MOROCCO}"),
        ("trends commune", "city", f"/api/v1/analytics/trends?area={commune}"),
        ("trends national, 10 years", "national", "/api/v1/analytics/trends?from=2017-01-01"),
        ("rates national", "national", "/api/v1/analytics/rates"),
        ("response times national", "national", "/api/v1/analytics/response-times"),
    ]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def run_backend(backend: str, reports: int, repeat: int, data: Path) -> list[dict[str, object]]:
    # Background figures (response times) computed in the request, as a worker would: the cold
    # request then waits for the computation, the warm one reads what it left.
    os.environ["AMANE_TASKS_IMMEDIATE"] = "1"
    commune, made = prepare_backend(backend, reports, data)
    from django.core.cache import cache
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    rows: list[dict[str, object]] = []
    for label, scale, url in cases(commune):
        if client.get(url).status_code == 404:  # an endpoint this checkout does not have
            continue
        cold: list[float] = []
        warm: list[float] = []
        for _attempt in range(repeat):
            cache.clear()
            for samples in (cold, warm):
                started = time.perf_counter()
                response = client.get(url)
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code, response.content[:300])
        row = {"request": label, "scale": scale, "backend": backend, "reports": made, "bytes": len(response.content)}
        row |= {"cold_p50": statistics.median(cold), "cold_p95": percentile(cold, 0.95)}
        row |= {"warm_p50": statistics.median(warm), "warm_p95": percentile(warm, 0.95), "load": os.getloadavg()[0]}
        progress(f"  {backend:10} {label:30} cold p95 {row['cold_p95']:8.1f} ms, warm p95 {row['warm_p95']:6.1f} ms")
        rows.append(row)
    return rows


def verdict(row: dict[str, object]) -> str:
    goal = CITY_GOAL_MS if row["scale"] == "city" else NATIONAL_GOAL_MS
    return "PASS" if float(row["warm_p95"]) < goal else "FAIL"  # type: ignore[arg-type]


def print_table(rows: list[dict[str, object]], repeat: int) -> None:
    counts = {str(r["backend"]): r["reports"] for r in rows}
    loads = [float(r["load"]) for r in rows]  # type: ignore[arg-type]
    print(f"\nObservatory API, {repeat} rounds of (caches emptied, cold request, warm request), Django test client")
    print("reports: " + ", ".join(f"{backend} {n:,}" for backend, n in counts.items()))
    print(f"load average over the run: {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores")
    print(f"goals (warm p95): city < {CITY_GOAL_MS:.0f} ms, national < {NATIONAL_GOAL_MS:.0f} ms\n")
    header = f"{'request':30} {'backend':11} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9} {'warm p95':>9} {'KB':>7}"
    print(header + "  goal")
    print("-" * (len(header) + 6))
    for r in rows:
        print(
            f"{r['request']!s:30} {r['backend']!s:11} {r['cold_p50']:9.1f} {r['cold_p95']:9.1f} "
            f"{r['warm_p50']:9.1f} {r['warm_p95']:9.1f} {int(r['bytes']) / 1024:7.1f}  {verdict(r)}"  # type: ignore[call-overload]
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench-data")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.backend != "both":
        rows = run_backend(args.backend, args.reports, args.repeat, args.data)
        if args.json:
            print(json.dumps(rows))
        else:
            print_table(rows, args.repeat)
        return
    rows = each_backend("bench.observatory_api", args)
    order = [label for label, _scale, _url in cases("")]
    rows.sort(key=lambda r: (order.index(str(r["request"])), str(r["backend"])))
    print_table(rows, args.repeat)


if __name__ == "__main__":
    main()

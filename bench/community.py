"""
Benchmark of the associations issue's public reads: 1M reports, 10k black spots, 10k recommendations.

    .venv/bin/python -m bench.community [--reports 1000000] [--spots 10000] [--recommendations 10000]
                                         [--backend sqlite|postgresql|both] [--repeat 30]

Reuses bench/map_api.py's databases (var/bench-data, the reports filled by bench/_fill.py);
adds, once, the real units and the demo's (`amane import-units --with-demo`), 10k black
spots and 10k recommendations (bench/_community_fill.py), from 500 meetings of the units that
cover the busiest commune and of others at random, and the directory's and announcements'
demo rows. Times, through Django's test client with every cache emptied before each request
(unless the row says "kept"): the commune page with all its sections, the black spots' map
layer, the accountability pages and their API, the commune's numbers, its Atom feed and the
associations' directory. Prints request × backend × p50 / p95 / max ms × PASS (p95 < 100 ms).
The printed sheet (WeasyPrint) is shown first rendered and then kept, as it is served.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from bench._community_fill import fill_recommendations, fill_spots  # noqa: E402
from bench.map_api import CASABLANCA, GOAL_MS, PG_ADMIN_URL, bbox, progress  # noqa: E402

TAROUDANT = "09.541.01.13"


def _setup(backend: str, data: Path) -> None:
    data.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "amane.settings"
    os.environ["AMANE_VAR_DIR"] = str(data / f"{backend}-var")
    os.environ["AMANE_RATE_LIMITS"] = "off"
    if backend == "postgresql":
        os.environ["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/amane_bench"
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", "amane_bench"], check=False, capture_output=True
        )
    else:
        os.environ.pop("DATABASE_URL", None)


def _fill_all(backend: str, reports: int, spots: int, recommendations: int, data: Path) -> dict[str, object]:
    import io

    from django.core.management import call_command
    from django.db.models import Count, Sum

    from amane.authorities.models import Unit
    from amane.reports.models import CellTally
    from bench._fill import fill

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    made = fill(total=reports, marker=data / f"{backend}.filled")
    if not Unit.objects.exists():
        progress("importing the units…")
        call_command("import-units", "--with-demo", stdout=io.StringIO(), stderr=io.StringIO())
    spot_count = fill_spots(spots, data / f"{backend}.black-spots")
    by_commune = CellTally.objects.filter(resolution=5).values_list("commune__code").annotate(n=Sum("count"))
    busiest = by_commune.order_by("-n").values_list("commune__code", flat=True).first() or TAROUDANT
    recommendation_count = fill_recommendations(recommendations, busiest, data / f"{backend}.recommendations")
    for name in ("amane.directory.demo", "amane.announcements.demo"):
        __import__(name, fromlist=["seed_demo"]).seed_demo()
    from amane.meetings.models import Recommendation

    unit = Recommendation.objects.values_list("responsible_unit__code").annotate(n=Count("id")).order_by("-n")
    return {
        "reports": made,
        "spots": spot_count,
        "recommendations": recommendation_count,
        "busiest": busiest,
        "unit": unit.values_list("responsible_unit__code", flat=True).first(),
    }


def run_backend(
    backend: str, reports: int, spots: int, recommendations: int, repeat: int, data: Path
) -> list[dict[str, object]]:
    _setup(backend, data)
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from amane.blackspots.models import BlackSpot
    from amane.geo.warmup import freeze, warm_up

    filled = _fill_all(backend, reports, spots, recommendations, data)
    busiest, unit = filled["busiest"], filled["unit"]
    spot = BlackSpot.objects.filter(hidden=False, association__status="verified").order_by("public_id").first()
    warm_up()
    freeze()
    lat, lon = CASABLANCA
    morocco = "-17.1000,20.8000,-1.0000,35.9500"
    cases: list[tuple[str, str, bool]] = [
        ("commune page, busiest", f"/communes/{busiest}/", True),
        ("commune page, Taroudant", f"/communes/{TAROUDANT}/", True),
        ("black spots layer z14", f"/api/v1/black-spots?bbox={bbox(lat, lon, 14)}", True),
        ("black spots layer z12", f"/api/v1/black-spots?limit=200&bbox={bbox(lat, lon, 12)}", True),
        ("black spots layer z10", f"/api/v1/black-spots?limit=200&bbox={bbox(lat, lon, 10)}", True),
        ("black spots layer, Morocco", f"/api/v1/black-spots?limit=200&bbox={morocco}", True),
        ("black spots, Morocco, next page", f"/api/v1/black-spots?limit=200&bbox={morocco}&cursor=7", True),
        ("black spots z12 + status", f"/api/v1/black-spots?limit=200&status=resolved&bbox={bbox(lat, lon, 12)}", True),
        ("black spots z12 + category", f"/api/v1/black-spots?limit=200&category=drugs&bbox={bbox(lat, lon, 12)}", True),
        ("black spot page", f"/black-spots/{spot.public_id if spot else 'x'}/", True),
        ("accountability, commune", f"/communes/{busiest}/accountability/", True),
        ("accountability, unit", f"/units/{unit}/accountability/", True),
        ("recommendations API", f"/api/v1/communes/{busiest}/recommendations", True),
        ("numbers API", f"/api/v1/communes/{TAROUDANT}/numbers", True),
        ("commune Atom feed", f"/feeds/communes/{busiest}.atom", True),
        ("associations directory", "/associations/", True),
        ("number sheet PDF, kept", f"/communes/{TAROUDANT}/numbers.pdf?lang=ar", False),
        ("number sheet PDF, rendered", f"/communes/{TAROUDANT}/numbers.pdf?lang=ar", True),
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    rows: list[dict[str, object]] = []
    for label, url, emptied in cases:
        samples = []
        for attempt in range(repeat + 1):
            if emptied:
                cache.clear()
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            if attempt:  # the first request warms the process
                samples.append(elapsed)
        samples.sort()
        p95 = samples[min(len(samples) - 1, math.ceil(0.95 * len(samples)) - 1)]
        row = {"request": label, "backend": backend, **filled, "load": os.getloadavg()[0]}
        row |= {"p50": statistics.median(samples), "p95": p95, "max": samples[-1]}
        progress(f"  {backend:10} {label:30} p95 {p95:7.1f} ms")
        rows.append(row)
    return rows


def print_table(rows: list[dict[str, object]], repeat: int) -> None:
    print(f"\nAssociations' public reads, {repeat} requests each, Django test client, caches emptied before each")
    for backend in dict.fromkeys(str(r["backend"]) for r in rows):
        first = next(r for r in rows if r["backend"] == backend)
        print(
            f"{backend}: {first['reports']:,} reports, {first['spots']:,} black spots, "
            f"{first['recommendations']:,} recommendations; busiest commune {first['busiest']}"
        )
    loads = [float(r["load"]) for r in rows]  # type: ignore[arg-type]
    print(f"load average over the run: {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores\n")
    print(f"{'request':30} {'backend':11} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  goal")
    print("-" * 76)
    for row in rows:
        goal = "—" if "rendered" in str(row["request"]) else ("PASS" if float(row["p95"]) < GOAL_MS else "FAIL")  # type: ignore[arg-type]
        print(
            f"{row['request']!s:30} {row['backend']!s:11} {row['p50']:8.1f} {row['p95']:8.1f} {row['max']:8.1f}  {goal}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--spots", type=int, default=10_000)
    parser.add_argument("--recommendations", type=int, default=10_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench-data")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = (args.reports, args.spots, args.recommendations, args.repeat, args.data)
    if args.backend != "both":
        rows = run_backend(args.backend, *sizes)
        if args.json:
            print(json.dumps(rows, default=str))
        else:
            print_table(rows, args.repeat)
        return
    rows = []
    for backend in ("sqlite", "postgresql"):
        command = [
            sys.executable,
            "-m",
            "bench.community",
            "--backend",
            backend,
            "--json",
            "--reports",
            str(args.reports),
        ]
        command += ["--spots", str(args.spots), "--recommendations", str(args.recommendations)]
        command += ["--repeat", str(args.repeat), "--data", str(args.data)]
        done = subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
        rows += json.loads(done.stdout.strip().splitlines()[-1])
    print_table(rows, args.repeat)


if __name__ == "__main__":
    main()

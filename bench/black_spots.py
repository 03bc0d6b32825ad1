"""
Benchmark of the black spots' public reads: 10k black spots beside 1M reports.

    .venv/bin/python -m bench.black_spots [--reports 1000000] [--spots 10000] [--backend sqlite|postgresql|both]

Reuses bench/map_api.py's databases (var/bench-data, filled by bench/_fill.py); the black
spots are added once around the reports' own public points (a fifth of them small drawn
areas), each linked to two reports, a third answered, a few from suspended associations or
hidden. Times, through Django's test client: the map layer at several zooms, with filters
and a cursor, one black spot, the commune page with its section, and the declare form's
offer of nearby reports (a selector call). Prints request × backend × p50 / p95 / max ms.
"""

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.map_api import CASABLANCA, GOAL_MS, PG_ADMIN_URL, bbox, progress  # noqa: E402


def fill_spots(total: int, marker: Path) -> int:
    """Add `total` black spots (once) around random public reports, around the services: only reads are timed."""
    from django.contrib.auth import get_user_model

    from amane.associations.models import Association, AssociationStatus
    from amane.blackspots.models import BlackSpot, BlackSpotAnswer, BlackSpotReport
    from amane.core import clock
    from amane.reports.models import Category, Report

    if marker.exists() and marker.read_text().strip() == str(total):
        return BlackSpot.objects.count()
    progress(f"adding {total:,} black spots…")
    rng = random.Random(11)
    now = clock.now()
    user, _ = get_user_model().objects.get_or_create(username="bench-member")
    associations = []
    for n in range(32):
        status = AssociationStatus.SUSPENDED if n >= 30 else AssociationStatus.VERIFIED
        association, _ = Association.objects.get_or_create(
            slug=f"bench-{n}",
            defaults={"name_ar": f"جمعية {n}", "name_fr": f"Association {n}", "registration_number": f"B-{n}",
                      "status": status, "created_at": now},
        )  # fmt: skip
        associations.append(association)
    categories = list(Category.objects.filter(confidential=False))
    last = Report.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = rng.sample(range(1, last + 1), min(last, total * 2))
    rows = {
        r[0]: r
        for r in Report.objects.filter(id__in=ids, public=True).values_list(
            "id", "public_lat", "public_lon", "commune_id"
        )
    }
    picked = [rows[i] for i in ids if i in rows][: total * 2]
    spots = []
    for n in range(total):
        _id, lat, lon, commune_id = picked[n % len(picked)]
        lat, lon = lat + rng.uniform(-0.001, 0.001), lon + rng.uniform(-0.001, 0.001)
        d = rng.uniform(0.0003, 0.002) if n % 5 == 0 else 0.0
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]}
            if not d
            else {"type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d],
                                                        [lon - d, lat + d], [lon - d, lat - d]]]}
        )  # fmt: skip
        spots.append(
            BlackSpot(
                public_id=f"{rng.getrandbits(50):010x}"[:10], association=rng.choice(associations), declared_by=user,
                category=rng.choice(categories), geometry=geometry, lat=lat, lon=lon, min_lat=lat - d, min_lon=lon - d,
                max_lat=lat + d, max_lon=lon + d, commune_id=commune_id, description="bench " * 20,
                status=rng.choice(["declared", "acknowledged", "action-planned", "resolved"]), hidden=n % 97 == 0,
                declared_at=now, acknowledge_by=now, answer_by=now,
            )
        )  # fmt: skip
    made = BlackSpot.objects.bulk_create(spots, batch_size=2000)
    links = [BlackSpotReport(black_spot=s, report_id=picked[(n * 2 + k) % len(picked)][0])
             for n, s in enumerate(made) for k in range(2)]  # fmt: skip
    BlackSpotReport.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
    from amane.authorities.models import Unit

    unit = Unit.objects.first() or Unit.objects.create(code="bench-unit", name_ar="وحدة", name_fr="Unité", kind="annex")
    answers = [BlackSpotAnswer(black_spot=s, status="acknowledged", text="bench", unit=unit, at=now)
               for n, s in enumerate(made) if n % 3 == 0]  # fmt: skip
    BlackSpotAnswer.objects.bulk_create(answers, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    marker.write_text(f"{total}\n")
    return len(made)


def run_backend(backend: str, reports: int, spots: int, repeat: int, data: Path) -> list[dict[str, object]]:
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
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from amane.blackspots import selectors
    from amane.blackspots.geometry import spot_shape
    from amane.blackspots.models import BlackSpot
    from amane.geo.warmup import freeze, warm_up
    from bench._fill import fill

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    made = fill(total=reports, marker=data / f"{backend}.filled")
    spot_count = fill_spots(spots, data / f"{backend}.black-spots")
    busiest = BlackSpot.objects.values_list("commune__code").annotate(n=Count("id")).order_by("-n").first()
    one = BlackSpot.objects.filter(hidden=False, association__status="verified").order_by("public_id").first()
    warm_up()
    freeze()
    lat, lon = CASABLANCA
    morocco = "-17.1000,20.8000,-1.0000,35.9500"
    http = [
        ("layer z16", f"/api/v1/black-spots?bbox={bbox(lat, lon, 16)}"),
        ("layer z14", f"/api/v1/black-spots?bbox={bbox(lat, lon, 14)}"),
        ("layer z12, 200 a page", f"/api/v1/black-spots?limit=200&bbox={bbox(lat, lon, 12)}"),
        ("layer z10, 200 a page", f"/api/v1/black-spots?limit=200&bbox={bbox(lat, lon, 10)}"),
        ("layer national, 200", f"/api/v1/black-spots?limit=200&bbox={morocco}"),
        ("layer national, cursor", f"/api/v1/black-spots?limit=200&bbox={morocco}&cursor=7"),
        ("layer z12 + status", f"/api/v1/black-spots?limit=200&status=resolved&bbox={bbox(lat, lon, 12)}"),
        ("layer z12 + category", f"/api/v1/black-spots?limit=200&category=drugs&bbox={bbox(lat, lon, 12)}"),
        ("one black spot", f"/api/v1/black-spots/{one.public_id if one else 'x'}"),
        ("black spot page", f"/black-spots/{one.public_id if one else 'x'}/"),
        ("commune page + section", f"/communes/{busiest[0] if busiest else ''}/"),
    ]
    shape = spot_shape({"type": "Point", "coordinates": [lon, lat]})
    calls: list[tuple[str, Callable[[], object]]] = [
        ("offer: reports near a point", lambda: selectors.report_candidates(shape=shape)),
        ("offer: places near a point", lambda: selectors.place_candidates(shape=shape)),
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    results: list[dict[str, object]] = []

    def timed(label: str, run: Callable[[], object]) -> None:
        samples = []
        for attempt in range(repeat + 1):
            cache.clear()
            started = time.perf_counter()
            run()
            if attempt:
                samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        p95 = samples[min(len(samples) - 1, math.ceil(0.95 * len(samples)) - 1)]
        row = {"request": label, "backend": backend, "reports": made, "spots": spot_count}
        row |= {"p50": statistics.median(samples), "p95": p95, "max": samples[-1]}
        progress(f"  {backend:10} {label:30} p95 {p95:7.1f} ms")
        results.append(row)

    def get(url: str) -> Callable[[], object]:
        def run() -> object:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            return response

        return run

    for label, url in http:
        timed(label, get(url))
    for label, call in calls:
        timed(label, call)
    return results


def print_table(rows: list[dict[str, object]], repeat: int) -> None:
    counts = ", ".join(
        f"{r['backend']} {r['reports']:,} reports, {r['spots']:,} black spots" for r in rows[:1] + rows[-1:]
    )
    print(f"\nBlack spots, {repeat} requests each, Django test client; {counts}\n")
    print(f"{'request':30} {'backend':11} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  goal")
    print("-" * 76)
    for row in rows:
        verdict = "PASS" if float(row["p95"]) < GOAL_MS else "FAIL"  # type: ignore[arg-type]
        print(
            f"{row['request']!s:30} {row['backend']!s:11} "
            f"{row['p50']:8.1f} {row['p95']:8.1f} {row['max']:8.1f}  {verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--spots", type=int, default=10_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench-data")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.backend != "both":
        rows = run_backend(args.backend, args.reports, args.spots, args.repeat, args.data)
        print(json.dumps(rows, default=str) if args.json else "", end="")
        if not args.json:
            print_table(rows, args.repeat)
        return
    rows = []
    for backend in ("sqlite", "postgresql"):
        command = [
            sys.executable,
            "-m",
            "bench.black_spots",
            "--backend",
            backend,
            "--json",
            "--reports",
            str(args.reports),
        ]
        command += ["--spots", str(args.spots), "--repeat", str(args.repeat), "--data", str(args.data)]
        done = subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
        rows += json.loads(done.stdout)
    print_table(rows, args.repeat)


if __name__ == "__main__":
    main()

"""
Benchmark of every public read at scale (default 1M reports), on SQLite and PostgreSQL.

    .venv/bin/python -m bench.map_api [--reports 1000000] [--backend sqlite|postgresql|both] [--repeat 30]

Each backend keeps its filled database in var/bench-data (or --data): the SQLite file and
the PostgreSQL database amane_bench, filled once by bench/_fill.py and reused by later runs.
The requests are the ones the pages make: the map's cells and points for a 1280×800 viewport
(with its box) at each zoom, the list API with every filter and a cursor deep in the list,
the home page with and without filters, a large commune's page. Each request is timed
through Django's test client (no network) with the whole-answer public cache emptied before
it, so the figures are the queries' and the rendering's, not the cache's; the process is
warmed up and frozen as gunicorn.conf.py does before it serves. Prints one table:
request × backend × p50 / p95 / max ms × PASS (p95 < 100 ms) or FAIL. Progress goes to stderr.
"""

import argparse
import base64
import datetime as dt
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script (`make bench`) as well as a module: the bench package must be importable.
sys.path.insert(0, str(ROOT))
GOAL_MS = 100.0
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
VIEWPORT = (1280, 800)
CASABLANCA = (33.5731, -7.5898)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bbox(lat: float, lon: float, zoom: int) -> str:
    """The box a Web Mercator map of VIEWPORT pixels shows around a point, as the map sends it."""
    scale = 256 * 2**zoom

    def to_y(lat: float) -> float:
        return (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * scale

    def to_lat(y: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / scale))))

    half_w = VIEWPORT[0] / 2 * 360 / scale
    y = to_y(lat)
    north, south = to_lat(y - VIEWPORT[1] / 2), to_lat(y + VIEWPORT[1] / 2)
    return ",".join(f"{v:.4f}" for v in (lon - half_w, south, lon + half_w, north))


def cursor_at(day: dt.date) -> str:
    """A cursor as a client holds it deep in the list: every report after that day already read."""
    raw = json.dumps({"d": day.isoformat(), "p": "zzzzzzzzzz"}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cases(commune: str) -> list[tuple[str, str]]:
    lat, lon = CASABLANCA
    today = dt.date.today()
    deep = cursor_at(today - dt.timedelta(days=200))
    month = f"from={today - dt.timedelta(days=270)}&to={today - dt.timedelta(days=240)}"
    week, last_month = f"from={today - dt.timedelta(days=7)}", f"from={today - dt.timedelta(days=30)}"
    morocco = "-17.1000,20.8000,-1.0000,35.9500"
    return [
        ("cells z6 national (r5)", f"/api/v1/reports/cells?resolution=5&bbox={morocco}"),
        ("cells z8 region (r5)", f"/api/v1/reports/cells?resolution=5&bbox={bbox(lat, lon, 8)}"),
        ("cells z9 city (r7)", f"/api/v1/reports/cells?resolution=7&bbox={bbox(lat, lon, 9)}"),
        ("cells z11 city (r7)", f"/api/v1/reports/cells?resolution=7&bbox={bbox(lat, lon, 11)}"),
        ("cells z12 district (r9)", f"/api/v1/reports/cells?resolution=9&bbox={bbox(lat, lon, 12)}"),
        ("cells z13 district (r9)", f"/api/v1/reports/cells?resolution=9&bbox={bbox(lat, lon, 13)}"),
        ("cells z9 + category", f"/api/v1/reports/cells?resolution=7&category=theft&bbox={bbox(lat, lon, 9)}"),
        ("cells z12 + status", f"/api/v1/reports/cells?resolution=9&status=resolved&bbox={bbox(lat, lon, 12)}"),
        ("cells z6 + commune", f"/api/v1/reports/cells?resolution=5&commune={commune}&bbox={morocco}"),
        # Dated maps count reports, at most selectors.DATED_COUNT_LIMIT; past it the answer is empty.
        ("cells z6 + last 7 days", f"/api/v1/reports/cells?resolution=5&{week}&bbox={morocco}"),
        ("cells z13 + last 7 days", f"/api/v1/reports/cells?resolution=9&{week}&bbox={bbox(lat, lon, 13)}"),
        ("cells z13 + last 30 days", f"/api/v1/reports/cells?resolution=9&{last_month}&bbox={bbox(lat, lon, 13)}"),
        ("cells z6 + last 30 days", f"/api/v1/reports/cells?resolution=5&{last_month}&bbox={morocco}"),
        ("points z14", f"/api/v1/reports?limit=200&bbox={bbox(lat, lon, 14)}"),
        ("points z16", f"/api/v1/reports?limit=200&bbox={bbox(lat, lon, 16)}"),
        ("points z14 + category", f"/api/v1/reports?limit=200&category=theft&bbox={bbox(lat, lon, 14)}"),
        ("list, first page", "/api/v1/reports"),
        ("list, deep cursor", f"/api/v1/reports?cursor={deep}"),
        ("list, 200 a page", "/api/v1/reports?limit=200"),
        ("list, commune", f"/api/v1/reports?commune={commune}"),
        ("list, category", "/api/v1/reports?category=vandalism"),
        ("list, two categories", "/api/v1/reports?category=theft&category=vandalism"),
        ("list, status", "/api/v1/reports?status=rejected"),
        ("list, dates", f"/api/v1/reports?{month}"),
        ("list, status + dates", f"/api/v1/reports?status=resolved&{month}"),
        ("list, commune + category", f"/api/v1/reports?commune={commune}&category=theft"),
        ("list, commune + cat. + cursor", f"/api/v1/reports?commune={commune}&category=theft&cursor={deep}"),
        ("home page", "/"),
        ("home page, filtered", "/?category=theft&status=resolved"),
        ("commune page", f"/communes/{commune}/"),
    ]


def run_backend(backend: str, reports: int, repeat: int, data: Path) -> list[dict[str, object]]:
    """Fill (once) and time one backend; runs in its own process, since Django's settings are global."""
    commune, made = prepare_backend(backend, reports, data)
    from django.core.cache import cache
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    results: list[dict[str, object]] = []
    for label, url in cases(commune):
        samples, cpu = [], []
        for attempt in range(repeat + 1):
            cache.clear()  # the whole-answer cache would otherwise answer every repeat
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            if attempt:  # the first request warms the process (locator, templates)
                samples.append(elapsed)
                cpu.append((time.process_time() - started_cpu) * 1000)
        items = len(response.json().get("results", [])) if response["Content-Type"].startswith("application") else 0
        samples.sort()
        p95 = samples[min(len(samples) - 1, math.ceil(0.95 * len(samples)) - 1)]
        row = {"request": label, "url": url, "backend": backend, "reports": made, "items": items}
        row |= {"p50": statistics.median(samples), "p95": p95, "max": samples[-1], "cpu": statistics.median(cpu)}
        row |= {"load": os.getloadavg()[0]}
        progress(f"  {backend:10} {label:32} p95 {p95:7.1f} ms  ({items} items)")
        results.append(row)
    return results


def prepare_backend(backend: str, reports: int, data: Path) -> tuple[str, int]:
    """
    Point Django at the backend's bench database, fill it once, warm the process up and freeze
    it as gunicorn.conf.py does; returns the code of the commune with the most public reports
    and how many reports there are.
    """
    data.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "amane.settings"
    os.environ["AMANE_VAR_DIR"] = str(data / f"{backend}-var")
    if backend == "postgresql":
        os.environ["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/amane_bench"
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", "amane_bench"], check=False, capture_output=True
        )
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Sum

    from amane.geo.warmup import freeze, warm_up
    from amane.reports.models import CellTally
    from bench._fill import fill

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    made = fill(total=reports, marker=data / f"{backend}.filled")
    # The commune with the most public reports: the heaviest commune page and filter.
    by_commune = CellTally.objects.filter(resolution=5).values_list("commune__code").annotate(n=Sum("count"))
    commune = by_commune.order_by("-n").values_list("commune__code", flat=True).first() or ""
    # As gunicorn.conf.py serves: the geography built first, then everything alive frozen out
    # of the collector, so that a full collection does not walk the locator inside a request.
    warm_up()
    freeze()
    return str(commune), made


def print_table(rows: list[dict[str, object]], repeat: int) -> None:
    counts = {str(r["backend"]): r["reports"] for r in rows}
    loads = [float(r["load"]) for r in rows]  # type: ignore[arg-type]
    print(f"\nPublic reads, {repeat} requests each, public cache emptied before each, Django test client")
    print("reports: " + ", ".join(f"{backend} {n:,}" for backend, n in counts.items()))
    print(f"load average over the run: {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores")
    print("cpu: the bench process's own CPU time per request, median (SQLite's work included, PostgreSQL's not)\n")
    print(f"{'request':32} {'backend':11} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu ms':>7} {'items':>6}  goal")
    print("-" * 94)
    for row in rows:
        verdict = "PASS" if float(row["p95"]) < GOAL_MS else "FAIL"  # type: ignore[arg-type]
        print(
            f"{row['request']!s:32} {row['backend']!s:11} {row['p50']:8.1f} {row['p95']:8.1f} {row['max']:8.1f} "
            f"{row['cpu']:7.1f} {row['items']:6}  {verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench-data")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # a child's answer to its parent
    args = parser.parse_args()
    if args.backend != "both":
        rows = run_backend(args.backend, args.reports, args.repeat, args.data)
        if args.json:
            print(json.dumps(rows))
        else:
            print_table(rows, args.repeat)
        return
    rows = each_backend("bench.map_api", args)
    rows.sort(key=lambda r: [c[0] for c in cases("")].index(str(r["request"])))
    print_table(rows, args.repeat)


def each_backend(module: str, args: argparse.Namespace) -> list[dict[str, object]]:
    """Run the bench `module` once per backend, each in its own process (Django's settings are global)."""
    rows: list[dict[str, object]] = []
    for backend in ("sqlite", "postgresql"):
        command = [sys.executable, "-m", module, "--backend", backend, "--json"]
        command += ["--reports", str(args.reports), "--repeat", str(args.repeat), "--data", str(args.data)]
        done = subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
        rows += json.loads(done.stdout.strip().splitlines()[-1])
    return rows


if __name__ == "__main__":
    main()

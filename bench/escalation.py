"""
Benchmark of the escalation sweep over N open reports, on SQLite and PostgreSQL.

    .venv/bin/python bench/escalation.py [--reports 100000 1000000] [--due 1000] [--backend sqlite|postgresql|both]

Each backend gets a scratch database (SQLite in var/bench-data/escalation-sqlite, PostgreSQL
amane_bench_sla), with the square test geography and its units, then N open reports, each
routed to an annex under a pashalik: the minimum rows the sweep reads, inserted around the
services (executemany, COPY), so that the sweep's first run sets their deadlines as it does
for any report written that way. `--due` of them were filed ten days ago, the others today.
Timed: the first sweep (deadlines set for N reports, nothing due yet), a sweep with nothing
due (what every 15-minute run costs), and a sweep that escalates the due reports. Prints one
table; progress goes to stderr. Goal: a sweep over 1M open reports in under 10 s.
"""

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The script's own folder holds bench/http.py, which would shadow the standard library's http.
sys.path[0] = str(ROOT)
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_URL = "postgresql://postgres@127.0.0.1:5432/amane_bench_sla"
GOAL_S = 10.0
BATCH = 20_000

REPORT_COLUMNS = (
    "public_id", "category_id", "description", "status", "lat", "lon", "location_precision", "commune_id",
    "arrondissement_id", "province_id", "region_id", "public_lat", "public_lon", "cell_r9", "cell_r7", "cell_r5",
    "occurred_at", "occurred_on", "submitted_on", "contact", "receipt_selector", "receipt_hash", "is_demo", "public",
)  # fmt: skip


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fresh_database(backend: str) -> dict[str, str]:
    """Return the environment of a child process on an empty scratch database."""
    env = dict(os.environ, AMANE_RATE_LIMITS="off", AMANE_ESCALATION_NOTIFY="")
    if backend == "sqlite":
        folder = ROOT / "var" / "bench-data" / "escalation-sqlite"
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("amane.sqlite3", "amane.sqlite3-wal", "amane.sqlite3-shm"):
            (folder / name).unlink(missing_ok=True)
        env.pop("DATABASE_URL", None)
        env["AMANE_VAR_DIR"] = str(folder)
        # The secret key and static files of the working copy's var/ are not needed here.
        env.setdefault("AMANE_SECRET_KEY", "bench-only-secret-key-not-for-serving-anything")
    else:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "amane_bench_sla"], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "amane_bench_sla"], check=True)
        env["DATABASE_URL"] = PG_BENCH_URL
    return env


def _insert(rows: list[tuple[Any, ...]], table: str, columns: tuple[str, ...]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)  # noqa: S608


def _fill(total: int, due: int) -> None:
    """Insert `total` open reports routed to the north annex, `due` of them filed ten days ago."""
    from django.db import connection, transaction
    from django.utils import timezone

    from amane.authorities.tests.factories import build_units
    from amane.geo.models import Area
    from amane.geo.tests.factories import CITY, CITY_WEST, IN_CITY_EAST, PROVINCE, REGION
    from amane.reports.models import Category, Report

    units = build_units()
    areas = {area.code: area.pk for area in Area.objects.filter(code__in=[CITY, CITY_WEST, PROVINCE, REGION])}
    theft = Category.objects.get(code="theft").pk
    now = timezone.now()
    today, old = timezone.localdate(now), timezone.localdate(now) - dt.timedelta(days=10)
    lat, lon = IN_CITY_EAST
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
    made = 0
    while made < total:
        size = min(BATCH, total - made)
        # Every column but the public id, the receipt selector and the filing day is the same.
        fixed = (theft, "bench", "submitted", lat, lon, "point", areas[CITY], areas[CITY_WEST], areas[PROVINCE])
        cells = ("c9", "c7", "c5")

        def tail(n: int) -> tuple[object, ...]:
            return ("", f"{n:06x}", "bench", True, True)

        rows = [
            (f"e{n:09d}", *fixed, areas[REGION], lat, lon, *cells, now, today, old if n < due else today, *tail(n))
            for n in range(made, made + size)
        ]
        with transaction.atomic():
            _insert(rows, "reports_report", REPORT_COLUMNS)
            ids = Report.objects.filter(public_id__gte=f"e{made:09d}", public_id__lt=f"e{made + size:09d}")
            ids_list = list(ids.values_list("id", flat=True))
            routing = [(pk, units.north_annex.pk, "responsible", today) for pk in ids_list]
            routing += [(pk, units.pashalik.pk, "copy", today) for pk in ids_list]
            _insert(routing, "authorities_reportrouting", ("report_id", "unit_id", "role", "occurred_on"))
        made += size
        progress(f"  {made:,} reports")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")


def child(total: int, due: int) -> None:
    """Run in a child process: migrate, fill, time three sweeps, print one JSON line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amane.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from amane.service_levels.models import Escalation
    from amane.service_levels.services import escalate_overdue

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    _fill(total, due)
    progress(f"{connection.vendor}: {total:,} reports in {time.perf_counter() - started:.0f} s")
    now = timezone.now()
    timings: dict[str, Any] = {"backend": connection.vendor, "reports": total}
    for label in ("first", "idle", "escalating"):
        started = time.perf_counter()
        # The first two sweeps look from before anything was due; the third from now.
        moment = now - dt.timedelta(days=30) if label != "escalating" else now
        result = escalate_overdue(now=moment)
        timings[label] = time.perf_counter() - started
        timings[f"{label}_escalated"] = result.total_escalated
        timings[f"{label}_set"] = result.deadlines_set
        progress(f"  {label} sweep: {timings[label]:.2f} s, {result.total_escalated:,} escalated")
    timings["escalations"] = Escalation.objects.count()
    print(json.dumps(timings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, nargs="+", default=[100_000])
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.reports[0], args.due)
        return
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results = []
    for total in args.reports:
        for backend in backends:
            progress(f"== {backend}, {total:,} open reports, {args.due:,} due")
            env = _fresh_database(backend)
            command = [sys.executable, __file__, "--child", "--reports", str(total), "--due", str(args.due)]
            done = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"{'backend':<11} {'open reports':>12} {'first sweep (sets deadlines)':>29} {'idle sweep':>11} ", end="")
    print(f"{'sweep escalating':>17} {'escalated':>9} {'goal < 10 s':>11}")
    for row in results:
        verdict = "PASS" if max(row["idle"], row["escalating"]) < GOAL_S else "FAIL"
        print(
            f"{row['backend']:<11} {row['reports']:>12,} {row['first']:>27.2f} s {row['idle']:>9.3f} s "
            f"{row['escalating']:>15.2f} s {row['escalating_escalated']:>9,} {verdict:>11}"
        )


if __name__ == "__main__":
    main()

"""
Benchmark of the officer's inbox at scale (100k and 1M reports), on SQLite and PostgreSQL.

    .venv/bin/python -m bench.inbox [--reports 100000 1000000] [--backend sqlite|postgresql|both] [--repeat 20]

Each size and backend keeps its database in var/bench-data (or --data), filled once: the
reports by bench/_fill.py (the 1M databases are bench/map_api.py's own: the SQLite file in
<data>/sqlite-var and the PostgreSQL database amane_bench; another size gets its own), then
the real units and every report's routing rows by bench/_route_fill.py. Two officers are
signed in (force_login; the API with a Bearer token): one of the busiest Casablanca district
(a small unit) and one of the busiest province or prefecture (the largest inbox). Each
request is timed through Django's test client, the public cache emptied before it, in a
process warmed up and frozen as gunicorn.conf.py does: the first page (page and API), each
filter, a page deep in the list and a report's page. Routing is timed too, per report, on a
sample of the database's reports. Prints one table: request × backend × p50 / p95 / max ms
× PASS (p95 < 100 ms) or FAIL. Progress goes to stderr. The escalation sweep has its own
benchmark, bench/escalation.py.
"""

import argparse
import datetime as dt
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script as well as a module: the bench package must be importable, and the
# script's own folder, which holds bench/http.py, must not shadow the standard library's http.
sys.path[0] = str(ROOT)
GOAL_MS = 100.0
ROUTING_GOAL_US = 1000.0
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
MILLION = 1_000_000


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _names(backend: str, reports: int) -> tuple[str, str]:
    """Return the var folder suffix and PostgreSQL database of this size (1M: map_api's)."""
    suffix = "" if reports == MILLION else f"-{reports}"
    return suffix, "amane_bench" + suffix.replace("-", "_")


def _setup(backend: str, reports: int, data: Path) -> None:
    data.mkdir(parents=True, exist_ok=True)
    suffix, database = _names(backend, reports)
    os.environ["DJANGO_SETTINGS_MODULE"] = "amane.settings"
    os.environ["AMANE_VAR_DIR"] = str(data / f"{backend}{suffix}-var")
    os.environ["AMANE_RATE_LIMITS"] = "off"
    if backend == "postgresql":
        os.environ["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + database
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=False, capture_output=True)
    else:
        os.environ.pop("DATABASE_URL", None)


def _officer(username: str, unit_code: str) -> tuple[Any, str]:
    """Return a user who acts for this unit only, and an API token of theirs."""
    from django.contrib.auth.models import User

    from amane.accounts.tokens import token_issue
    from amane.authorities.models import Membership, Unit
    from amane.core.actors import Actor, Role

    user, _ = User.objects.get_or_create(username=username)
    Membership.objects.filter(user=user).exclude(unit__code=unit_code).delete()
    Membership.objects.get_or_create(user=user, unit=Unit.objects.get(code=unit_code))
    return user, token_issue(actor=Actor(role=Role.SYSTEM), user=user, name="bench")


def cases(unit_id: int, token: str) -> list[tuple[str, str, dict[str, str]]]:
    """The requests an officer of this unit makes: (label, url, headers)."""
    from amane.authorities.models import ReportRouting
    from amane.reports.models import Report

    routed = ReportRouting.objects.filter(unit_id=unit_id).order_by("-report_id").values_list("report_id", flat=True)
    total = routed.count()
    deep = routed[total // 2]
    newest = Report.objects.get(pk=routed[0])
    word = max(newest.description.split(), key=len).strip(".,;:!?")
    today = dt.date.today()
    month = f"occurred_from={today - dt.timedelta(days=270)}&occurred_to={today - dt.timedelta(days=240)}"
    api = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    return [
        ("inbox page", "/inbox/", {}),
        ("API, first page", "/api/v1/inbox", api),
        ("status", "/inbox/?status=submitted", {}),
        ("two statuses", "/inbox/?status=acknowledged&status=in_progress", {}),
        ("category", "/inbox/?category=vandalism", {}),
        ("dates", f"/inbox/?{month}", {}),
        ("status + category + dates", f"/inbox/?status=resolved&category=theft&{month}", {}),
        ("text, common word", f"/inbox/?text={word}", {}),
        ("text, a report id", f"/inbox/?text={newest.public_id}", {}),
        ("API, text + status", f"/api/v1/inbox?text={word}&status=submitted", api),
        ("deep page (before=)", f"/inbox/?before={deep}", {}),
        ("API, deep page", f"/api/v1/inbox?before={deep}", api),
        ("report page", f"/inbox/reports/{newest.public_id}/", {}),
        ("API, report", f"/api/v1/inbox/reports/{newest.public_id}", api),
    ]


def _routing_cost(sample: int) -> dict[str, float]:
    """Time route() per report over a sample of the database's reports (located already)."""
    from amane.authorities.routing import route, routing_index
    from amane.geo.models import Area
    from amane.reports.models import Report

    routing_index()
    codes = dict(Area.objects.values_list("pk", "code"))
    step = max(1, Report.objects.count() // sample)
    columns = ("category_id", "lon", "lat", "arrondissement_id", "commune_id", "province_id", "region_id")
    rows = Report.objects.filter(pk__gt=0).values_list(*columns).order_by("pk")
    timings = []
    for n, (category_id, lon, lat, *areas) in enumerate(rows.iterator(20_000)):
        if n % step:
            continue
        area_codes = [codes[a] for a in areas if a is not None]
        started = time.perf_counter()
        route(category_id=category_id, lon=lon, lat=lat, area_codes=area_codes)
        timings.append((time.perf_counter() - started) * 1e6)
    timings.sort()
    return {"mean": statistics.fmean(timings), "p95": timings[int(0.95 * len(timings))], "n": len(timings)}


def run_backend(backend: str, reports: int, repeat: int, data: Path) -> dict[str, Any]:
    """Fill (once) and time one backend at one size; runs in its own process (Django's settings are global)."""
    _setup(backend, reports, data)
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from amane.authorities.models import Unit
    from amane.geo.warmup import freeze, warm_up
    from bench._fill import fill
    from bench._route_fill import route_all

    suffix, _ = _names(backend, reports)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    routed_marker = data / f"{backend}{suffix}.routed"
    filled_marker = data / f"{backend}{suffix}.filled"
    if not (filled_marker.exists() and filled_marker.read_text().strip() == str(reports)):
        routed_marker.unlink(missing_ok=True)
        from amane.authorities.models import ReportRouting

        ReportRouting.objects.all().delete()  # the reports' refill would trip on their rows
    made = fill(total=reports, marker=filled_marker)
    facts = route_all(marker=routed_marker, reports=reports)
    routing = _routing_cost(20_000)
    progress(f"  routing: mean {routing['mean']:.1f} µs, p95 {routing['p95']:.1f} µs per report")
    warm_up()
    freeze()
    rows: list[dict[str, Any]] = []
    for who in ("district", "province"):
        unit = Unit.objects.get(code=facts[who])
        user, token = _officer(f"bench-{who}", unit.code)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for label, url, headers in cases(unit.pk, token):
            samples = []
            for attempt in range(repeat + 1):
                cache.clear()
                started = time.perf_counter()
                response = client.get(url, **headers)  # type: ignore[arg-type]
                elapsed = (time.perf_counter() - started) * 1000
                assert response.status_code == 200, (url, response.status_code, response.content[:300])
                if attempt:  # the first request warms the process (templates, routing index)
                    samples.append(elapsed)
            samples.sort()
            p95 = samples[min(len(samples) - 1, math.ceil(0.95 * len(samples)) - 1)]
            row: dict[str, Any] = {"officer": f"{who} ({unit.code})", "request": label, "url": url, "backend": backend}
            row |= {"reports": made, "p50": statistics.median(samples), "p95": p95, "max": samples[-1]}
            progress(f"  {backend:10} {who:8} {label:28} p95 {p95:7.1f} ms")
            rows.append(row)
    return {"rows": rows, "routing": routing | {"backend": backend, "reports": made}, "facts": facts}


def print_table(results: list[dict[str, Any]], repeat: int) -> None:
    print(f"\nOfficer's inbox, {repeat} requests each, public cache emptied before each, Django test client")
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    head = f"{'officer':34} {'request':28} {'backend':11} {'reports':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
    print(head + "  goal")
    print("-" * (len(head) + 6))
    for result in results:
        for row in result["rows"]:
            verdict = "PASS" if row["p95"] < GOAL_MS else "FAIL"
            print(
                f"{row['officer']:34} {row['request']:28} {row['backend']:11} {row['reports']:>9,} "
                f"{row['p50']:8.1f} {row['p95']:8.1f} {row['max']:8.1f}  {verdict}"
            )
    print(f"\nRouting per report (route(), a sample of each database's reports), goal < {ROUTING_GOAL_US:.0f} µs")
    for result in results:
        r, facts = result["routing"], result["facts"]
        verdict = "PASS" if r["p95"] < ROUTING_GOAL_US else "FAIL"
        print(
            f"  {r['backend']:11} {r['reports']:>9,} reports ({facts['rows']:,} routing rows): over {r['n']:,}, "
            f"mean {r['mean']:.1f} µs, p95 {r['p95']:.1f} µs  {verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--reports", type=int, nargs="+", default=[100_000, MILLION])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench-data")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # a child's answer to its parent
    args = parser.parse_args()
    if args.json:
        print(json.dumps(run_backend(args.backend, args.reports[0], args.repeat, args.data)))
        return
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    results = []
    for reports in args.reports:
        for backend in backends:
            progress(f"== {backend}, {reports:,} reports")
            command = [sys.executable, "-m", "bench.inbox", "--backend", backend, "--json"]
            command += ["--reports", str(reports), "--repeat", str(args.repeat), "--data", str(args.data)]
            done = subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print_table(results, args.repeat)


if __name__ == "__main__":
    main()

"""
Benchmark of the observatory's rates, sensitive places and response times at N reports (SQLite or PostgreSQL).

    .venv/bin/python -m bench.observatory_sections [--reports 100000] [--backend sqlite|postgresql]
                                                   [--schools 2000] [--repeat 3] [--data var/bench-data]

The reports are bench/_fill.py's (the demo's clustered generator, filled once and kept in
`--data`). Filled around the services, they carry only their first timeline event: each
report whose final status is past `submitted` gets an acknowledgement 1 to 200 hours after its
filing day began, and each closed one a closing step 1 to 40 days later, so that response
times have something to measure. `--schools` schools are placed near random public reports.
Timed, the cache emptied before each run, median of `--repeat`: the selectors themselves
(rates are served on request; places and response times are background figures). Prints one
table; progress goes to stderr.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
# Its own scratch database: bench/map_api.py fills amane_bench to its own size.
PG_DATABASE = "amane_bench_observatory"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def setup(backend: str, data: Path) -> None:
    data.mkdir(parents=True, exist_ok=True)
    os.environ["AMANE_VAR_DIR"] = str(data / f"{backend}-var")
    (data / f"{backend}-var").mkdir(exist_ok=True)
    if backend == "postgresql":
        os.environ["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + PG_DATABASE
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", PG_DATABASE], check=False, capture_output=True)
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amane.settings")
    import django

    django.setup()


def add_steps(marker: Path) -> None:
    """Acknowledgement and closing events for the reports whose final status says they had them."""
    from django.db import connection

    if marker.exists():
        return
    if connection.vendor == "postgresql":
        ack_at = "e.at + (1 + floor(random() * 200)) * interval '1 hour'"
        close_at = "e.at + (1 + floor(random() * 40)) * interval '1 day'"
    else:
        ack_at = "datetime(e.at, '+' || (1 + abs(random()) % 200) || ' hours')"
        close_at = "datetime(e.at, '+' || (1 + abs(random()) % 40) || ' days')"
    insert = "INSERT INTO reports_reportevent (report_id, status, at, actor_role, message) "
    acknowledged = (
        f"{insert} SELECT r.id, 'acknowledged', {ack_at}, 'authority', '' FROM reports_report r "  # noqa: S608
        "JOIN reports_reportevent e ON e.report_id = r.id AND e.status = 'submitted' WHERE r.status <> 'submitted'"
    )
    closed = (
        f"{insert} SELECT r.id, r.status, {close_at}, 'authority', '' FROM reports_report r "  # noqa: S608
        "JOIN reports_reportevent e ON e.report_id = r.id AND e.status = 'acknowledged' "
        "WHERE r.status IN ('resolved', 'rejected', 'duplicate')"
    )
    with connection.cursor() as cursor:
        cursor.execute(acknowledged)
        cursor.execute(closed)
    marker.write_text("done\n")


def add_schools(count: int) -> int:
    import numpy as np
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from amane.blackspots.models import SensitivePlace
    from amane.reports.models import Report

    if SensitivePlace.objects.filter(is_demo=True, name_fr__startswith="Bench").count() >= count:
        return count
    user, _made = get_user_model().objects.get_or_create(username="bench-schools")
    ids = list(Report.objects.filter(public=True).order_by("?").values_list("lat", "lon", "commune_id")[:count])
    rng = np.random.default_rng(5)
    SensitivePlace.objects.bulk_create(
        SensitivePlace(
            kind="school",
            name_ar=f"مدرسة {i}",
            name_fr=f"Bench school {i}",
            lat=lat + rng.normal(0, 0.002),
            lon=lon + rng.normal(0, 0.002),
            commune_id=commune,
            registered_by=user,
            is_demo=True,
            created_at=timezone.now(),
        )
        for i, (lat, lon, commune) in enumerate(ids)
    )
    return len(ids)


def timed(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    from django.core.cache import cache

    samples, answer = [], None
    for _ in range(repeat):
        cache.clear()
        started = time.perf_counter()
        answer = work()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), answer


def cases() -> list[tuple[str, Callable[[], Any], Callable[[Any], int]]]:
    from django.db.models import Sum
    from django.utils import timezone

    from amane.analytics.scopes import scope_for
    from amane.analytics.selectors.places import near_places
    from amane.analytics.selectors.rates import RateQuery, commune_rates
    from amane.analytics.selectors.response import ResponseQuery, response_times
    from amane.reports.models import MonthTally

    busiest = (
        MonthTally.objects.values_list("province__code").annotate(n=Sum("count")).order_by("-n").first() or ("",)
    )[0]
    today, now = timezone.localdate(), timezone.now()
    national, province = scope_for(None), scope_for(busiest)
    return [
        ("rates, Morocco, 12 months", lambda: commune_rates(RateQuery.last_months(national, today)), _rows("communes")),
        ("rates, busiest province", lambda: commune_rates(RateQuery.last_months(province, today)), _rows("communes")),
        ("schools, Morocco (500 m)", lambda: near_places(scope=national), _rows("places")),
        ("schools, busiest province", lambda: near_places(scope=province), _rows("places")),
        ("response times, Morocco", lambda: response_times(ResponseQuery(scope=national), now=now), _rows("groups")),
        ("response times, province", lambda: response_times(ResponseQuery(scope=province), now=now), _rows("groups")),
    ]  # fmt: skip


def _rows(key: str) -> Callable[[Any], int]:
    return lambda answer: len(answer[key])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--schools", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench-data")
    args = parser.parse_args()
    setup(args.backend, args.data)
    from django.core.management import call_command

    from amane.reports.models import Report
    from bench._fill import fill

    call_command("migrate", verbosity=0)
    fill(total=args.reports, marker=args.data / f"{args.backend}.filled")
    add_steps(args.data / f"{args.backend}.steps-{args.reports}")
    schools = add_schools(args.schools)
    public = Report.objects.filter(public=True).count()
    print(f"\n{args.backend}: {public:,} public reports, {schools:,} schools; median of {args.repeat}, cache emptied")
    print(f"{'selector':36} {'seconds':>8} {'rows':>7}")
    print("-" * 53)
    for label, work, rows in cases():
        seconds, answer = timed(work, args.repeat)
        print(f"{label:36} {seconds:8.3f} {rows(answer):7,}", flush=True)


if __name__ == "__main__":
    main()

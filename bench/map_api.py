"""
Benchmark of the public map and list endpoints with 100,000 reports.

    .venv/bin/python bench/map_api.py [--reports 100000] [--repeat 5]

Builds a scratch SQLite database in a temporary folder (or uses DATABASE_URL, which it
then fills: point it at a scratch database), imports the geography, and inserts the
reports in bulk: the demo generator's clustered points, coarsened as the report service
coarsens them, but written with bulk_create rather than one service call each, since
only reading is measured here. Then it times, through Django's test client, what the
home map asks for at each zoom and what the list pages ask for. Prints a table; progress
goes to stderr.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.test import Client


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def setup_django(var_dir: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amane.settings")
    os.environ["AMANE_VAR_DIR"] = var_dir
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    progress("importing geography…")
    call_command("import-geography", verbosity=0)


def fill(total: int) -> int:
    from django.utils import timezone

    from amane.core.errors import OutsideCoveredArea
    from amane.demo.synthetic import generate
    from amane.geo.selectors import locate_point
    from amane.reports.models import Category, Report
    from amane.reports.privacy import coarsen

    categories = {c.code: c for c in Category.objects.all()}
    batch: list[Report] = []
    made = 0
    end = timezone.now()
    for n, incident in enumerate(generate(seed=7, total=total, end=end)):
        try:
            where = locate_point(lat=incident.lat, lon=incident.lon)
        except OutsideCoveredArea:  # the service would refuse it too
            continue
        public = coarsen(incident.lat, incident.lon)
        batch.append(
            Report(
                public_id=f"b{n:09d}",
                category=categories[incident.category],
                description=incident.description,
                lat=incident.lat,
                lon=incident.lon,
                commune=where.commune,
                arrondissement=where.arrondissement,
                province=where.province,
                region=where.region,
                public_lat=public.lat,
                public_lon=public.lon,
                cell_r9=public.cell,
                cell_r7=public.cell_r7,
                cell_r5=public.cell_r5,
                occurred_at=incident.occurred_at,
                submitted_on=timezone.localdate(incident.occurred_at),
                receipt_selector=f"{n:06d}"[-6:] if n < 10**6 else str(n)[-6:],
                receipt_hash="bench",
                is_demo=True,
            )
        )
        if len(batch) == 5000:
            Report.objects.bulk_create(batch)
            made += len(batch)
            batch.clear()
            progress(f"  {made:,} reports")
    Report.objects.bulk_create(batch)
    return made + len(batch)


def timed(client: Client, url: str, repeat: int) -> tuple[float, float, int, int]:
    samples = []
    response = client.get(url)
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    items = 0
    if response["Content-Type"].startswith("application/json"):
        items = len(response.json().get("results", []))
    return statistics.median(samples), max(samples), items, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        setup_django(var_dir)
        progress(f"inserting about {args.reports:,} clustered reports…")
        started = time.perf_counter()
        made = fill(args.reports)
        progress(f"{made:,} reports in {time.perf_counter() - started:.1f} s")
        client = Client(HTTP_HOST="127.0.0.1")
        client.get("/api/v1/reports/cells?resolution=5")  # load the locator and caches once
        casablanca = "-7.75,33.45,-7.45,33.65"
        cases = [
            ("map, national, zoom < 9", "/api/v1/reports/cells?resolution=5"),
            ("map, Casablanca, zoom 9-11", f"/api/v1/reports/cells?resolution=7&bbox={casablanca}"),
            ("map, Casablanca, zoom 12-13", f"/api/v1/reports/cells?resolution=9&bbox={casablanca}"),
            ("map points, zoom >= 14", "/api/v1/reports?limit=200&bbox=-7.63,33.58,-7.60,33.60"),
            ("list, first page of 50", "/api/v1/reports"),
            ("list, one commune, theft", "/api/v1/reports?commune=09.541.01.13&category=theft"),
            ("home page (HTML)", "/"),
            ("national outline, low detail", "/api/v1/geo/communes.geojson?detail=low"),
        ]
        print(f"\n{made:,} reports, {args.repeat} requests each, Django test client (no network)\n")
        print(f"{'request':32} {'median ms':>10} {'max ms':>8} {'items':>7} {'bytes':>10}")
        print("-" * 71)
        for label, url in cases:
            median, worst, items, size = timed(client, url, args.repeat)
            print(f"{label:32} {median:10.1f} {worst:8.1f} {items:7,} {size:10,}")


if __name__ == "__main__":
    main()

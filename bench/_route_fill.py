"""
Route every report of a filled benchmark database to its units, fast, once.

The units are the real ones (`amane import-units --with-demo`: a wilaya per region, a
province or prefecture per province, a council and a police or gendarmerie unit per commune,
Casablanca's districts, Taroudant's annexes). Each report is routed by the routing index as
filing would route it (`amane.authorities.routing.route`), and its rows (responsible, copies,
every parent as oversight) go in by executemany (SQLite) or COPY (PostgreSQL), around
`report_route`, whose audit rows are not what is measured. A confidential report reaches its
responsible unit and those above it only, as the service does.

`bench-data/<backend>….routed` records it, with the units the benchmark reads as: the busiest
Casablanca district and the busiest province or prefecture.
"""

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

BATCH = 50_000
COLUMNS = "report_id, unit_id, role, occurred_on"


def _routing_rows() -> Iterator[tuple[int, int, str, Any]]:
    """Yield (report id, unit id, role, day) for every report, in the order of the reports."""
    from amane.authorities.models import RoutingRole
    from amane.authorities.routing import Routing, routing_index
    from amane.geo.models import Area
    from amane.reports.models import Category, Report

    index = routing_index()
    codes = dict(Area.objects.values_list("pk", "code"))
    confidential = set(Category.objects.filter(confidential=True).values_list("pk", flat=True))
    # Reports sent to the same units write the same rows: the parents are walked once per set.
    rows_for: dict[tuple[int | None, tuple[int, ...]], list[tuple[int, str]]] = {}
    columns = ["pk", "occurred_on", "category_id", "lon", "lat", "arrondissement_id", "commune_id"]
    columns += ["province_id", "region_id"]
    for pk, day, category_id, lon, lat, *areas in Report.objects.values_list(*columns).order_by("pk").iterator(20_000):
        routing = index.route(
            category_id=category_id, lon=lon, lat=lat, area_codes=[codes[a] for a in areas if a is not None]
        )
        if category_id in confidential:
            routing = Routing(responsible=routing.responsible)
        key = (routing.responsible.pk if routing.responsible else None, tuple(u.pk for u in routing.copies))
        if key not in rows_for:
            roles: dict[int, str] = {}
            named = ([routing.responsible] if routing.responsible else []) + routing.copies
            for unit in named:
                for seeing in index.units_seeing(unit)[1:]:
                    roles.setdefault(seeing.pk, RoutingRole.OVERSIGHT)
            roles |= {unit.pk: RoutingRole.COPY for unit in routing.copies}
            if routing.responsible is not None:
                roles[routing.responsible.pk] = RoutingRole.RESPONSIBLE
            rows_for[key] = list(roles.items())
        for unit_id, role in rows_for[key]:
            yield pk, unit_id, str(role), day


def _insert(rows: list[tuple[int, int, str, Any]]) -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY authorities_reportrouting ({COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            sql = f"INSERT INTO authorities_reportrouting ({COLUMNS}) VALUES (%s, %s, %s, %s)"  # noqa: S608
            cursor.executemany(sql, rows)


def _busiest(kinds: tuple[str, ...], code_prefix: str = "") -> str:
    from django.db.models import Count

    from amane.authorities.models import ReportRouting

    routed = ReportRouting.objects.filter(unit__kind__in=kinds, unit__code__startswith=code_prefix)
    return str(routed.values("unit__code").annotate(n=Count("id")).order_by("-n")[0]["unit__code"])


def route_all(*, marker: Path, reports: int) -> dict[str, Any]:
    """Route every report unless the marker says it was done for this many; return the marker's facts."""
    from django.core.management import call_command
    from django.db import connection

    from amane.authorities.models import UnitKind
    from bench._fill import progress

    if marker.exists():
        done = json.loads(marker.read_text())
        if done.get("reports") == reports:
            progress(f"{connection.vendor}: {reports:,} reports already routed ({marker})")
            return dict(done)
    progress(f"{connection.vendor}: importing the units…")
    call_command("import-units", with_demo=True, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM authorities_reportrouting")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous=OFF")
    started = time.perf_counter()
    batch: list[tuple[int, int, str, Any]] = []
    written = 0
    for row in _routing_rows():
        batch.append(row)
        if len(batch) == BATCH:
            _insert(batch)
            written += len(batch)
            batch = []
            if written % (BATCH * 10) == 0:
                progress(f"  {written:,} routing rows, up to report {row[0]:,}")
    _insert(batch)
    written += len(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE authorities_reportrouting")
    progress(f"{written:,} routing rows in {time.perf_counter() - started:.0f} s; finding the busiest units…")
    facts = {
        "reports": reports,
        "rows": written,
        "district": _busiest((UnitKind.DISTRICT,), "district-06."),
        "province": _busiest((UnitKind.PROVINCE, UnitKind.PREFECTURE)),
    }
    marker.write_text(json.dumps(facts) + "\n")
    return facts

"""`amane import-units`: authority units for the whole country, from the census geography."""

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from amane.authorities.demo_units import demo_plan
from amane.authorities.importer import SyncCounts, national_plan, units_sync
from amane.core.actors import Actor, Role
from amane.geo.models import Area, AreaKind

IMPORTER = Actor(role=Role.SYSTEM)
DEMO_IMPORTER = Actor(role=Role.SYSTEM, demo=True)


class Command(BaseCommand):
    help = (
        "Create or update a wilaya per region, a province or prefecture unit per province, and per commune "
        "its council and its police (urban) or gendarmerie (rural) unit. Safe to rerun: only differences are "
        "written. --with-demo adds the demo's pashalik of Taroudant and its annexes, Khouribga's cercles and "
        "caïdats, and Casablanca's districts."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--with-demo", action="store_true", help="add the demo's hand-entered units")

    def handle(self, *args: Any, **options: Any) -> None:
        if not Area.objects.filter(kind=AreaKind.COMMUNE).exists():
            raise CommandError("No geography yet: run `amane import-geography` first.")
        started = time.monotonic()
        quiet = options["verbosity"] == 0
        plan = national_plan()
        with tqdm(total=len(plan), desc="units", unit=" units", disable=quiet) as bar:
            counts = units_sync(actor=IMPORTER, plan=plan, progress=bar.update)
        self._summary("Country", counts)
        if options["with_demo"]:
            demo = demo_plan()
            self._summary("Demo", units_sync(actor=DEMO_IMPORTER, plan=demo))
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")

    def _summary(self, label: str, counts: SyncCounts) -> None:
        if counts.unknown_areas:
            self.stderr.write(f"{label}: areas not in the geography, skipped: {', '.join(counts.unknown_areas)}")
        if not counts.changed:
            self.stdout.write(f"{label}: nothing to change ({counts.unchanged} units already up to date).")
            return
        self.stdout.write(
            f"{label}: {counts.created} units created, {counts.updated} updated, {counts.unchanged} unchanged; "
            f"coverage {counts.coverage_added} added, {counts.coverage_removed} removed."
        )

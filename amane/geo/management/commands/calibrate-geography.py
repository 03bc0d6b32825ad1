"""`amane calibrate-geography`: print how well the boundary shift puts GeoNames places in their communes."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from amane.geo.calibration.report import add_arguments, format_run, run_calibration


class Command(BaseCommand):
    help = (
        "Measure the calibration of the commune boundaries against GeoNames: for no shift, a uniform "
        "shift and the latitude-dependent shift, the share of name-matched places inside their commune "
        "and the share of all places inside some commune. --refit fits the shifts again."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(
            format_run(run_calibration(refit=options["refit"], ceiling=options["ceiling"]), misses=options["misses"])
        )

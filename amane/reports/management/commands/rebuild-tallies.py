"""`amane rebuild-tallies`: count the map's per-cell tallies again from the reports."""

from typing import Any

from django.core.management.base import BaseCommand

from amane.reports import tallies


class Command(BaseCommand):
    help = (
        "Compute the per-cell counts of public reports again from the reports themselves, in one "
        "transaction. The services keep them on every write; this repairs them after a bulk load "
        "or a restore that went around the services."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = tallies.rebuild()
        self.stdout.write(f"Tallies rebuilt: {rows} rows of counts per cell, category and status.")

"""`amane demo`: a year of synthetic reports in nine cities, marked as demo everywhere."""

import importlib
from argparse import ArgumentParser
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from amane.demo.services import demo_admin_create, demo_create, demo_exists, demo_officers_create
from amane.geo.models import BoundarySet

# The apps whose demo data follows the reports', in this order: associations first, as the
# black spots, meetings and corroborations are theirs.
DEMO_SEEDS = (
    "amane.associations.demo",
    "amane.directory.demo",
    "amane.announcements.demo",
    "amane.blackspots.demo",
    "amane.meetings.demo",
    "amane.flags.demo",
)


class Command(BaseCommand):
    help = "Create a year of synthetic, clustered demo reports and a demo administrator."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--reports", type=int, default=3000, help="about how many reports (default 3000)")
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--if-empty", action="store_true", help="do nothing if reports exist already")

    def handle(self, *args: Any, **options: Any) -> None:
        if not BoundarySet.objects.filter(active=True).exists():
            raise CommandError("No geography yet: run `amane import-geography` first.")
        logins = settings.VAR_DIR / "demo-logins.txt"
        if options["if_empty"] and demo_exists():
            self.stdout.write("Reports exist already: no demo reports added.")
            # Each app's demo adds only what is missing (a newer version's black spots, say).
            self._write_logins(logins, self._seed_apps(options["seed"]))
            return
        with tqdm(
            total=options["reports"], desc="demo reports", unit=" reports", disable=options["verbosity"] == 0
        ) as bar:
            summary = demo_create(total=options["reports"], seed=options["seed"], progress=bar.update)
        self._write_logins(logins, self._seed_apps(options["seed"]))
        # Printed once and kept nowhere, like any receipt code.
        self.stdout.write("Receipt codes of three demo reports, to try on the tracking page (/track/):")
        for code in summary.sample_codes:
            self.stdout.write(f"  {code}")
        self.stdout.write(
            f"Demo: {summary.filed} reports filed, {summary.events} status changes, "
            f"{summary.outside} points skipped outside the covered area."
        )

    def _seed_apps(self, seed: int) -> list[tuple[str, str, str]]:
        """Each app's demo data, in DEMO_SEEDS order; returns the logins they made."""
        logins: list[tuple[str, str, str]] = []
        for name in DEMO_SEEDS:
            if not apps.is_installed(name.rsplit(".", 1)[0]):
                continue
            result = importlib.import_module(name).seed_demo(seed=seed)
            summary, made = result if isinstance(result, tuple) else (result, [])
            logins.extend(made)
            self.stdout.write(f"Demo: {summary}.")
        return logins

    def _write_logins(self, path: Any, others: list[tuple[str, str, str]]) -> None:
        password = demo_admin_create()
        lines = [
            "Demo logins (development only):",
            f"  administrator (/admin/): user admin, password {password}",
        ]
        for username, officer_password, unit in demo_officers_create():
            lines.append(f"  officer of {unit} (/inbox/): user {username}, password {officer_password}")
        for username, other_password, what in others:
            lines.append(f"  {what}: user {username}, password {other_password}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        path.chmod(0o600)

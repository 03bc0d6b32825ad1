import datetime as dt
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from amane.core import clock
from amane.service_levels.services import escalate_overdue


class Command(BaseCommand):
    help = (
        "Escalate every open report whose deadline passed to its responsible unit's parent, once per "
        "deadline. --now sweeps in this process; without it the sweep is queued for the task consumer, "
        "which also runs it every 15 minutes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="sweep here and now, with progress")
        parser.add_argument(
            "--as-of", help="sweep as if it were this moment (ISO 8601 with offset), e.g. to show a demo"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        moment = clock.now()
        if options["as_of"]:
            try:
                moment = dt.datetime.fromisoformat(options["as_of"])
            except ValueError as error:
                raise CommandError(f"--as-of: not an ISO 8601 moment: {options['as_of']!r}") from error
            if timezone.is_naive(moment):
                raise CommandError("--as-of needs an offset, e.g. 2026-03-01T09:00+01:00")
        if not options["now"]:
            from amane.service_levels.tasks import escalation_sweep

            escalation_sweep()
            self.stdout.write("The escalation sweep is queued; the task consumer (make run) runs it.")
            return

        def progress(message: str) -> None:
            print(f"  {message}", file=sys.stderr, flush=True)

        with clock.pinned_at(moment):
            result = escalate_overdue(now=moment, progress=progress)
        self.stdout.write(
            f"Escalated {result.total_escalated:,} reports "
            f"({result.escalated['acknowledge']:,} not acknowledged, {result.escalated['resolve']:,} not resolved; "
            f"{result.without_parent:,} without a higher unit, left where they were); "
            f"{result.met:,} deadlines found met; deadlines set for {result.deadlines_set:,} reports."
        )

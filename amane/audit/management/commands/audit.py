"""`amane audit verify`: walk the audit trail's hash chain and say where it breaks, if it does."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amane.audit.models import AuditEntry
from amane.audit.selectors import trail_first_break


class Command(BaseCommand):
    help = "Check the audit trail: every entry must follow from the ones before it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        total = AuditEntry.objects.count()

        def progress(n: int) -> None:
            print(f"  {n:,} of {total:,} entries checked", file=sys.stderr, flush=True)

        broken = trail_first_break(progress=progress)
        if broken is not None:
            raise CommandError(
                f"The audit trail is broken at entry {broken}: it, or an entry just before it, "
                "was altered, removed or inserted outside Amane."
            )
        self.stdout.write(f"The audit trail holds: {total:,} entries, each following from the one before.")

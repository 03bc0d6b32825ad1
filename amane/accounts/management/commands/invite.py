"""`amane invite --email … --unit … [--role head]`: the platform team invites a unit's first people."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amane.accounts.services import invitation_send
from amane.authorities.models import MembershipRole
from amane.core.actors import Actor, Role
from amane.core.errors import AmaneError
from amane.core.viewer import Viewer, ViewerRole


class Command(BaseCommand):
    help = "Invite someone to act for an authority unit; the link goes to their e-mail address."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--unit", required=True, help="the unit's code, e.g. pashalik-taroudant")
        parser.add_argument("--role", choices=MembershipRole.values, default=MembershipRole.OFFICER)
        parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="where Amane answers, for the link")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            invitation_send(
                viewer=Viewer(role=ViewerRole.STAFF),
                actor=Actor(role=Role.SYSTEM),
                email=options["email"],
                unit_code=options["unit"],
                role=options["role"],
                base_url=options["base_url"],
            )
        except AmaneError as error:
            details = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.field_messages().items())
            raise CommandError(details or str(error.detail)) from error
        self.stdout.write(f"Invitation sent to {options['email']} for {options['unit']} ({options['role']}).")

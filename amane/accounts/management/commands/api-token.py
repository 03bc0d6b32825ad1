"""`amane api-token --user NAME [--name LABEL]`: make an inbox API token and print it once."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from amane.accounts.tokens import token_issue
from amane.core.actors import Actor, Role


class Command(BaseCommand):
    help = "Make a token for the inbox API; it is printed once and kept only as a hash."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True)
        parser.add_argument("--name", default="api")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user named {options['user']}.")
        self.stdout.write(token_issue(actor=Actor(role=Role.SYSTEM), user=user, name=options["name"]))

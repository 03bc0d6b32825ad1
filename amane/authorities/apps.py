from django.apps import AppConfig


class AuthoritiesConfig(AppConfig):
    name = "amane.authorities"
    label = "authorities"
    verbose_name = "Authorities"

    def ready(self) -> None:
        # Connects the routing index's invalidation to saves of units, coverage and rules.
        from amane.authorities import signals  # noqa: F401

from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "amane.analytics"
    label = "analytics"
    verbose_name = "Observatory"

    def ready(self) -> None:
        # The background figures register themselves by name, for the task that computes them.
        from amane.analytics import emerging, layers, sections  # noqa: F401

from django.apps import AppConfig


class ServiceLevelsConfig(AppConfig):
    name = "amane.service_levels"
    label = "service_levels"
    verbose_name = "Service levels"

    def ready(self) -> None:
        # Sets a report's deadlines with the report, and stops watching the ones its status meets.
        from amane.service_levels import handlers  # noqa: F401

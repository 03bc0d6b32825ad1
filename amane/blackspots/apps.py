from django.apps import AppConfig


class BlackSpotsConfig(AppConfig):
    name = "amane.blackspots"
    label = "blackspots"
    verbose_name = "Black spots"

    def ready(self) -> None:
        # The commune page lists the commune's black spots.
        from amane.blackspots import integrations, sections

        sections.register()
        integrations.register()

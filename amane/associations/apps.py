from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "amane.associations"
    label = "associations"
    verbose_name = "Associations"

    def ready(self) -> None:
        from amane.associations import flaggable, sections

        sections.register()
        flaggable.register()

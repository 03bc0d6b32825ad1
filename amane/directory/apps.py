from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "amane.directory"
    label = "directory"
    verbose_name = "Directory of numbers"

    def ready(self) -> None:
        from amane.directory.sections import NUMBERS_SECTION
        from amane.web.sections import register_commune_section

        register_commune_section(NUMBERS_SECTION)

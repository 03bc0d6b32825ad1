from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "amane.directory"
    label = "directory"
    verbose_name = "Directory of numbers"

    def ready(self) -> None:
        # Connects the dropping of the directory this process holds to saves of entries.
        from amane.directory import signals  # noqa: F401
        from amane.directory.sections import NUMBERS_SECTION
        from amane.web.sections import register_commune_section

        register_commune_section(NUMBERS_SECTION)

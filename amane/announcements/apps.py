from django.apps import AppConfig


class AnnouncementsConfig(AppConfig):
    name = "amane.announcements"
    label = "announcements"
    verbose_name = "Announcements"

    def ready(self) -> None:
        # The commune page's section and the feeds' two own sources.
        from amane.announcements import feed_sources, flaggable, sections

        sections.register()
        feed_sources.register_builtin_sources()
        flaggable.register()

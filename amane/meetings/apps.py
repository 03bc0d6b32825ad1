from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "amane.meetings"
    label = "meetings"
    verbose_name = "Meetings and recommendations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from amane.meetings.sections import commune_accountability_section
        from amane.web.sections import CommuneSection, register_commune_section

        register_commune_section(
            CommuneSection(
                name="accountability",
                template="meetings/_commune_section.html",
                context=commune_accountability_section,
                order=70,
            )
        )

from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "amane.inbox"
    default_auto_field = "django.db.models.BigAutoField"

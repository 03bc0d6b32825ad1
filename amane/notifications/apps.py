from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "amane.notifications"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "amane.core"
    label = "core"
    verbose_name = "Amane core"

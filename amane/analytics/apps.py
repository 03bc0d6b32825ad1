from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "amane.analytics"
    label = "analytics"
    verbose_name = "Observatory"

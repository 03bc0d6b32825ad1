from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "amane.reports"
    label = "reports"
    verbose_name = "Reports"

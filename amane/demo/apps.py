from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "amane.demo"
    label = "demo"

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "amane.web"
    label = "web"

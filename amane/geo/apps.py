from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "amane.geo"
    label = "geo"
    verbose_name = "Geography"

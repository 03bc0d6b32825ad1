from django.apps import AppConfig


class TilesConfig(AppConfig):
    name = "amane.tiles"
    verbose_name = "Base map tiles"

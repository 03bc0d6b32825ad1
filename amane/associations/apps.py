from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "amane.associations"
    label = "associations"
    verbose_name = "Associations"

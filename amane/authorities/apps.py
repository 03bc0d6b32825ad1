from django.apps import AppConfig


class AuthoritiesConfig(AppConfig):
    name = "amane.authorities"
    label = "authorities"
    verbose_name = "Authorities"

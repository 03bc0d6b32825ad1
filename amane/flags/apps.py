from django.apps import AppConfig


class FlagsConfig(AppConfig):
    name = "amane.flags"
    label = "flags"

    def ready(self) -> None:
        from amane.flags import conf, kinds

        # Read once at start-up so that a malformed AMANE_FLAG_THRESHOLDS stops the server.
        conf.thresholds()
        kinds.register_reports_and_photos()

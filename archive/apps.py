from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "劳模档案"

    def ready(self):
        # Receivers connect once every app's models are loaded (Django's documented place: AppConfig.ready).
        from . import signals

        signals.connect()

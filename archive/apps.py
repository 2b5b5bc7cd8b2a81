from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "劳模档案"

    def ready(self):
        from . import signals

        signals.connect()

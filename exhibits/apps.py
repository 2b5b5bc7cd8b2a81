from django.apps import AppConfig


class ExhibitsConfig(AppConfig):
    name = "exhibits"
    verbose_name = "展厅与故事"

    def ready(self):
        from . import signals
        from .walls import signals as wall_signals

        signals.connect()
        wall_signals.connect()

from django.apps import AppConfig


class ExhibitsConfig(AppConfig):
    name = "exhibits"
    verbose_name = "展厅与故事"

    def ready(self):
        # Here, not at the top: the receivers import the models, which Django loads only after this module.
        from . import signals

        # Receivers connect once every app's models are loaded (Django's documented place: AppConfig.ready).
        from .walls import signals as wall_signals

        signals.connect()
        wall_signals.connect()

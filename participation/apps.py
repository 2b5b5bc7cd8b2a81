from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "participation"
    label = "participation"
    verbose_name = "勘误与补充、长辈模式与分享"

    def ready(self):
        # Here, not at the top: the receivers import the models, which Django loads only after this module.
        from . import signals  # noqa: F401  (connects the receivers)

import mimetypes

from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "media"
    label = "media"
    verbose_name = "影像与媒体"

    def ready(self):
        # Here, not at the top: the receivers import the models, which Django loads only after this module.
        from . import signals

        # Captions must be served as text/vtt (some Python versions do not know the extension).
        mimetypes.add_type("text/vtt", ".vtt")
        signals.connect()

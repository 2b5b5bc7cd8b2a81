from django.apps import AppConfig


class LaomoConfig(AppConfig):
    name = "laomo"
    verbose_name = "网站"

    def ready(self):
        from . import pagecache, signals

        signals.connect()
        pagecache.connect()

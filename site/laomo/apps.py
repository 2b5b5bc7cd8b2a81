from django.apps import AppConfig


class LaomoConfig(AppConfig):
    name = "laomo"
    verbose_name = "网站"

    def ready(self):
        from . import fallback, pagecache, versions

        versions.connect()
        pagecache.connect()
        fallback.connect()

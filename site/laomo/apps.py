from django.apps import AppConfig


class LaomoConfig(AppConfig):
    name = "laomo"
    verbose_name = "网站"

    def ready(self):
        from . import api, fallback, pagecache, versions

        versions.connect()
        pagecache.connect()
        pagecache.declare_query_parameters(api.declared_query_parameters)
        fallback.connect()

from django.apps import AppConfig


class LaomoConfig(AppConfig):
    name = "laomo"
    verbose_name = "网站"

    def ready(self):
        # Receivers connect once every app's models are loaded (Django's documented place: AppConfig.ready).
        from core import pagecache

        from . import api  # assembles the apps' routers: only once they are all loaded

        pagecache.declare_query_parameters(api.declared_query_parameters)

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = "站内搜索"

    def ready(self):
        # Receivers connect once every app's models are loaded (Django's documented place: AppConfig.ready).
        from . import indexing, wagtail_index

        indexing.connect()
        wagtail_index.connect()

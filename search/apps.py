from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = "站内搜索"

    def ready(self):
        from . import indexing, wagtail_index

        indexing.connect()
        wagtail_index.connect()

"""Keep cached site chrome right when pages change."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from .context_processors import navigation_cache_keys


def clear_navigation(**kwargs):
    cache.delete_many(navigation_cache_keys())


def connect():
    from wagtail.models import Page

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(clear_navigation, dispatch_uid=f"laomo-nav-{signal}")
    post_delete.connect(clear_navigation, sender=Page, dispatch_uid="laomo-nav-delete")

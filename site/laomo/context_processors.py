"""Site chrome every template needs: the main navigation, in the visitor's language."""

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext

from wagtail.models import Site

from core.fallback import language_of, localized_pages, localized_url
from core.i18n import bcp47, current_language, is_default_language
from core.pagecache import pages_version

NAVIGATION_CACHE_KEY = "laomo:navigation"


def main_navigation() -> list[dict]:
    language = current_language()
    # Keyed by the pages' version: a page published or unpublished in any process changes it everywhere.
    key = f"{NAVIGATION_CACHE_KEY}:{pages_version()}:{language}"
    items = cache.get(key)
    if items is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        items = []
        if site:
            pages = list(site.root_page.get_children().live().public().in_menu().specific())
            for shown in localized_pages(pages):
                # An untranslated page keeps its Chinese title on the English site, marked as Chinese.
                lang = "" if is_default_language() else bcp47(language_of(shown))
                items.append({"title": shown.title, "url": localized_url(shown), "lang": lang})
        items.insert(1 if items else 0, {"title": gettext("劳模辞典"), "url": reverse("archive:home"), "lang": ""})
        cache.set(key, items, 60 * 10)
    return items


def site_chrome(request):
    return {"main_navigation": main_navigation}

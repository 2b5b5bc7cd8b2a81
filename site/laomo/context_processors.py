"""Site chrome every template needs: the main navigation."""

from django.core.cache import cache
from django.urls import reverse

NAVIGATION_CACHE_KEY = "laomo:navigation"


def main_navigation() -> list[dict]:
    items = cache.get(NAVIGATION_CACHE_KEY)
    if items is None:
        from wagtail.models import Site

        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        items = []
        if site:
            for page in site.root_page.get_children().live().public().in_menu().specific():
                items.append({"title": page.title, "url": page.url})
        items.insert(1 if items else 0, {"title": "劳模辞典", "url": reverse("archive:home")})
        cache.set(NAVIGATION_CACHE_KEY, items, 60 * 10)
    return items


def site_chrome(request):
    return {"main_navigation": main_navigation}

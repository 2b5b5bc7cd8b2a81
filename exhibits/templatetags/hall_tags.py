"""Template helpers of the hall: Open Graph data for pages that can be shared, artwork categories' names."""

from django import template

from archive.cache import data_version
from core.fallback import localized_url
from core.origin import absolute_url
from core.share_image import best_share_image
from core.templatetags.laomo_i18n import og_locale

from ..blocks import MEDIUM_CHOICES

register = template.Library()


@register.inclusion_tag("exhibits/includes/open_graph.html", takes_context=True)
def open_graph(context, page):
    """og:* tags (type article) with absolute URLs, for exhibitions, sections, stories and lessons.

    The image is the page's own picture when it is at least 300×300 (WeChat ignores smaller ones), otherwise
    the site's share image: the same choice as the picture WeChat's browser takes from the page body.
    """
    request = context["request"]
    image = best_share_image(context)
    return {
        "title": page.seo_title or page.title,
        "description": getattr(page, "share_description", "") or page.search_description,
        "url": absolute_url(localized_url(page, request)),  # the public origin, as every share link
        "locale": og_locale(),
        "image": image,
        "published": page.first_published_at,
        "modified": page.last_published_at,
    }


@register.simple_tag
def archive_version() -> int:
    """Part of the cache key of rendered streams: it changes whenever a dictionary record changes."""
    return data_version()


@register.filter
def medium_label(value: str) -> str:
    """An artwork's category (stored as its Chinese word) in the interface language: 油画 → Oil painting."""
    return str(dict(MEDIUM_CHOICES).get(value, value))

"""Template helpers of the hall: Open Graph data for pages that can be shared."""

from django import template
from wagtail.images.models import SourceImageIOError

from archive.cache import data_version

register = template.Library()

SHARE_FILTER = "fill-1200x630"  # the size social networks show; well above the 300×300 minimum


@register.inclusion_tag("exhibits/includes/open_graph.html", takes_context=True)
def open_graph(context, page):
    """og:* tags (type article) with absolute URLs, for exhibitions, sections, stories and lessons."""
    request = context["request"]
    image = getattr(page, "share_image", None)
    rendition = None
    if image is not None:
        try:
            rendition = image.get_rendition(SHARE_FILTER)
        except SourceImageIOError:
            rendition = None
    return {
        "title": page.seo_title or page.title,
        "description": getattr(page, "share_description", "") or page.search_description,
        "url": request.build_absolute_uri(page.get_url(request)),
        "image": rendition,
        "image_url": request.build_absolute_uri(rendition.url) if rendition else "",
        "image_alt": image.alt if image is not None else "",
        "published": page.first_published_at,
        "modified": page.last_published_at,
    }


@register.simple_tag
def archive_version() -> int:
    """Part of the cache key of rendered streams: it changes whenever a dictionary record changes."""
    return data_version()

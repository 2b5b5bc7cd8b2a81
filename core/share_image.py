"""The picture a shared page shows: WeChat and most Chinese apps ignore a page's image unless it is at least
300×300 px (WeChat's in-app browser takes the first such picture on the page; Open Graph readers take og:image).
Every page therefore has one: the page's own picture when it is big enough, otherwise the site's default share
image — a self-hosted PNG drawn once with Pillow (``python manage.py make_share_image``)."""

import logging
from dataclasses import dataclass

from django.templatetags.static import static
from django.utils.translation import gettext_lazy

from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

logger = logging.getLogger(__name__)

MIN_SHARE_SIZE = 300
DEFAULT_IMAGE = "laomo/img/share-default.png"
DEFAULT_IMAGE_SIZE = (600, 600)
DEFAULT_IMAGE_ALT = gettext_lazy("劳模数字展馆")
PAGE_RENDITION = "fill-1200x630-c50"  # Open Graph's preferred shape; far above WeChat's 300 px minimum
MAX_QR_URL_LENGTH = 500


@dataclass
class ShareImage:
    url: str
    width: int
    height: int
    alt: str

    @property
    def big_enough(self) -> bool:
        return self.width >= MIN_SHARE_SIZE and self.height >= MIN_SHARE_SIZE


def default_share_image(request) -> ShareImage:
    url = static(DEFAULT_IMAGE)
    if request is not None:
        url = request.build_absolute_uri(url)
    return ShareImage(url, *DEFAULT_IMAGE_SIZE, DEFAULT_IMAGE_ALT)


def page_share_image(request, page) -> ShareImage | None:
    """A page's own picture — its ``share_image`` (the hall's pages have one), else its ``cover`` — if ≥ 300×300."""
    specific = page.specific if isinstance(page, Page) else page
    image = getattr(specific, "share_image", None) or getattr(specific, "cover", None)
    if image is None or not hasattr(image, "get_rendition"):
        return None
    try:
        rendition = image.get_rendition(PAGE_RENDITION)
    except SourceImageIOError:
        logger.warning("Share image file missing for page %s", page.pk)
        return None
    alt = getattr(image, "alt", "") or getattr(image, "title", "") or specific.title
    found = ShareImage(request.build_absolute_uri(rendition.url), rendition.width, rendition.height, alt)
    return found if found.big_enough else None


def context_share_image(context) -> ShareImage | None:
    """The picture a view already chose for og:image (``og_image`` rendition and ``og_image_url``), if big enough."""
    url, rendition = context.get("og_image_url"), context.get("og_image")
    if url and rendition is not None:
        image = ShareImage(url, rendition.width, rendition.height, DEFAULT_IMAGE_ALT)
        return image if image.big_enough else None
    return None


def best_share_image(context) -> ShareImage:
    """The view's own picture, else the page's, else the site's; worked out once per request (meta and body)."""
    request = context.get("request")
    page = context.get("page")
    key = (context.get("og_image_url"), page.pk if isinstance(page, Page) else None)
    chosen = getattr(request, "_laomo_share_images", {}) if request is not None else {}
    if key in chosen:
        return chosen[key]
    image = context_share_image(context)
    if image is None and isinstance(page, Page) and request is not None:
        image = page_share_image(request, page)
    image = image or default_share_image(request)
    if request is not None:
        request._laomo_share_images = {**chosen, key: image}
    return image

"""Sharing: the image WeChat and Open Graph readers show, short entry URLs, and which URLs we draw QR codes for.

WeChat and most Chinese apps ignore a shared page's image unless it is at least 300×300 px (WeChat's in-app
browser takes the first such picture on the page; Open Graph readers take og:image). Every page therefore has
one: the page's own picture when it is big enough, otherwise the site's default share image — a self-hosted
PNG drawn once with Pillow (``python manage.py make_share_image``).
"""

import logging
from urllib.parse import urlsplit

from wagtail.models import Site

from core.origin import absolute_url, origin_host

# Which picture a shared page shows lives in the core (every page's frame needs it); re-exported for our tags.
from core.share_image import (  # noqa: E402,F401
    DEFAULT_IMAGE,
    ShareImage,
    best_share_image,
    default_share_image,
    page_share_image,
)

from .urlnames import public_url

logger = logging.getLogger(__name__)

MAX_QR_URL_LENGTH = 500


def short_path(external_id: str) -> str:
    """/m/<编号>: never changes (the 编号 is stable), short enough for a card or a stone plaque."""
    return public_url("short", external_id)


def site_hosts(request) -> set[str]:
    hosts = {request.get_host().lower(), origin_host()}
    for hostname, port in Site.objects.values_list("hostname", "port"):
        hosts.update({hostname.lower(), f"{hostname.lower()}:{port}"})
    return hosts


def own_absolute_url(request, url: str) -> str | None:
    """``url`` as an absolute URL when it is one of this site's pages (a path, or http(s) on our own host).

    The QR code endpoint draws only these, so it cannot be used as a QR generator for other sites.
    """
    if not url or len(url) > MAX_QR_URL_LENGTH or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return absolute_url(url) if url.startswith("/") and not url.startswith("//") else None
    if parts.scheme not in ("http", "https") or parts.username or parts.password:
        return None
    return url if parts.netloc.lower() in site_hosts(request) else None

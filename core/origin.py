"""The site's public origin (scheme://host[:port]): the one address every absolute URL we hand out is built on.

Sitemaps, feeds, printed worksheets (their QR code and 在线阅读 link), share links and e-mails leave the site:
they must carry the address visitors use, not whatever Host header reached this process (behind a reverse proxy
that is often `localhost`). Set LAOMO_SITE_URL (e.g. https://laomo.example.cn); without it, the default Wagtail
Site record's hostname and port (Settings → Sites in the admin) are used, as Wagtail's own `full_url` does.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Site

SITE_ORIGIN_KEY = "laomo:site-origin"
SITE_ORIGIN_SECONDS = 60  # a process whose cache missed the change below still follows within a minute


def public_origin() -> str:
    """The origin, e.g. https://laomo.example.cn, without a trailing slash; empty only when nothing is configured."""
    configured = getattr(settings, "LAOMO_SITE_URL", "").strip().rstrip("/")
    if configured:
        return configured
    origin = cache.get(SITE_ORIGIN_KEY)
    if origin is None:  # every entry page asks (its share panel, canonical URL and citation): keep it off the database
        site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
        origin = site.root_url if site is not None else ""
        cache.set(SITE_ORIGIN_KEY, origin, SITE_ORIGIN_SECONDS)
    return origin


@receiver(post_save, sender=Site, dispatch_uid="laomo-origin-site-saved")
@receiver(post_delete, sender=Site, dispatch_uid="laomo-origin-site-deleted")
def forget_site_origin(**kwargs) -> None:
    cache.delete(SITE_ORIGIN_KEY)


def absolute_url(path: str, origin: str | None = None) -> str:
    """A site path ("/dictionary/SRC-0001/") on the public origin; an already absolute URL is returned as it is."""
    if urlsplit(path).scheme:
        return path
    return f"{public_origin() if origin is None else origin}{path}"


def origin_host(origin: str | None = None) -> str:
    """The origin's host[:port], lower-case: what a URL must name to be one of ours."""
    return urlsplit(public_origin() if origin is None else origin).netloc.lower()


def page_absolute_url(page) -> str:
    """A Wagtail page's address on the public origin (Wagtail's own full_url uses the Site record's host)."""
    parts = page.get_url_parts()
    return absolute_url(parts[2]) if parts else ""

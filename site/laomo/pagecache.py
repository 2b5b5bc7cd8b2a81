"""A whole-response cache for anonymous visitors, with ETags, and invalidation by content version.

Every public page and API answer is cached for anonymous GET/HEAD requests under a key that includes
two version numbers: the pages' (bumped whenever a page is published, unpublished, moved or deleted) and
the archive's (bumped on any record change). A change therefore retires every cached page at once —
no page can show a withdrawn record or an unpublished story from the cache. Logged-in users (anyone
with a session cookie) are never served from or stored in the cache, and get `Cache-Control: private`.
The language is part of the path (/en/… for English, laomo/urls.py), so each language has its own entries;
unprefixed paths are always Chinese, whatever Accept-Language says, so that header need not be in the key.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, quote_etag
from wagtail.signals import page_published, page_unpublished, post_page_move

from archive.cache import data_version

from .versions import VersionCounter

PAGES_VERSION_KEY = "laomo:pages-version"
CACHEABLE_TYPES = ("text/html", "application/json", "application/xml", "application/rss+xml", "application/atom+xml")
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/corrections/", "/preferences/")


_pages_counter = VersionCounter(PAGES_VERSION_KEY)


def pages_version() -> int:
    return _pages_counter.current()


def bump_pages_version(**kwargs) -> None:
    _pages_counter.bump()


def connect() -> None:
    from wagtail.models import Page

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_pages_version, dispatch_uid=f"laomo-pagecache-{signal}")
    post_delete.connect(bump_pages_version, sender=Page, dispatch_uid="laomo-pagecache-delete")


def _is_anonymous(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _key(request) -> str:
    # Cookies that change what is rendered (e.g. elder mode) are part of the key; no others are.
    variant = "|".join(request.COOKIES.get(name, "") for name in settings.LAOMO_PAGE_CACHE_COOKIES)
    raw = f"{request.method == 'HEAD'}|{request.get_host()}|{request.get_full_path()}|{variant}"
    digest = hashlib.sha1(raw.encode()).hexdigest()
    return f"laomo:page:{pages_version()}:{data_version()}:{digest}"


class AnonymousPageCacheMiddleware:
    """Place near the top of MIDDLEWARE: a hit skips sessions, auth, CSRF and the view entirely."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.LAOMO_PAGE_CACHE_SECONDS
        cacheable = (
            seconds > 0
            and request.method in ("GET", "HEAD")
            and _is_anonymous(request)
            and not request.path.startswith(EXCLUDED_PREFIXES)
            and not request.path.startswith(settings.STATIC_URL)
        )
        if not cacheable:
            response = self.get_response(request)
            if not _is_anonymous(request):
                patch_cache_control(response, private=True)
            return response
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            return self._answer(request, cached, hit=True)
        response = self.get_response(request)
        if self._storable(request, response):
            response["ETag"] = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
            response["Last-Modified"] = http_date()
            patch_cache_control(response, public=True, max_age=seconds)
            cache.set(key, response, seconds * 10)
        return self._answer(request, response, hit=False)

    @staticmethod
    def _storable(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_USED")  # a page with a form token is per visitor
            and response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _answer(request, response, hit: bool):
        etag = response.get("ETag")
        if hit and etag and etag in request.headers.get("If-None-Match", ""):
            from django.http import HttpResponseNotModified

            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            return not_modified
        if "X-Cache" in response:
            del response["X-Cache"]
        response["X-Cache"] = "hit" if hit else "miss"
        return response

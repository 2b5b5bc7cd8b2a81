"""A whole-response cache for anonymous visitors, with ETags, and invalidation by content version.

Every public page and API answer is cached for anonymous GET/HEAD requests under a key that includes
two version numbers: the pages' (bumped whenever a page is published, unpublished, moved or deleted) and
the archive's (bumped on any record change). Both live in the database (core/versions.py), so a change made
in any process retires every cached page in every process at once — no page can show a withdrawn record or an
unpublished story from the cache. Logged-in users (anyone whose session cookie names a session that exists) are
never served from or stored in the cache, and get `Cache-Control: private`; a made-up session cookie is ignored.
The language is part of the path (/en/… for English, laomo/urls.py), so each language has its own entries;
unprefixed paths are always Chinese, whatever Accept-Language says, so that header need not be in the key.

The key holds only the query parameters the page reads. The first time a path is rendered (per version) the
view's reads of request.GET are recorded; later requests keep just those parameters and drop the rest before the
view sees them, so `?utm_source=…` or `?x=<random>` neither makes a new entry nor misses the cache. A page that
reads the whole query (iterates request.GET, as django-ninja's parsing does) keys on all of it, unless a
declaration says which parameters it reads (declare_query_parameters: the API's OpenAPI schema, laomo/api.py).
"""

import hashlib
import threading
import time
from collections.abc import Callable
from importlib import import_module

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete
from django.http import HttpResponseNotModified, QueryDict
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, quote_etag, urlencode

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .versions import VersionCounter, snapshot

PAGES_VERSION_KEY = "laomo:pages-version"
CACHEABLE_TYPES = ("text/html", "application/json", "application/xml", "application/rss+xml", "application/atom+xml")
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/corrections/", "/preferences/")
EVERYTHING = "*"  # the page reads the whole query string


_pages_counter = VersionCounter(PAGES_VERSION_KEY)


def pages_version() -> int:
    return _pages_counter.current()


def bump_pages_version(**kwargs) -> None:
    _pages_counter.bump()


def connect() -> None:

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_pages_version, dispatch_uid=f"laomo-pagecache-{signal}")
    post_delete.connect(bump_pages_version, sender=Page, dispatch_uid="laomo-pagecache-delete")


# --- Who is anonymous ------------------------------------------------------------------------------------------

SESSION_MEMO_SECONDS = 60
SESSION_MEMO_SIZE = 10_000
_sessions: dict[str, tuple[bool, float]] = {}
_sessions_lock = threading.Lock()


def _session_exists(session_key: str) -> bool:
    """Whether the session store holds this session; remembered for a minute, so a client repeating a made-up
    cookie costs one lookup a minute (a real session may end meanwhile: it is then still treated as signed in)."""
    if not (8 <= len(session_key) <= 64 and session_key.isascii() and session_key.isalnum()):
        return False  # no session store ever issues such a key
    now = time.monotonic()
    remembered = _sessions.get(session_key)
    if remembered is not None and now - remembered[1] < SESSION_MEMO_SECONDS:
        return remembered[0]
    exists = import_module(settings.SESSION_ENGINE).SessionStore().exists(session_key)
    with _sessions_lock:
        if len(_sessions) >= SESSION_MEMO_SIZE:
            _sessions.clear()
        _sessions[session_key] = (exists, now)
    return exists


def _is_anonymous(request) -> bool:
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    return not session_key or not _session_exists(session_key)


# --- Which parameters a page reads ------------------------------------------------------------------------------

# Functions path -> the query parameters that path reads (None: not theirs to say), for views that read the whole
# query string whatever it holds, which watching cannot narrow down.
_declarations: list[Callable[[str], frozenset[str] | None]] = []


def declare_query_parameters(declaration: Callable[[str], frozenset[str] | None]) -> None:
    if declaration not in _declarations:
        _declarations.append(declaration)


def _declared(path: str) -> frozenset[str] | None:
    for declaration in _declarations:
        names = declaration(path)
        if names is not None:
            return names
    return None


class ReadTrackingQueryDict(QueryDict):
    """request.GET that notes which parameters the view asks for (present or not), or that it read them all."""

    def __init__(self, *args, **kwargs):
        self.names_read: set[str] = set()
        self.read_everything = False
        super().__init__(*args, **kwargs)
        self.names_read.clear()  # building the dict asked `key in self` for every parameter: no view did

    def _note(self, key):
        self.names_read.add(key)

    def _note_everything(self):
        self.read_everything = True

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)

    def __iter__(self):
        self._note_everything()
        return super().__iter__()

    def __len__(self):
        self._note_everything()
        return super().__len__()

    def keys(self):
        self._note_everything()
        return super().keys()

    def values(self):
        self._note_everything()
        return super().values()

    def items(self):
        self._note_everything()
        return super().items()

    def lists(self):
        self._note_everything()
        return super().lists()

    def dict(self):
        self._note_everything()
        return super().dict()

    def urlencode(self, safe=None):
        self._note_everything()
        return super().urlencode(safe)

    def copy(self):
        self._note_everything()
        return super().copy()

    def read(self) -> frozenset[str] | str:
        return EVERYTHING if self.read_everything else frozenset(self.names_read)


def _canonical_query(query_string: str, names) -> str:
    """The query keeping only these parameters, sorted by name (each name's values in their order)."""
    if names == EVERYTHING:
        return query_string
    params = QueryDict(query_string)
    return urlencode([(name, params.getlist(name)) for name in sorted(set(params) & names)], doseq=True)


def _without_unknown(query_string: str, names: frozenset[str]) -> str:
    """The query with only these parameters, in the order given (links built from it keep the visitor's order)."""
    params = QueryDict(query_string)
    return urlencode([(name, params.getlist(name)) for name in dict.fromkeys(params) if name in names], doseq=True)


def _present(query_string: str) -> set[str]:
    return set(QueryDict(query_string))


def _track(request, query_string: str) -> ReadTrackingQueryDict:
    """Let the view see this query string (the request's own, or a canonical one) through a tracking QueryDict."""
    request.META["QUERY_STRING"] = query_string
    request.GET = ReadTrackingQueryDict(query_string, encoding=request.encoding)
    return request.GET


def _versions() -> str:
    return snapshot()


def _names_key(request, versions: str) -> str:
    digest = hashlib.sha1(f"{request.get_host()}|{request.path}".encode()).hexdigest()
    return f"laomo:page-params:{versions}:{digest}"


def _key(request, versions: str, query_string: str) -> str:
    # Cookies that change what is rendered (e.g. elder mode) are part of the key; no others are.
    variant = "|".join(request.COOKIES.get(name, "") for name in settings.LAOMO_PAGE_CACHE_COOKIES)
    raw = f"{request.method == 'HEAD'}|{request.get_host()}|{request.path}|{query_string}|{variant}"
    return f"laomo:page:{versions}:{hashlib.sha1(raw.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    """Place near the top of MIDDLEWARE: a hit skips sessions, auth, CSRF and the view entirely."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.LAOMO_PAGE_CACHE_SECONDS
        cacheable = (
            seconds > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(EXCLUDED_PREFIXES)
            and not request.path.startswith(settings.STATIC_URL)
            and _is_anonymous(request)
        )
        if not cacheable:
            response = self.get_response(request)
            if not _is_anonymous(request):
                patch_cache_control(response, private=True)
            return response

        versions = _versions()
        names_key = _names_key(request, versions)
        names = cache.get(names_key)
        original_query = request.META.get("QUERY_STRING", "")
        declared = _declared(request.path)
        if declared is not None:  # the view never sees a parameter it does not declare
            original_query = _without_unknown(original_query, declared)
            _track(request, original_query)
        if names is None:  # first sight of this page since the versions moved on: learn what it reads
            tracker = _track(request, original_query)
            response = self.get_response(request)
            read = tracker.read()
            # Stored only when nothing went unread: a link echoing the query must not carry a stranger's parameters.
            clean = read == EVERYTHING or _present(original_query) <= read
            if self._storable(request, response):
                cache.set(names_key, read, seconds * 10)
                if clean:
                    self._store(request, response, _key(request, versions, _canonical_query(original_query, read)))
            return self._answer(request, response, hit=False)

        query = _canonical_query(original_query, names)
        key = _key(request, versions, query)
        cached = cache.get(key)
        if cached is not None:
            return self._answer(request, cached, hit=True)
        tracker = _track(request, query)
        response = self.get_response(request)
        read = tracker.read()
        if names != EVERYTHING and (read == EVERYTHING or not read <= names):
            # The page read more than it did when it was learned (another branch of the view): learn the union,
            # and if a parameter that was dropped matters, answer this visitor from the full query after all.
            names = EVERYTHING if read == EVERYTHING else names | read
            cache.set(names_key, names, seconds * 10)
            if _canonical_query(original_query, names) != query:
                return self._answer(request, self._rerender(request, original_query), hit=False)
        if self._storable(request, response):
            self._store(request, response, key)
        return self._answer(request, response, hit=False)

    def _rerender(self, request, query_string: str):
        """The same request again from the top of the rest of the stack, with its full query (rare: see above)."""
        environ = {**request.environ, "QUERY_STRING": query_string}
        return self.get_response(type(request)(environ))

    def _store(self, request, response, key: str) -> None:
        seconds = settings.LAOMO_PAGE_CACHE_SECONDS
        response["ETag"] = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
        response["Last-Modified"] = http_date()
        patch_cache_control(response, public=True, max_age=seconds)
        cache.set(key, response, seconds * 10)

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
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            return not_modified
        if "X-Cache" in response:
            del response["X-Cache"]
        response["X-Cache"] = "hit" if hit else "miss"
        return response

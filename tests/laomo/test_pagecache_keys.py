"""Issue 14, finding 9: the page cache keys on the query parameters a page reads. Unknown parameters neither make
new entries nor miss the cache, and a session cookie that names no session is no reason to skip it."""

from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from core.pagecache import AnonymousPageCacheMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.LAOMO_PAGE_CACHE_SECONDS = 60


def entries() -> int:
    return len(cache._cache)  # the test settings' local-memory cache


def test_unknown_parameters_hit_the_entry_of_the_page_without_them(client):
    assert client.get("/dictionary/")["X-Cache"] == "miss"
    stored = entries()
    for junk in ("x=1", "x=2&utm_source=feed", "fbclid=abc", "%E4%B8%AD=%E6%96%87"):
        assert client.get(f"/dictionary/?{junk}")["X-Cache"] == "hit", junk
        assert client.get(f"/sitemap.xml?{junk}").status_code == 200
    client.get("/sitemap.xml")
    assert client.get("/sitemap.xml?x=3")["X-Cache"] == "hit"
    assert entries() <= stored + 3  # the sitemap's entry and what it learned, nothing per junk parameter


def test_parameters_the_page_reads_still_make_their_own_entries(client):
    first = client.get("/dictionary/")
    second = client.get("/dictionary/?page=2")
    assert second["X-Cache"] == "miss" and second.content != first.content
    assert client.get("/dictionary/?page=2&x=9")["X-Cache"] == "hit"
    assert client.get("/dictionary/?x=9&page=2").content == second.content
    assert client.get("/dictionary/?strokes=7")["X-Cache"] == "miss"


def test_a_first_visit_with_unknown_parameters_is_not_stored_and_never_echoed(client):
    assert client.get("/stories/?ref=planted-text")["X-Cache"] == "miss"
    clean = client.get("/stories/")
    assert clean["X-Cache"] == "miss"  # the visit above was not stored: its links carried the stranger's query
    later = client.get("/stories/?ref=other-text")
    assert later["X-Cache"] == "hit"
    assert b"planted-text" not in later.content and b"other-text" not in later.content


def test_a_made_up_session_cookie_is_served_from_the_cache(client):
    client.get("/dictionary/SRC-0002/")
    client.cookies["sessionid"] = "madeupsessionkey0123456789abcdef"
    response = client.get("/dictionary/SRC-0002/")
    assert response["X-Cache"] == "hit" and "public" in response["Cache-Control"]
    client.cookies["sessionid"] = "not a key at all; <script>"
    assert client.get("/dictionary/SRC-0002/")["X-Cache"] == "hit"


def test_a_real_session_still_skips_the_cache(client, make_user):
    client.get("/dictionary/SRC-0002/")
    client.force_login(make_user("reader"))
    response = client.get("/dictionary/SRC-0002/")
    assert "X-Cache" not in response and "private" in response["Cache-Control"]


def test_a_parameter_read_only_on_another_branch_is_learned_and_answered_correctly():
    """A view that reads `page` only when `q` is given: learned from /x/ it reads just q; /x/?q=a&page=2 must still
    get page 2, and from then on page is part of the key."""

    def view(request):
        q = request.GET.get("q", "")
        page = request.GET.get("page", "1") if q else "-"
        return HttpResponse(f"{q}:{page}", content_type="text/html")

    middleware = AnonymousPageCacheMiddleware(view)
    factory = RequestFactory()

    def get(path):
        response = middleware(factory.get(path))
        return response.content.decode(), response["X-Cache"]

    assert get("/x/") == (":-", "miss")
    assert get("/x/?q=a&page=2") == ("a:2", "miss")
    assert get("/x/?q=a&page=2") == ("a:2", "miss")  # now stored under the learned key…
    assert get("/x/?q=a&page=2&junk=1") == ("a:2", "hit")
    assert get("/x/?q=a") == ("a:1", "miss")  # …which tells page 2 from page 1
    assert get("/x/?q=a") == ("a:1", "hit")


def test_the_api_drops_parameters_its_schema_does_not_declare(client):
    """django-ninja reads the whole query string; the API's schema says which parameters count (laomo/api.py)."""
    first = client.get("/api/honorees/?kind=person&page_size=1&utm_source=a")
    assert first["X-Cache"] == "miss"
    assert first.json()["next"].endswith("/api/honorees/?kind=person&page_size=1&page=2")  # no utm_source in links
    for junk in ("utm_source=b", "x=1", "x=2&y=3"):
        again = client.get(f"/api/honorees/?kind=person&page_size=1&{junk}")
        assert again["X-Cache"] == "hit" and again.content == first.content
    assert client.get("/api/honorees/?kind=person&page_size=2&x=1")["X-Cache"] == "miss"  # a declared one counts
    assert client.get("/api/honorees/SRC-0001/?x=1")["X-Cache"] == "miss"
    assert client.get("/api/honorees/SRC-0001/?x=2")["X-Cache"] == "hit"
    assert client.get("/api/honorees/search/?q=zhang&x=1").json()["results"]  # search is not honoree "search"

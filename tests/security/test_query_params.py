"""Hostile query strings on every public GET endpoint: SQL and search-engine syntax, 10,000-character values,
NUL bytes, broken UTF-8, Unicode oddities and repeated parameters are answered, never with a server error."""

from urllib.parse import quote

from wagtail.models import Page

import pytest

from archive.models import Honoree

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.urls")]

# Raw query-string values (already percent-encoded where they must be).
HOSTILE_VALUES = [
    quote("' OR 1=1 --"),
    quote("1; DROP TABLE archive_honoree; --"),
    quote("%' UNION SELECT password FROM auth_user --"),
    quote('name:* OR *:* AND "unbalanced'),
    quote("((( [a TO z] /re.*/ ~2 ^3 \\ && || !"),
    quote('NEAR(张 王) "a" * - ^ col:val AND OR NOT'),
    quote("张" * 10_000),
    "a" * 10_000,
    "9" * 10_000,
    "%00",
    "a%00b",
    "%ED%A0%80",  # a UTF-16 surrogate encoded as UTF-8: invalid
    "%FF%FE%C0%AF",  # not UTF-8 at all
    quote("\u202e\u200b\ufeff\uffff"),
    quote("a\u0301" * 500),
    quote("ｚｈａｎｇ 張廣義 👷‍♀️"),
    "%C2%B2%E2%91%A0",  # ²① count as digits for str.isdigit() but int() refuses them
    "-1",
    "0",
    "1e308",
    "NaN",
    "99999999999999999999999999",
    quote("../../etc/passwd"),
    quote("<script>alert(1)</script>"),
    "",
]

DICTIONARY_PARAMS = ["letter", "strokes", "decade", "year", "honour", "district", "industry", "level", "kind", "page"]
SEARCH_PARAMS = ["q", "tab", "page", "honour", "decade", "district", "industry", "kind"]
API_LIST_PARAMS = [*DICTIONARY_PARAMS, "page_size"]
API_SEARCH_PARAMS = ["q", "honor", "honour", "decade", "district", "industry", "kind", "page", "page_size"]
# Every parameter any page reads (stories, gallery, artworks, lessons, walls, films, corrections, share).
PAGE_PARAMS = [
    "tag", "month", "page", "medium", "grade", "subject", "theme", "year", "honoree", "view",
    "q", "name", "panel", "highlight", "place", "url", "on", "next", "ref", "p",
]  # fmt: skip
# The parameters pages read, and the values that most often trip a parser: one at a time on a page of each type.
PAGE_READS = ["tag", "month", "page", "medium", "grade", "subject", "theme", "year", "honoree", "view", "q", "panel"]
CONFUSERS = ["9" * 10_000, "%C2%B2%E2%91%A0", "a%00b", "%ED%A0%80", quote("张" * 10_000)]

# Server errors found by this battery in code outside tests/security are left out of the battery above while
# they are open; all found so far (search ?page=, films ?year=, walls ?panel=) are fixed, so the list is empty.
KNOWN_BUGS: dict[str, set[str]] = {}


@pytest.fixture
def client(client):
    client.raise_request_exception = False  # collect every failure instead of stopping at the first
    return client


def server_errors(client, path: str, query_strings: list[str]) -> list[str]:
    failures = []
    for query in query_strings:
        if path in KNOWN_BUGS:
            query = "&".join(part for part in query.split("&") if part.split("=")[0] not in KNOWN_BUGS[path])
        response = client.get(path, QUERY_STRING=query)
        if response.status_code >= 500:
            failures.append(f"{path}?{query[:80]} → {response.status_code} {_error(response)}")
    return failures


def _error(response) -> str:
    exc_info = getattr(response, "exc_info", None)
    return repr(exc_info[1])[:200] if exc_info else ""


def each_param(params: list[str]) -> list[str]:
    """Every parameter with every hostile value, one at a time, then all at once, then repeated."""
    queries = [f"{name}={value}" for name in params for value in HOSTILE_VALUES]
    queries += ["&".join(f"{name}={value}" for name in params) for value in HOSTILE_VALUES]
    queries += ["&".join(f"{name}=1&{name}=2&{name}[]=x" for name in params), "&&&=&==", "%", "%%%", "a=%zz"]
    return queries


@pytest.mark.parametrize(
    "path, params",
    [
        ("/dictionary/", DICTIONARY_PARAMS),
        ("/search/", SEARCH_PARAMS),
        ("/api/honorees/", API_LIST_PARAMS),
        ("/api/honorees/search/", API_SEARCH_PARAMS),
        ("/api/search/suggest/", ["q"]),
    ],
)
def test_listing_and_search_endpoints_never_fail_on_hostile_parameters(client, path, params):
    failures = server_errors(client, path, each_param(params))
    assert not failures, "\n".join(failures)


def test_other_endpoints_never_fail_on_hostile_parameters(client):
    paths = [
        "/",
        "/dictionary/statistics/",
        "/api/honours/",
        "/api/districts/",
        "/api/industries/",
        "/api/statistics/",
        "/api/walls/",
        "/sitemap.xml",
    ]
    queries = ["&".join(f"{name}={value}" for name in PAGE_PARAMS) for value in HOSTILE_VALUES]
    failures = []
    for path in paths:
        failures += server_errors(client, path, queries)
    assert not failures, "\n".join(failures)


def test_every_live_page_never_fails_on_hostile_parameters(client):
    pages = list(Page.objects.live().public().filter(depth__gt=1).specific())
    assert len(pages) >= 5
    all_at_once = ["&".join(f"{name}={value}" for name in PAGE_PARAMS) for value in HOSTILE_VALUES]
    one_at_a_time = [f"{name}={value}" for name in PAGE_READS for value in CONFUSERS]
    failures, seen_types = [], set()
    for page in pages:
        failures += server_errors(client, page.get_url(), all_at_once)
        if type(page) not in seen_types:
            seen_types.add(type(page))
            failures += server_errors(client, page.get_url(), one_at_a_time)
    assert not failures, "\n".join(failures)


def test_hostile_path_segments_are_not_found_not_errors(client):
    entry = Honoree.objects.public().first()
    segments = [
        "%00",
        "a%00b",
        quote("' OR 1=1 --", safe=""),
        "x" * 10_000,
        "%ED%A0%80",
        quote("..%2F..%2Fetc%2Fpasswd", safe=""),
        quote("<script>", safe=""),
        quote("张" * 2_000, safe=""),
    ]
    paths = []
    for segment in segments:
        paths += [
            f"/dictionary/{segment}/",
            f"/api/honorees/{segment}/",
            f"/api/walls/{segment}/locate/?name=a",
            f"/walls/{segment}/panel/1/",
            f"/walls/{segment}/card/{segment}/",
            f"/m/{segment}",
            f"/share/card/{segment}/",
            f"/stories/{segment}/",
            f"/{segment}/",
            f"/uploads/{segment}",
            f"/documents/1/{segment}",
        ]
    failures = []
    for path in paths:
        response = client.get(path)
        if response.status_code >= 500:
            failures.append(f"{path[:80]} → {response.status_code}")
    assert not failures, "\n".join(failures)
    assert client.get(entry.get_absolute_url()).status_code == 200


def test_walls_locate_never_fails_on_hostile_names(client):
    walls = client.get("/api/walls/").json()
    if not walls:
        pytest.skip("no published name wall in the demo content")
    queries = [f"name={value}" for value in HOSTILE_VALUES]
    failures = []
    for wall in walls:
        failures += server_errors(client, f"/api/walls/{wall['slug']}/locate/", queries)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "path, query",
    [("/search/", "page=" + "9" * 10_000)],
    ids=["search-page-digits"],
)
def test_bugs_found_by_the_battery_stay_fixed(client, path, query):
    assert client.get(path, QUERY_STRING=query).status_code < 500

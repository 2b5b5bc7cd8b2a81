"""The hostile-parameter battery: every public view of the URL conf and every operation of the API's OpenAPI schema,
each parameter it reads (found by watching the view read request.GET, and from the schema), plus parameters it does
not know, with the values of hostile.PARAMETER_VALUES — by GET, and by POST for the forms. No answer may be a server
error (issue 14, finding 6).

The URL conf and the schema are read, not listed here, so a view or endpoint added later is driven too; path
converters are filled with real ids and slugs from the demo content. Values are sampled per parameter (hostile.py)
rather than crossed, which keeps the battery to well under a minute.
"""

import re
from dataclasses import dataclass, field
from unittest import mock
from urllib.parse import quote

from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

import pytest

from archive.models import Honoree
from exhibits.walls.models import NameWallPage
from laomo.api import api
from participation.forms import CorrectionForm

from .hostile import ALWAYS, PARAMETER_VALUES, values_for

pytestmark = pytest.mark.django_db

# Parameters some view reads only in some state (a wall's ?name= after ?page=, say): sent with the ones found.
KNOWN_PARAMS = [
    "q", "page", "page_size", "p", "tag", "month", "medium", "grade", "subject", "theme", "year", "decade", "honoree",
    "honour", "honor", "district", "industry", "kind", "level", "letter", "strokes", "view", "name", "panel",
    "highlight", "place", "url", "on", "next", "ref", "tab", "format", "lang",
]  # fmt: skip
UNKNOWN = ["zz_unknown", quote("参数"), "page[]", "__proto__"]
NOT_PUBLIC = ("admin/", "api/", "favicon.ico")  # the admin needs a login; the API is driven from its schema
# Converters' names in the URL conf, and where their real values come from.
CONVERTERS = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


class RecordingQueryDict(QueryDict):
    """request.GET that notes the names a view asks for, present or not."""

    reads: set[str] = set()

    def get(self, key, default=None):
        RecordingQueryDict.reads.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        RecordingQueryDict.reads.add(key)
        return super().getlist(key, default)

    def __getitem__(self, key):
        RecordingQueryDict.reads.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        RecordingQueryDict.reads.add(key)
        return super().__contains__(key)


@dataclass
class Endpoint:
    path: str
    params: set[str] = field(default_factory=set)


@dataclass
class Tally:
    requests: int = 0
    failures: list[str] = field(default_factory=list)

    def send(self, client, method: str, path: str, query: str = "", body: str | None = None) -> None:
        self.requests += 1
        if method == "GET":
            response = client.get(path, QUERY_STRING=query)
        else:
            response = client.post(path, body or "", content_type="application/x-www-form-urlencoded")
        if response.status_code >= 500:
            exc_info = getattr(response, "exc_info", None)
            self.failures.append(
                f"{method} {path}?{(query or body or '')[:100]} → {response.status_code} "
                f"{repr(exc_info[1])[:200] if exc_info else ''}"
            )


@pytest.fixture
def client(client, settings):
    client.raise_request_exception = False  # collect every failure instead of stopping at the first
    settings.LAOMO_CORRECTIONS_MIN_SECONDS = 0
    settings.LAOMO_CORRECTIONS_PER_HOUR = settings.LAOMO_CORRECTIONS_PER_DAY = 10_000
    settings.LAOMO_CORRECTIONS_SITE_PER_HOUR = 10_000
    return client


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def real_values(client) -> dict[str, str]:
    """A real value for each path converter's name, from the demo content."""
    honoree = Honoree.objects.public().order_by("pk").first()
    wall = NameWallPage.objects.live().order_by("pk").first()
    sections = re.findall(r"sitemap-([\w-]+)\.xml", client.get("/sitemap.xml").content.decode())
    assert honoree and wall and sections, "the demo content has records, a wall and sitemap sections"
    return {
        "external_id": honoree.external_id,
        "id": honoree.external_id,
        "slug": wall.slug,
        "number": "1",
        "section": sections[0],
        "restriction_id": "1",
        "page_view_restriction_id": "1",
        "page_id": str(Page.objects.get(depth=2).pk),
    }


def url_conf_endpoints(client) -> list[str]:
    """Every public route of the URL conf with its converters filled, and every type of live page (and the routes
    of routable pages) for Wagtail's catch-all."""
    values = real_values(client)
    paths = []
    for route in walk(get_resolver().url_patterns):
        if route.startswith(NOT_PUBLIC) or "^" in route:
            continue  # regular expressions: Wagtail's pages (below), documents and uploads (files, not views)
        paths.append("/" + CONVERTERS.sub(lambda match: values[match["name"]], route))
    seen = set()
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        if type(page) in seen:
            continue
        seen.add(type(page))
        paths.append(page.url)
        if isinstance(page, RoutablePageMixin):
            for subpattern in page.get_subpage_urls():
                if not CONVERTERS.search(str(subpattern.pattern)) and not str(subpattern.pattern).startswith("^"):
                    paths.append(page.url + str(subpattern.pattern))
    return sorted(set(paths))


def in_english(path: str) -> list[str]:
    """The same view at its English address, if it has one (the language comes from the path: other code paths)."""
    return [] if path.startswith(("/sitemap", "/documents", "/_util")) else ["/en" + path]


def discover(client, paths: list[str]) -> list[Endpoint]:
    """Which parameters each view reads, asked without any: a view asks for its parameters whether they are there
    or not, while code that copies the whole query (links to the other language, say) asks only for what is there."""
    endpoints = []
    with mock.patch("django.core.handlers.wsgi.QueryDict", RecordingQueryDict):
        for path in paths:
            RecordingQueryDict.reads = set()
            client.get(path)
            endpoints.append(Endpoint(path, set(RecordingQueryDict.reads)))
    return endpoints


def schema_endpoints(client) -> list[Endpoint]:
    """Every GET operation of the OpenAPI schema with its query parameters, path parameters filled."""
    values = real_values(client)
    endpoints = []
    for route, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            assert method == "get", f"{method.upper()} {route}: the battery drives GET operations only"
            params = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
            path = re.sub(r"\{(\w+)\}", lambda match: values[match[1]], route)
            endpoints.append(Endpoint(path if path.startswith("/api/") else "/api" + path, params))
    return endpoints


def queries(params: set[str], index: int, each: bool = True) -> list[str]:
    """For the ``index``-th endpoint: each parameter with its sample of values; all known parameters at once with
    the ALWAYS values and a rotating few of the rest; repeated and array-style parameters; parameters no view knows;
    and a broken query string. Without ``each``: only all known parameters at once with the ALWAYS values."""
    everyone = sorted(params | set(KNOWN_PARAMS))
    if not each:
        return ["&".join(f"{name}={PARAMETER_VALUES[value]}" for name in everyone) for value in ALWAYS]
    found = [f"{name}={PARAMETER_VALUES[value]}" for at, name in enumerate(sorted(params)) for value in values_for(at)]
    rotating = [name for name in PARAMETER_VALUES if name not in ALWAYS]
    sample = ALWAYS + [rotating[(index * 4 + offset) % len(rotating)] for offset in range(4)]
    found += ["&".join(f"{name}={PARAMETER_VALUES[value]}" for name in everyone) for value in sample]
    found.append("&".join(f"{name}=1&{name}=2&{name}[]=x" for name in everyone))
    unknown = PARAMETER_VALUES["huge" if index % 2 else "nul"]
    found.append("&".join(f"{name}={unknown}" for name in UNKNOWN))
    found.append(["&&&=&==", "%", "a=%zz"][index % 3])
    return found


def test_every_public_view_and_api_operation_survives_hostile_parameters(client):
    tally = Tally()
    paths = url_conf_endpoints(client)
    endpoints = discover(client, paths) + schema_endpoints(client)
    reads = {endpoint.path: endpoint.params for endpoint in endpoints}

    # The discovery sees what matters (a view that read nothing would make the battery vacuous).
    assert {"page", "letter", "strokes"} <= reads["/dictionary/"]
    assert {"next", "on"} <= reads["/preferences/elder/"]
    assert {"honoree", "page"} <= reads["/corrections/new/"]
    assert {"q", "page", "page_size"} <= reads["/api/honorees/search/"]

    for index, endpoint in enumerate(endpoints):
        for query in queries(endpoint.params, index):
            tally.send(client, "GET", endpoint.path, query)
        # Views answer POST with 405 or as GET; neither may fail.
        tally.send(client, "POST", endpoint.path, body="&".join(f"{name}=%C2%B2" for name in KNOWN_PARAMS))
    for index, path in enumerate(paths):
        for english in in_english(path):
            for query in queries(reads[path], index, each=False):
                tally.send(client, "GET", english, query)

    count = len(endpoints) + sum(len(in_english(path)) for path in paths)
    print(f"\nfuzz battery (GET): {count} endpoints, {tally.requests} requests, {len(tally.failures)} × 5xx")
    assert len(endpoints) >= 30 and tally.requests >= 1_000
    assert not tally.failures, f"{len(tally.failures)} server errors:\n" + "\n".join(tally.failures)


def correction_fields() -> list[str]:
    """The corrections form's fields and the target it reads from the same POST."""
    form = CorrectionForm(needs_place=True)
    return [*form.fields, "honoree", "page", "name", "panel"]


def test_the_public_forms_survive_hostile_fields(client):
    tally = Tally()
    page = client.get("/corrections/new/", {"honoree": Honoree.objects.public().first().external_id})
    shown = re.search(r'name="shown" value="([^"]+)"', page.content.decode())[1]
    good = {
        "kind": "error",
        "what_wrong": "hostile",
        "relation": "family",
        "shown": quote(shown),
        "place": "x",
    }
    fields = correction_fields()
    for index, name in enumerate(fields):
        for value in values_for(index):
            body = {**good, name: PARAMETER_VALUES[value]}
            tally.send(client, "POST", "/corrections/new/", body="&".join(f"{k}={v}" for k, v in body.items()))
    for value in PARAMETER_VALUES.values():
        body = "&".join(f"{name}={value}" for name in [*fields, *UNKNOWN])
        tally.send(client, "POST", "/corrections/new/", body=body)
        tally.send(client, "POST", "/en/corrections/new/", body=body + f"&shown={quote(shown)}")
    tally.send(client, "POST", "/corrections/new/", body="&".join(f"{name}=1&{name}=2" for name in fields))

    # Wagtail's public password and login forms for private pages and documents.
    for path in ("/_util/login/", "/_util/authenticate_with_password/1/2/", "/documents/authenticate_with_password/1/"):
        for value in PARAMETER_VALUES.values():
            tally.send(client, "POST", path, body=f"username={value}&password={value}&return_url={value}&next={value}")

    print(f"\nfuzz battery (POST forms): {tally.requests} requests, {len(tally.failures)} × 5xx")
    assert tally.requests >= 150
    assert not tally.failures, f"{len(tally.failures)} server errors:\n" + "\n".join(tally.failures)

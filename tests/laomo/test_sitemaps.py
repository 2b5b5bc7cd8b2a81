"""sitemap.xml: an index of sections that together list every public entry and every live public page, once,
on the configured public origin — at the demo's size, at 13,058 records and at 100,000."""

import io
import math
import re
from urllib.parse import urlsplit

from django.core.management import call_command
from django.db import connection

from wagtail.models import Page, Site

import pytest

from archive.models import Honoree
from exhibits.models import NameWallPage
from laomo import sitemaps

pytestmark = pytest.mark.django_db

ORIGIN = "https://laomo.example.cn"
LOC = re.compile(r"<loc>([^<]+)</loc>")


def locations(client, url: str) -> list[str]:
    """The <loc>s of a sitemap or sitemap index given by its absolute URL (only its path and query are fetched)."""
    parts = urlsplit(url)
    response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return LOC.findall(response.content.decode())


def every_listed_url(client) -> tuple[list[str], list[str]]:
    files = locations(client, "/sitemap.xml")
    return files, [url for file in files for url in locations(client, file)]


def expected_pages() -> set[str]:
    root = Site.objects.get(is_default_site=True).root_page
    pages = root.get_descendants(inclusive=True).live().public()
    noindex = NameWallPage.objects.filter(include_synthetic=True).values("pk")
    return {ORIGIN + page.get_url_parts()[2] for page in pages.exclude(pk__in=noindex)}


def expected_entries() -> set[str]:
    return {ORIGIN + honoree.get_absolute_url() for honoree in Honoree.objects.public().real()}


def public_real_ids():
    return Honoree.objects.public().real().values_list("external_id", flat=True)


def add_public_records(count: int) -> None:
    """`count` more live, real records in one statement (bulk rows are marked real for the test)."""
    columns = [field.column for field in Honoree._meta.concrete_fields if field.column != "id"]
    values = {"external_id": "'BULK-' || n", "is_synthetic": "FALSE", "live": "TRUE", "withdrawn": "FALSE"}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH RECURSIVE numbers(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < %s) "
            f"INSERT INTO archive_honoree ({', '.join(quote(column) for column in columns)}) "
            f"SELECT {', '.join(values.get(column, quote(column)) for column in columns)} "
            "FROM numbers, (SELECT * FROM archive_honoree ORDER BY id LIMIT 1) AS template",
            [count],
        )


def test_the_index_lists_every_section_on_the_configured_origin(client, settings):
    settings.LAOMO_SITE_URL = ORIGIN + "/"  # a trailing slash is forgiven
    files = locations(client, "/sitemap.xml")
    assert files == [f"{ORIGIN}/sitemap-pages.xml", f"{ORIGIN}/sitemap-honorees.xml"]
    response = client.get("/sitemap.xml")
    assert b"<sitemapindex" in response.content and "<lastmod>" in response.content.decode()


def test_together_the_sections_list_every_public_entry_and_live_page_once(client, settings):
    settings.LAOMO_SITE_URL = ORIGIN
    Honoree.objects.create(external_id="T-SM-W", name="撤下者", live=True, withdrawn=True)
    Honoree.objects.create(external_id="T-SM-D", name="草稿者", live=False)
    odd = Honoree.objects.create(external_id="T-SM 甲%", name="怪编号", live=True)  # quoted as reverse() quotes
    _, listed = every_listed_url(client)
    assert len(listed) == len(set(listed))
    assert set(listed) == expected_pages() | expected_entries()
    assert len(listed) == public_real_ids().count() + len(expected_pages())
    assert all(url.startswith(ORIGIN + "/") for url in listed)
    assert not any("T-SM-W" in url or "T-SM-D" in url for url in listed)
    assert (
        f"{ORIGIN}/dictionary/T-SM%20%E7%94%B2%25/" in listed
        and odd.get_absolute_url() == "/dictionary/T-SM%20%E7%94%B2%25/"
    )


def test_synthetic_records_and_their_wall_are_not_listed(client, settings):
    settings.LAOMO_SITE_URL = ORIGIN
    call_command("generate_synthetic", honorees=12, national=2, stdout=io.StringIO())
    _, listed = every_listed_url(client)
    assert not any("/dictionary/SYN-" in url for url in listed)
    assert len([url for url in listed if "/dictionary/" in url]) == public_real_ids().count()
    wall = NameWallPage.objects.filter(include_synthetic=True).first()
    if wall is not None:
        assert ORIGIN + wall.url not in listed


def test_without_the_setting_the_default_site_record_is_the_origin(client, settings):
    settings.LAOMO_SITE_URL = ""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "laomo.beijing.example", 8443
    site.save()
    files, listed = every_listed_url(client)
    origin = "http://laomo.beijing.example:8443"
    assert all(url.startswith(origin + "/") for url in files + listed)
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")  # whatever host the request came by
    assert "localhost" not in response.content.decode()


@pytest.mark.parametrize("records", [13_058, pytest.param(100_000, marks=pytest.mark.same_on_every_database)])
def test_every_entry_is_listed_at_scale(client, settings, records):
    settings.LAOMO_SITE_URL = ORIGIN
    add_public_records(records)
    total = public_real_ids().count()
    files = locations(client, "/sitemap.xml")
    honoree_files = [url for url in files if "sitemap-honorees.xml" in url]
    assert len(honoree_files) == math.ceil(total / sitemaps.SITEMAP_LIMIT) > 1
    assert honoree_files[1:] == [f"{ORIGIN}/sitemap-honorees.xml?p={n}" for n in range(2, len(honoree_files) + 1)]
    entries = [url for file in honoree_files for url in locations(client, file)]
    assert len(entries) == len(set(entries)) == total and sitemaps.SITEMAP_LIMIT <= 50_000
    assert f"{ORIGIN}/dictionary/BULK-{records}/" in entries and f"{ORIGIN}/dictionary/SRC-0001/" in entries
    # Past the last file, and page numbers that are not numbers, are simply not found.
    assert client.get(f"/sitemap-honorees.xml?p={len(honoree_files) + 1}").status_code == 404
    for bad in ("0", "²", "１", "-1", "1.5", "x"):
        assert client.get("/sitemap-honorees.xml", {"p": bad}).status_code == 404, bad


def test_an_unknown_section_is_not_found(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_page_unpublished_leaves_the_page_sitemap(client, settings):
    settings.LAOMO_SITE_URL = ORIGIN
    page = Page.objects.live().public().filter(depth__gt=2).order_by("path").last()
    assert ORIGIN + page.url in every_listed_url(client)[1]
    page.unpublish()
    assert ORIGIN + page.url not in every_listed_url(client)[1]

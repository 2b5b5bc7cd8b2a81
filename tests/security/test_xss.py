"""Hostile text in every field editors and imports fill in comes out escaped: on public pages, in JSON-LD,
in the API, the sitemap and feeds — typed in the admin's models or brought in by the CSV import."""

import json
import xml.etree.ElementTree as ET

from django.core.management import call_command
from django.db import models

from wagtail.fields import RichTextField
from wagtail.models import Page

import pytest

from archive.models import Award, District, Honoree, Honour, Industry, Kind, Level

from .hostile import COMBINED, PAYLOADS, assert_inert_html, fit, shown_escaped

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.urls")]

HONOREE_FIELDS = ("name", "employer", "title", "native_place", "ethnicity", "biography")
PAGE_FIELDS_SKIPPED = {"path", "draft_title", "slug", "url_path", "latest_revision"}
# Fields with a line format of their own: the payload goes where the text of a line goes.
PAGE_FIELD_PREFIXES = {"chapters": "00:00 安全测试"}


def max_length(model, field):
    return model._meta.get_field(field).max_length


def hostile_honoree(payload: str, committed) -> Honoree:
    district = District.objects.create(name=fit(payload, 60, "区"), slug="xss-district")
    industry = Industry.objects.create(name=fit(payload, 60, "业"), slug="xss-industry")
    honour = Honour.objects.create(
        name=fit(payload, 60, "奖"), slug="xss-honour", level=Level.MUNICIPAL, for_kind=Kind.PERSON
    )
    values = {field: fit(payload, max_length(Honoree, field), "安全测试") for field in HONOREE_FIELDS}
    values["biography"] = f"安全测试事迹{payload}\n\n{payload}"
    honoree = Honoree(external_id="XSS-1", live=True, district=district, industry=industry, **values)

    def save():
        honoree.save()
        Award.objects.create(honoree=honoree, honour=honour, year=2015)
        Award.objects.create(honoree=honoree, honour=Honour.objects.get(name="全国劳动模范"), year=2015)
        honoree.refresh_first_award_year()
        honoree.save()

    committed(save)
    return honoree


def hostile_pages(payload: str, committed) -> list[Page]:
    """Every live page gets the payload in its title and in each plain text field editors fill in."""
    pages = list(Page.objects.live().filter(depth__gt=1).specific())

    def publish():
        for page in pages:
            for field in page._meta.get_fields():
                if (
                    not isinstance(field, models.CharField | models.TextField)
                    or isinstance(field, models.URLField | models.SlugField | RichTextField)
                    or field.choices
                    or not field.editable
                    or field.name in PAGE_FIELDS_SKIPPED
                ):
                    continue
                prefix = PAGE_FIELD_PREFIXES.get(field.name, "安全测试")
                setattr(page, field.name, fit(payload, field.max_length, prefix))
            page.save_revision().publish()

    committed(publish)
    return pages


def get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response


@pytest.mark.parametrize("payload", PAYLOADS)
def test_entry_and_listings_show_hostile_record_fields_as_text(client, committed, payload):
    honoree = hostile_honoree(payload, committed)
    html = get(client, "/dictionary/XSS-1/").content.decode()
    [data] = [block for block in assert_inert_html(html, "entry") if block.get("@type") == "Person"]
    for field in ("name", "employer", "biography"):
        assert shown_escaped(getattr(honoree, field).split("\n")[0], html), field
    # The JSON-LD carries the text exactly (not double-escaped), and "</script" only as \u003c/script.
    assert data["name"] == honoree.name and data["worksFor"]["name"] == honoree.employer
    for url in (
        f"/dictionary/?letter={honoree.initial.replace('#', '%23')}",
        "/dictionary/?district=xss-district",
        "/dictionary/?industry=xss-industry",
        "/dictionary/?honour=xss-honour",
        "/dictionary/statistics/",
        "/search/?q=安全测试",
        "/search/?q=安全测试事迹&district=xss-district",
        "/search/?q=script",
        "/search/?q=alert",
    ):
        assert_inert_html(get(client, url).content.decode(), url)
    listing = get(client, "/dictionary/?district=xss-district").content.decode()
    assert shown_escaped(honoree.name, listing)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_reflects_a_hostile_query_as_text(client, committed, payload):
    hostile_honoree(payload, committed)
    for tab in ("honorees", "exhibition", "story", "film", "lesson"):
        url = f"/search/?tab={tab}&q={payload}"
        response = client.get("/search/", {"tab": tab, "q": payload})
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_inert_html(html, url)
    assert shown_escaped(payload, html)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_api_returns_hostile_text_as_exact_json(client, committed, payload):
    honoree = hostile_honoree(payload, committed)
    detail = get(client, "/api/honorees/XSS-1/")
    assert detail["Content-Type"].startswith("application/json")
    assert detail["X-Content-Type-Options"] == "nosniff"
    data = detail.json()
    for field in ("name", "employer", "title", "biography"):
        assert data[field] == getattr(honoree, field), field
    assert data["district"] == honoree.district.name and data["industry"] == honoree.industry.name
    assert honoree.awards.get(year=2015, honour__slug="xss-honour").honour.name in [a["honor"] for a in data["honors"]]
    for url in (
        "/api/honorees/?district=xss-district",
        "/api/honorees/search/?q=安全测试",
        "/api/search/suggest/?q=安全",
        "/api/honours/",
        "/api/districts/",
        "/api/industries/",
        "/api/statistics/",
    ):
        response = get(client, url)
        assert response["Content-Type"].startswith("application/json"), url
        json.loads(response.content)
    names = [item["name"] for item in get(client, "/api/honours/").json()]
    assert fit(payload, 60, "奖") in names


@pytest.mark.same_on_every_database  # escaping is the templates' work; the text is stored as given on both
def test_every_live_page_shows_hostile_titles_and_texts_as_text(client, committed):
    """One run with all payloads in one string: publishing every page is slow, and each field sees them all."""
    payload = COMBINED
    hostile_honoree(payload, committed)
    pages = hostile_pages(payload, committed)
    assert len(pages) >= 5
    title = fit(payload, 255, "安全测试")
    assert title == "安全测试" + COMBINED
    for page in pages:
        url = page.get_url()
        html = get(client, url).content.decode()
        assert_inert_html(html, url)
        assert shown_escaped(title, html), url
    for url in ("/search/?q=安全测试&tab=story", "/search/?q=安全测试&tab=exhibition", "/"):
        assert_inert_html(get(client, url).content.decode(), url)
    # The story index reflects its filters; a hostile tag must come back as text.
    story_index = next(p for p in pages if type(p).__name__ == "StoryIndexPage")
    response = client.get(story_index.get_url(), {"tag": payload, "month": payload})
    assert response.status_code in (200, 404)
    assert_inert_html(response.content.decode(), "story index filters")
    # Sitemap and feeds are XML: well-formed means no title broke out of its element.
    ET.fromstring(get(client, "/sitemap.xml").content)
    for url in (story_index.feed_url_rss, story_index.feed_url_atom):
        root = ET.fromstring(get(client, url).content)
        assert title in [element.text for element in root.iter() if element.tag.rsplit("}", 1)[-1] == "title"], url


def test_the_csv_import_brings_hostile_text_in_as_plain_text(client, committed, tmp_path):
    District.objects.create(name="安全测试区", slug="xss-import-district")
    rows = []
    for number, payload in enumerate(PAYLOADS, start=1):
        cells = {
            "编号": f"XSS-IMP-{number}",
            "类别": "个人",
            "姓名": fit(payload, 120, "安全测试"),
            "民族": fit(payload, 20),
            "籍贯": fit(payload, 60),
            "工作单位": fit(payload, 200),
            "职务职称": fit(payload, 120),
            "所属区": "安全测试区",
            "荣誉": "2015 全国劳动模范",
            "事迹": f"安全测试导入{payload}\n\n{payload}",
        }
        rows.append(cells)
    header = list(rows[0])
    import csv

    path = tmp_path / "hostile.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    committed(lambda: call_command("import_honorees", str(path), verbosity=0, stdout=_quiet(), stderr=_quiet()))

    for number, payload in enumerate(PAYLOADS, start=1):
        honoree = Honoree.objects.get(external_id=f"XSS-IMP-{number}")
        # Stored as written, rendered as text. (A leading ' before - = + @ is the export's formula guard,
        # which the import removes: archive/exporting.py.)
        written = fit(payload, 200)
        assert honoree.employer == (written[1:] if written[:2] in {"'-", "'=", "'+", "'@"} else written)
        html = get(client, honoree.get_absolute_url()).content.decode()
        assert_inert_html(html, honoree.external_id)
        assert shown_escaped(honoree.name, html) and shown_escaped(honoree.employer, html)
    for url in ("/dictionary/?district=xss-import-district", "/search/?q=安全测试导入"):
        html = get(client, url).content.decode()
        assert_inert_html(html, url)
        assert shown_escaped(fit(PAYLOADS[0], 120, "安全测试"), html), url


def _quiet():
    import io

    return io.StringIO()

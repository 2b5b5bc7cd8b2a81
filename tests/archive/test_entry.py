"""An entry /dictionary/<编号>/: facts, honours, stories, citation, structured data, neighbours and privacy."""

import json
import re

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

import pytest

from archive.models import Honoree, Kind
from exhibits.models import StoryPage
from media.models import SiteImage

from .test_dictionary import MUNICIPAL, NATIONAL, get_html, make_honoree

pytestmark = pytest.mark.django_db


def structured_data(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def meta(html: str, prop: str) -> str | None:
    found = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', html)
    return found.group(1) if found else None


@pytest.fixture
def person():
    return make_honoree(
        "T-E-1",
        "田富",
        awards=[(None, MUNICIPAL), (1995, NATIONAL)],
        gender="male",
        birth_year=1932,
        employer="北京第一机床厂",
        title="高级技师",
        biography="第一段事迹。\n\n第二段事迹。",
    )


def test_entry_shows_name_pinyin_facts_timeline_and_biography(client, person):
    html = get_html(client, "/dictionary/T-E-1/")
    assert '<h1 id="entry-name">田富</h1>' in html
    assert '<p class="pinyin entry-pinyin" lang="zh-Latn-pinyin">Tián Fù</p>' in html
    assert "<dt>工作单位</dt><dd>北京第一机床厂</dd>" in html
    assert "<dt>生平</dt><dd>出生于1932年</dd>" in html  # a living person: never read as "died in 1932"
    timeline = html[html.index('<ol class="timeline">') :]
    # Dated honours first, undated ones last as 年份待考.
    assert timeline.index('<time datetime="1995">1995年</time>') < timeline.index("年份待考")
    assert "<p>第一段事迹。</p><p>第二段事迹。</p>" in html
    assert "<title>田富 · 劳模辞典 · 劳模数字展馆</title>" in html


@pytest.mark.parametrize(
    "fields", [{}, {"withdrawn": True}, {"live": False}], ids=["unknown", "withdrawn", "unpublished"]
)
def test_missing_withdrawn_and_unpublished_entries_are_404(client, fields):
    if fields:
        make_honoree("T-E-404", "张隐", **fields)
    response = client.get("/dictionary/T-E-404/")
    assert response.status_code == 404
    assert "张隐" not in response.content.decode()


def test_previous_and_next_follow_dictionary_order_and_skip_hidden_entries(client):
    make_honoree("T-E-N1", "田富")
    make_honoree("T-E-N2", "田鑫", withdrawn=True)  # would sort between the two
    make_honoree("T-E-N3", "田大利")
    html = get_html(client, "/dictionary/T-E-N1/")
    assert '<a href="/dictionary/T-E-N3/" rel="next"><span class="entry-nav-label">下一条</span> 田大利</a>' in html
    assert "田鑫" not in html
    html = get_html(client, "/dictionary/T-E-N3/")
    assert '<a href="/dictionary/T-E-N1/" rel="prev"><span class="entry-nav-label">上一条</span> 田富</a>' in html
    # 丁 has the fewest strokes of all the demo surnames: the first entry has no previous one.
    make_honoree("T-E-N0", "丁一")
    html = get_html(client, "/dictionary/T-E-N0/")
    assert 'rel="prev"' not in html and 'rel="next"' in html


def test_structured_data_for_a_person(client, person):
    data = structured_data(get_html(client, "/dictionary/T-E-1/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Person"
    assert data["name"] == "田富"
    assert data["alternateName"] == "Tián Fù"
    assert data["award"] == ["1995 全国劳动模范", "北京市劳动模范"]
    assert data["gender"] == "https://schema.org/Male"
    assert data["birthDate"] == "1932"
    assert data["worksFor"] == {"@type": "Organization", "name": "北京第一机床厂"}
    assert data["url"] == "http://localhost/dictionary/T-E-1/"
    assert data["description"].startswith("第一段事迹。")
    assert "image" not in data


def test_structured_data_for_a_collective(client):
    make_honoree("T-E-C", "北京公交集团维修班组", kind=Kind.COLLECTIVE, awards=[(2005, "bei-jing-shi-mo-fan-ji-ti")])
    html = get_html(client, "/dictionary/T-E-C/")
    data = structured_data(html)
    assert data["@type"] == "Organization"
    assert data["name"] == "北京公交集团维修班组"
    assert data["award"] == ["2005 北京市模范集体"]
    assert "alternateName" not in data and "worksFor" not in data
    assert meta(html, "og:type") == "website"


def test_structured_data_cannot_be_broken_out_of(client):
    payload = '</script><script>alert("x")</script><!-- & -->'
    make_honoree("T-E-X", "张安全", biography=payload)
    html = get_html(client, "/dictionary/T-E-X/")
    assert '<script>alert("x")' not in html
    assert "<!--" not in html.split('type="application/ld+json">')[1].split("</script>")[0]
    assert structured_data(html)["description"] == payload
    # The biography itself is shown as text.
    assert "&lt;/script&gt;&lt;script&gt;alert" in html


def test_open_graph_tags(client, person):
    html = get_html(client, "/dictionary/T-E-1/")
    assert meta(html, "og:title") == "田富 · 劳模辞典"
    assert meta(html, "og:type") == "profile"
    assert meta(html, "og:url") == "http://localhost/dictionary/T-E-1/"
    assert meta(html, "og:description").startswith("第一段事迹。")
    # No photo: the site's default share image (≥300×300, for WeChat) stands in.
    assert meta(html, "og:image") == "http://testserver/static/laomo/img/share-default.png"
    assert '<link rel="canonical" href="http://localhost/dictionary/T-E-1/">' in html


def test_photo_with_alt_text_in_page_og_and_structured_data(client):
    photo = SiteImage.objects.create(title="tf.png", description="田富在车间", file=get_test_image_file())
    make_honoree("T-E-P", "田富", photo=photo)
    html = get_html(client, "/dictionary/T-E-P/")
    assert "<picture>" in html
    assert re.search(r'<img [^>]*alt="田富在车间"', html)
    image = meta(html, "og:image")
    assert image.startswith("http://testserver/") and meta(html, "og:image:alt") == "田富在车间"
    assert structured_data(html)["image"] == image


def test_citation_follows_gbt_7714_for_electronic_resources(client, person):
    html = get_html(client, "/dictionary/T-E-1/")
    today = timezone.localdate().isoformat()
    updated = timezone.localdate(person.updated_at).isoformat()
    expected = f"劳模数字展馆. 田富[EB/OL]. ({updated})[{today}]. http://localhost/dictionary/T-E-1/."
    assert f'<p class="citation-text" id="cite-gbt">{expected}</p>' in html
    plain = re.search(r'<p class="citation-text" id="cite-plain">(.*?)</p>', html).group(1)
    assert plain.startswith("田富") and "http://localhost/dictionary/T-E-1/" in plain
    # The copy buttons appear only when the script can make them work.
    assert '<button type="button" class="copy-button" data-copy="cite-gbt"' in html and "hidden>复制" in html


def test_related_stories_are_live_and_public_only(client):
    story = StoryPage.objects.get(related_honorees__external_id="SRC-0002")
    html = get_html(client, "/dictionary/SRC-0002/")
    assert "相关故事" in html and story.title in html and f'href="{story.url}"' in html
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="secret")
    assert story.title not in get_html(client, "/dictionary/SRC-0002/")
    PageViewRestriction.objects.all().delete()
    story.unpublish()
    html = get_html(client, "/dictionary/SRC-0002/")
    assert story.title not in html and "相关故事" not in html


def test_synthetic_entries_carry_a_notice_and_are_not_indexed(client):
    make_honoree("SYN-T-E", "丁示例", is_synthetic=True)
    html = get_html(client, "/dictionary/SYN-T-E/")
    assert '<div class="notice notice-synthetic">' in html and "并非真实的人物或集体" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "notice-synthetic" not in get_html(client, "/dictionary/SRC-0001/")


def test_private_fields_never_appear(client):
    make_honoree(
        "T-E-S",
        "张隐私",
        contact_info="SECRET-CONTACT-9902",
        health_notes="SECRET-HEALTH-9902",
        archivist_notes="SECRET-NOTE-9902",
        withdrawn_reason="SECRET-REASON-9902",
        biography="公开的事迹。",
    )
    html = get_html(client, "/dictionary/T-E-S/")
    assert "公开的事迹。" in html
    assert "9902" not in html


def test_entry_is_cacheable_and_reads_the_database_a_fixed_number_of_times(
    client, person, django_assert_max_num_queries
):
    client.get("/dictionary/T-E-1/")  # warm the navigation cache
    # Honoree, awards with honours, stories (+ view restrictions), previous, next, site lookups, and one
    # query for each section other apps add (exhibitions, films, interviews, the name on the wall, last correction).
    with django_assert_max_num_queries(13):
        response = client.get("/dictionary/T-E-1/")
    assert response["Cache-Control"] == "public, max-age=300"


def test_a_photo_whose_file_is_missing_does_not_break_the_entry(client):
    photo = SiteImage.objects.create(title="gone.png", file=get_test_image_file())
    photo.file.storage.delete(photo.file.name)
    make_honoree("T-E-G", "张缺图", photo=photo)
    html = get_html(client, "/dictionary/T-E-G/")
    assert "张缺图" in html and meta(html, "og:image") == "http://testserver/static/laomo/img/share-default.png"


def test_admin_preview_renders_with_the_entry_template(rf):
    honoree = Honoree.objects.get(external_id="SRC-0002")
    request = rf.get("/admin/")
    request.user = AnonymousUser()
    response = honoree.serve_preview(request, "")
    response.render()
    html = response.content.decode()
    assert '<h1 id="entry-name">王月鹏</h1>' in html and "2020年" in html


def test_a_lifespan_with_both_years_reads_from_birth_to_death(client, person):
    person.death_year = 2019
    person.save()
    html = get_html(client, "/dictionary/T-E-1/")
    assert "<dt>生卒</dt><dd>1932—2019</dd>" in html
    english = client.get("/en/dictionary/T-E-1/").content.decode()
    assert "<dt>Lived</dt><dd>1932–2019</dd>" in english

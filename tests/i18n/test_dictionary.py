"""The dictionary in English: names with pinyin, English biographies where written, English taxonomy names."""

import pytest

from archive.models import District, Honour
from tests.archive.test_dictionary import MUNICIPAL, NATIONAL, make_honoree

from .conftest import html_of

pytestmark = pytest.mark.django_db

BIO_NOTE = "No English biography yet; the Chinese text is shown."


@pytest.fixture
def translated():
    return make_honoree(
        "T-I-1",
        "曾晓明",
        awards=[(1995, NATIONAL), (None, MUNICIPAL)],
        gender="female",
        birth_year=1950,
        employer="北京第一机床厂",
        employer_en="Beijing No. 1 Machine Tool Plant",
        district=District.objects.get(name="海淀区"),
        biography="第一段事迹。\n\n第二段事迹。",
        biography_en="She repaired lathes.\n\nShe trained forty apprentices.",
        live=True,
    )


@pytest.fixture
def untranslated():
    return make_honoree("T-I-2", "田富", awards=[(2000, NATIONAL)], biography="只有中文的事迹。", live=True)


def test_entry_with_an_english_biography(client, translated):
    html = html_of(client, "/en/dictionary/T-I-1/")
    # The name in characters, marked as Chinese, with its toned pinyin (曾 read as a surname: Zēng).
    assert '<h1 id="entry-name"><span lang="zh-Hans">曾晓明</span></h1>' in html
    assert '<p class="pinyin entry-pinyin" lang="zh-Latn-pinyin">Zēng Xiǎomíng</p>' in html
    assert "<p>She repaired lathes.</p><p>She trained forty apprentices.</p>" in html
    assert BIO_NOTE not in html and "第一段事迹" not in html
    assert "<dt>Employer</dt><dd>Beijing No. 1 Machine Tool Plant</dd>" in html
    assert "<dt>Gender</dt><dd>Female</dd>" in html and "<dt>Life</dt><dd>Born in 1950</dd>" in html
    assert '<time datetime="1995">1995</time> <a href="/en/dictionary/?honour=' in html
    assert ">National Model Worker</a>" in html and "Year unknown" in html
    assert ">Haidian District</a>" in html
    assert '<meta name="description" content="She repaired lathes. She trained forty apprentices.">' in html


def test_entry_without_an_english_biography_shows_the_chinese_with_a_note(client, untranslated):
    html = html_of(client, "/en/dictionary/T-I-2/")
    assert '<p class="pinyin entry-pinyin" lang="zh-Latn-pinyin">Tián Fù</p>' in html
    biography = html[html.index('id="bio-heading"') :]
    assert biography.index(BIO_NOTE) < biography.index('<div lang="zh-Hans"><p>只有中文的事迹。</p></div>')
    assert '<h2 id="bio-heading">Main achievements</h2>' in html


def test_the_chinese_entry_is_untouched_by_the_english_fields(client, translated):
    html = html_of(client, "/dictionary/T-I-1/")
    assert '<h1 id="entry-name">曾晓明</h1>' in html
    assert "<p>第一段事迹。</p><p>第二段事迹。</p>" in html and "She repaired lathes" not in html
    assert "<dt>工作单位</dt><dd>北京第一机床厂</dd>" in html and "<dt>所属区</dt>" in html
    assert BIO_NOTE not in html and "Beijing No. 1" not in html


def test_the_api_keeps_its_shape_and_its_chinese(client, translated):
    record = client.get("/api/honorees/T-I-1/").json()
    assert record["biography"] == "第一段事迹。\n\n第二段事迹。" and record["employer"] == "北京第一机床厂"
    assert not any(key.endswith("_en") for key in record)
    districts = client.get("/api/districts/").json()
    assert {"slug", "name", "is_current", "count"} == set(districts[0])


def test_dictionary_list_filters_and_facets_in_english(client, translated):
    html = html_of(client, "/en/dictionary/?district=hai-dian-qu&decade=1990")
    assert "<h1>Dictionary of Model Workers</h1>" in html
    assert 'class="filter-chip" href="/en/dictionary/?district=hai-dian-qu">1990s<' in html
    assert ">Haidian District<span" in html
    assert '<span class="option-label">National Model Worker</span>' in html
    assert '<span class="option-label">Individual</span>' in html
    assert "<title>Dictionary of Model Workers: 1990s, Haidian District · Model Worker Digital Hall</title>" in html
    item = html[html.index('<li class="dictionary-item">') :]
    assert '<a href="/en/dictionary/T-I-1/" lang="zh-Hans">曾晓明</a>' in item
    assert '<span class="meta-part">1995 National Model Worker</span>' in item


def test_the_same_facets_stay_chinese_on_the_chinese_site_after_an_english_visit(client, translated):
    html_of(client, "/en/dictionary/?district=hai-dian-qu")  # fills the shared facet cache first
    html = html_of(client, "/dictionary/?district=hai-dian-qu")
    assert '<span class="option-label">全国劳动模范</span>' in html and "National Model Worker" not in html


def test_filter_errors_are_in_the_visitors_language(client):
    assert "The number of surname strokes should be a whole number from 1 to 64." in html_of(
        client, "/en/dictionary/?strokes=99"
    )
    assert "姓氏笔画应为 1 到 64 之间的整数。" in html_of(client, "/dictionary/?strokes=99")


def test_statistics_in_english_and_the_api_in_chinese(client):
    html = html_of(client, "/en/dictionary/statistics/")
    assert "<h1>Figures</h1>" in html and "By decade of award" in html
    assert "National Model Worker" in html and "2020s" in html and "Changping District" in html
    statistics = client.get("/api/statistics/").json()  # after the English page filled its cache
    assert {"label": "2020年代", "count": 1} in statistics["by_decade"]
    assert "全国劳动模范" in [row["label"] for row in statistics["by_honour"]]


def test_search_results_lead_to_english_pages(client):
    html = html_of(client, "/en/search/?q=wangyuepeng")
    assert '<a href="/en/dictionary/SRC-0002/"><span lang="zh-Hans">王月鹏</span></a>' in html
    assert "2020 National Model Worker" in html and "Model workers: 1 result<" in html
    assert 'href="?q=wangyuepeng&amp;tab=story">Stories' in html
    chinese = html_of(client, "/search/?q=wangyuepeng")
    assert '<a href="/dictionary/SRC-0002/">王月鹏</a>' in chinese and "2020年全国劳动模范" in chinese


def test_the_demo_gives_two_people_english_biographies_and_every_district_an_english_name(client):
    assert "The same year he was named a National Model Worker." in html_of(client, "/en/dictionary/SRC-0002/")
    assert BIO_NOTE in html_of(client, "/en/dictionary/SRC-0003/")
    assert not District.objects.filter(name_en="").exists() and not Honour.objects.filter(name_en="").exists()
    assert District.objects.get(name="东城区").name_en == "Dongcheng District"

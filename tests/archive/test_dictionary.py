"""The dictionary home /dictionary/: order, filters, counts, error messages, pagination, privacy and caching."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from archive import views
from archive.models import Award, Honoree, Honour, Kind

pytestmark = pytest.mark.django_db

HOME = "/dictionary/"
NATIONAL = "quan-guo-lao-dong-mo-fan"
MUNICIPAL = "bei-jing-shi-lao-dong-mo-fan"


def make_honoree(external_id: str, name: str, *, awards=(), **fields) -> Honoree:
    """A saved record (save() computes pinyin and stroke keys) with awards given as (year, honour slug)."""
    honoree = Honoree(external_id=external_id, name=name, **fields)
    honoree.save()
    for year, slug in awards:
        Award(honoree=honoree, honour=Honour.objects.get(slug=slug), year=year).save()
    honoree.refresh_first_award_year()
    return honoree


def get_html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def results(html: str) -> str:
    """The result list only, so names in the filter panel or the title never count as results."""
    return html[html.index('id="results-heading"') :]


def names_in_order(html: str, names: list[str]) -> list[str]:
    listed = results(html)
    return sorted(names, key=lambda name: listed.index(f">{name}</a>"))


def test_default_order_is_by_surname_strokes(client):
    make_honoree("T-D-1", "丁一")
    make_honoree("T-D-2", "田大利")
    make_honoree("T-D-3", "田富")
    # With the demo people 王月鹏 朱忠义 刘博强 孙泽洲 张广义 陈历俊 陶建伟 曾晓岚; 田富 before 田大利 (姓氏笔画).
    html = get_html(client, HOME)
    expected = [
        "丁一",
        "王月鹏",
        "田富",
        "田大利",
        "朱忠义",
        "刘博强",
        "孙泽洲",
        "张广义",
        "陈历俊",
        "陶建伟",
        "曾晓岚",
    ]
    assert names_in_order(html, expected) == expected
    listed = results(html)
    # Grouped under headings by surname strokes, in order.
    headings = re.findall(r'<h3 class="stroke-heading">(\d+) 画</h3>', listed)
    assert headings == ["2", "4", "5", "6", "7", "10", "12"]


def test_browse_by_stroke_count(client):
    html = get_html(client, f"{HOME}?strokes=6")
    listed = results(html)
    assert names_in_order(html, ["孙泽洲", "刘博强", "朱忠义"]) == ["朱忠义", "刘博强", "孙泽洲"]
    assert "张广义" not in listed and "王月鹏" not in listed
    assert "共 3 条" in listed


def test_browse_by_pinyin_letter_reads_in_pinyin_order(client):
    html = get_html(client, f"{HOME}?letter=z")
    listed = results(html)
    # zeng < zhang < zhu, although by strokes 朱 (6) < 张 (7) < 曾 (12).
    assert names_in_order(html, ["朱忠义", "张广义", "曾晓岚"]) == ["曾晓岚", "张广义", "朱忠义"]
    assert "王月鹏" not in listed
    assert "stroke-heading" not in listed
    assert "按拼音排列" in listed


def test_letter_bar_counts_and_disabled_letters(client):
    html = get_html(client, HOME)
    # Z: 曾晓岚 张广义 朱忠义; C: 陈历俊.
    assert re.search(r'<a href="/dictionary/\?letter=Z"><span class="letter">Z</span> <span class="count">3<', html)
    assert re.search(r'<a href="/dictionary/\?letter=C"><span class="letter">C</span> <span class="count">1<', html)
    # No demo name starts with A: shown, but not a link.
    assert '<span class="letter-empty"><span class="letter">A</span>' in html
    assert "?letter=A" not in html


def test_facet_counts_are_shown_for_every_facet(client):
    make_honoree("T-F-1", "张三", awards=[(1995, NATIONAL)], kind=Kind.PERSON)
    make_honoree("T-F-2", "北京公交集团维修班组", awards=[(2005, "bei-jing-shi-mo-fan-ji-ti")], kind=Kind.COLLECTIVE)
    html = get_html(client, HOME)
    assert re.search(
        r'href="/dictionary/\?strokes=7"><span class="option-label">7画</span> <span class="count">3<', html
    )
    assert re.search(
        rf'href="/dictionary/\?honour={NATIONAL}"><span class="option-label">全国劳动模范</span> <span class="count">2<',
        html,
    )
    assert re.search(
        r'href="/dictionary/\?decade=1990"><span class="option-label">1990年代</span> <span class="count">1<', html
    )
    assert re.search(
        r'href="/dictionary/\?kind=collective"><span class="option-label">集体</span> <span class="count">1<', html
    )
    assert 'href="/dictionary/?district=dong-cheng-qu"' in html  # 张广义
    assert 'href="/dictionary/?industry=dian-li-neng-yuan"' in html  # 王月鹏


def test_combined_filters_need_one_award_that_matches_them_all(client):
    make_honoree("T-C-1", "张一", awards=[(1995, NATIONAL)])
    make_honoree("T-C-2", "张二", awards=[(2005, NATIONAL)])
    make_honoree("T-C-3", "陈三", awards=[(1995, MUNICIPAL)])
    make_honoree("T-C-4", "王四", awards=[(1995, NATIONAL)])
    make_honoree("T-C-5", "张五", awards=[(2005, NATIONAL), (1995, MUNICIPAL)])  # national, but not in the 1990s
    url = f"{HOME}?strokes=7&honour={NATIONAL}&decade=1990"
    html = get_html(client, url)
    listed = results(html)
    assert ">张一</a>" in listed
    for other in ("张二", "陈三", "王四", "张五"):
        assert f">{other}</a>" not in listed
    assert "共 1 条" in listed
    # Active filters, each with a link that removes only itself, and one that clears them all.
    assert f'<a class="filter-chip" href="/dictionary/?honour={NATIONAL}&amp;decade=1990">姓氏 7 画' in html
    assert '<a class="filter-chip" href="/dictionary/?strokes=7&amp;decade=1990">全国劳动模范' in html
    assert f'<a class="filter-chip" href="/dictionary/?strokes=7&amp;honour={NATIONAL}">1990年代' in html
    assert '<a class="clear-filters" href="/dictionary/">清除全部筛选</a>' in html
    # Facet counts agree with what their links show: 全国劳动模范 in the 1990s among 7-stroke surnames is one.
    assert re.search(r'aria-current="true"><span class="option-label">全国劳动模范</span> <span class="count">1<', html)


def test_facet_links_keep_the_other_filters_in_one_canonical_order(client):
    html = get_html(client, f"{HOME}?decade=2020&strokes=4")
    assert f'href="/dictionary/?strokes=4&amp;honour={NATIONAL}&amp;decade=2020"' in html
    # A year is offered once a decade is chosen, and keeps it.
    assert 'href="/dictionary/?strokes=4&amp;decade=2020&amp;year=2020"' in html
    assert "按获奖年份" not in get_html(client, HOME)


@pytest.mark.parametrize(
    "query, message",
    [
        ("strokes=abc", "姓氏笔画应为 1 到 64 之间的整数。"),
        ("strokes=%C2%B2", "姓氏笔画应为 1 到 64 之间的整数。"),
        ("letter=%E4%B8%AD", "拼音首字母应为 A–Z 中的一个字母。"),
        ("decade=1995", "年代应写作 1950、1960 这样的四位年份。"),
        ("year=" + "9" * 5000, "年份应在 1949 到 2100 之间。"),
        ("honour=no-such-honour", "没有找到这个荣誉：no-such-honour"),
        ("kind=robot", "类别应为 person（个人）或 collective（集体）。"),
    ],
)
def test_bad_parameters_are_explained_in_chinese_and_ignored(client, query, message):
    html = get_html(client, f"{HOME}?{query}&page=xyz")
    assert "有的筛选条件无法识别，已忽略" in html
    assert message in html
    listed = results(html)
    assert "共 8 条" in listed and ">张广义</a>" in listed  # the bad filter is ignored


def test_a_good_filter_still_applies_beside_a_bad_one(client):
    html = get_html(client, f"{HOME}?strokes=6&honour=nope")
    listed = results(html)
    assert "共 3 条" in listed and ">张广义</a>" not in listed


def test_pagination_preserves_filters(client, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    first = get_html(client, f"{HOME}?strokes=6")
    nav = first[first.index('<nav class="pagination') :]
    assert 'aria-label="分页"' in nav
    assert 'href="/dictionary/?strokes=6&amp;page=2" rel="next"' in nav
    assert "第 1 / 2 页" in nav
    assert '<input type="hidden" name="strokes" value="6">' in nav  # the page-jump form keeps the filter too
    second = get_html(client, f"{HOME}?strokes=6&page=2")
    listed = results(second)
    assert ">孙泽洲</a>" in listed and ">朱忠义</a>" not in listed
    assert 'href="/dictionary/?strokes=6" rel="prev"' in listed
    # Out-of-range pages show the last page rather than an error.
    assert ">孙泽洲</a>" in results(get_html(client, f"{HOME}?strokes=6&page=999"))


def test_total_comes_from_the_cache_not_a_count_query(client):
    client.get(HOME)
    with CaptureQueriesContext(connection) as queries:
        html = get_html(client, f"{HOME}?page=1")
    assert "共 8 条" in html
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def test_query_count_does_not_grow_with_the_page(client, monkeypatch, django_assert_max_num_queries):
    for number in range(60):
        make_honoree(f"T-Q-{number:03d}", f"王{number}号", awards=[(1995, NATIONAL), (2000, MUNICIPAL)])
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    with CaptureQueriesContext(connection) as small_page:
        client.get(HOME)
    cache.clear()
    monkeypatch.setattr(views, "PAGE_SIZE", 50)
    with django_assert_max_num_queries(len(small_page)):
        html = get_html(client, HOME)
    assert html.count('class="dictionary-item"') == 50


def test_withdrawn_and_unpublished_records_are_not_listed(client):
    make_honoree("T-W-1", "张撤下", withdrawn=True, awards=[(1995, NATIONAL)])
    make_honoree("T-W-2", "张草稿", live=False, awards=[(1995, NATIONAL)])
    html = get_html(client, HOME)
    assert "张撤下" not in html and "张草稿" not in html
    assert "共 8 条" in results(html)
    assert "T-W-1" not in html and "T-W-2" not in html
    assert re.search(
        r'href="/dictionary/\?strokes=7"><span class="option-label">7画</span> <span class="count">2<', html
    )


def test_synthetic_records_are_badged(client):
    make_honoree("SYN-T-1", "丁示例", is_synthetic=True, employer="北京第一机床厂")
    listed = results(get_html(client, HOME))
    item = listed[listed.index(">丁示例</a>") :][:400]
    assert '<span class="badge badge-synthetic">示例数据</span>' in item
    assert "北京第一机床厂" in item


def test_list_shows_pinyin_first_honour_employer_and_district(client):
    listed = results(get_html(client, HOME))
    item = listed[listed.index(">王月鹏</a>") :][:600]
    assert "Wáng Yuèpéng" in item
    assert "2020年 全国劳动模范" in item
    assert "国网北京昌平供电公司" in item and "昌平区" in item


def test_private_fields_never_appear(client):
    make_honoree(
        "T-P-1",
        "张隐私",
        contact_info="SECRET-CONTACT-4417",
        health_notes="SECRET-HEALTH-4417",
        archivist_notes="SECRET-NOTE-4417",
        withdrawn_reason="SECRET-REASON-4417",
    )
    html = get_html(client, HOME)
    assert "张隐私" in html
    assert "4417" not in html


def test_anonymous_pages_are_publicly_cacheable_but_editors_pages_are_not(client, make_user):
    response = client.get(HOME)
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    client.force_login(make_user("editor-dictionary", superuser=True))
    response = client.get(HOME)
    assert "public" not in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_home_links_to_statistics_and_collapses_filters_on_phones(client):
    html = get_html(client, HOME)
    assert 'href="/dictionary/statistics/"' in html
    assert '<details class="facets" data-open-when-wide="60em">' in html
    assert "/static/laomo/js/dictionary.js" in html
    assert "onclick" not in html and "<script>" not in html


def test_sitemap_lists_public_entries_only(client):
    make_honoree("T-S-1", "张公开")
    make_honoree("T-S-2", "张撤下", withdrawn=True)
    make_honoree("T-S-3", "张草稿", live=False)
    response = client.get("/sitemap-honorees.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert "/dictionary/T-S-1/</loc>" in xml and "/dictionary/SRC-0001/</loc>" in xml
    assert "T-S-2" not in xml and "T-S-3" not in xml


def test_level_kind_and_other_letter_filters_read_in_chinese(client):
    make_honoree("T-L-1", "Smith & Co", kind=Kind.COLLECTIVE, awards=[(2020, NATIONAL)])
    html = get_html(client, f"{HOME}?level=national&kind=person&letter=%23")
    chips = html[html.index('class="active-filters"') : html.index('class="dictionary-layout"')]
    assert "拼音首字母 其他" in chips and "全国级荣誉" in chips and "个人" in chips
    html = get_html(client, f"{HOME}?letter=%23")
    assert ">Smith &amp; Co</a>" in results(html)
    assert '<a href="/dictionary/" aria-current="true"><span class="letter">其他</span>' in html

"""The statistics page /dictionary/statistics/: accessible SVG charts, data tables and fresh figures."""

import re

import pytest

from archive.models import District
from archive.templatetags.archive_tags import bar_chart, ld_json

from .test_dictionary import NATIONAL, get_html, make_honoree

pytestmark = pytest.mark.django_db

URL = "/dictionary/statistics/"


def table_rows(html: str, caption: str) -> dict[str, str]:
    table = re.search(rf"<caption>{re.escape(caption)}：数据表</caption>(.*?)</table>", html, re.S).group(1)
    return dict(re.findall(r'<th scope="row">(.*?)</th><td class="number">(.*?)</td>', table))


def test_page_has_a_chart_and_a_table_for_every_breakdown(client):
    html = get_html(client, URL)
    assert "<title>数据 · 劳模辞典 · 劳模数字展馆</title>" in html
    for title in ("按获奖年份", "按获奖年代", "按荣誉", "按行业", "按所属区", "按性别（个人）"):
        chart_id = re.search(
            rf'<svg [^>]*aria-labelledby="([^"]+)"[^>]*>\s*<title id="\1">{re.escape(title)}</title>', html
        )
        assert chart_id, title
        assert re.search(rf'<svg [^>]*role="img"[^>]*aria-labelledby="{chart_id.group(1)}"', html)
        assert f"<caption>{title}：数据表</caption>" in html
    assert html.count('scope="col"') == 12
    assert html.count("<summary>查看数据表</summary>") == 6


def test_figures_come_from_public_records(client):
    make_honoree("T-ST-1", "张统计", awards=[(1995, NATIONAL)], gender="female")
    make_honoree("T-ST-2", "张撤下", awards=[(1995, NATIONAL)], gender="female", withdrawn=True)
    html = get_html(client, URL)
    assert '<strong class="figure">9</strong>' in html  # 8 demo records and one new, not the withdrawn one
    assert table_rows(html, "按获奖年份") == {"1995年": "1", "2020年": "1"}
    assert table_rows(html, "按荣誉")["全国劳动模范"] == "2"
    assert table_rows(html, "按性别（个人）") == {"未注明": "8", "女": "1"}
    assert table_rows(html, "按所属区")["昌平区"] == "1"


def test_page_reflects_a_newly_added_record(client):
    district = District.objects.create(name="测试区", slug="ce-shi-qu", sort_order=900)
    make_honoree("T-ST-3", "王一", district=district)
    assert table_rows(get_html(client, URL), "按所属区")["测试区"] == "1"
    make_honoree("T-ST-4", "王二", district=district)  # saving bumps the archive data version
    assert table_rows(get_html(client, URL), "按所属区")["测试区"] == "2"


def test_bars_are_sized_from_the_counts():
    chart = bar_chart(
        [
            {"label": "甲", "count": 200},
            {"label": "乙", "count": 50},
            {"label": "丙", "count": 1},
            {"label": "丁", "count": 0},
        ],
        "c",
        "题",
        "项",
    )
    assert [bar["width"] for bar in chart["bars"]] == ["100.00", "25.00", "0.50", "0.00"]
    assert chart["height"] == "12.80"
    assert "最多的是甲（200）" in chart["description"]


def test_svg_bars_are_rendered_in_percent_of_the_largest(client):
    html = get_html(client, URL)
    chart = html[html.index('<title id="chart-by-honour-title">') :]
    chart = chart[: chart.index("</svg>")]
    widths = re.findall(r'<rect class="bar" x="0" y="[\d.]+em" width="([\d.]+)%"', chart)
    assert widths and max(float(width) for width in widths) == 100.0


def test_ld_json_is_inert_inside_a_script_element():
    text = ld_json({"description": "</script><b>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert text == '{"description": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'


def test_statistics_page_is_cacheable_and_linked_back(client):
    response = client.get(URL)
    assert response["Cache-Control"] == "public, max-age=300"
    assert 'href="/dictionary/"' in response.content.decode()

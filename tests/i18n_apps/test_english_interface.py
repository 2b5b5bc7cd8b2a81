"""Issue 8: the hall, the films, the walls and the 纠错/补充 form speak English under /en/, and only their
interface changes: editors' content stays as written, and the Chinese site (tested elsewhere) is untouched."""

import re
from html import unescape

from django.test import RequestFactory
from django.utils import translation

import pytest

from exhibits.models import ExhibitionPage, LessonPage
from exhibits.walls.api import LocateParams, locate_name
from media.models import FilmPage
from participation.models import Correction
from tests.participation.test_corrections import submission
from tests.participation.test_share import decode_svg, reference_matrix

from .conftest import html_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def correction_settings(settings, tmp_path):
    """Evidence in a temporary folder; no minimum wait before sending the form (tests send at once)."""
    settings.LAOMO_CORRECTIONS_EVIDENCE_DIR = tmp_path / "evidence"
    settings.LAOMO_CORRECTIONS_MIN_SECONDS = 0


def main_of(html: str) -> str:
    return html.split('<main id="main-content"', 1)[1].split("</main>", 1)[0]


def assert_english(html: str, english: list[str], chinese: list[str]) -> None:
    for text in english:
        assert text in html, text
    for text in chinese:
        assert text not in html, text


def test_a_film_page_in_english(client):
    film = FilmPage.objects.live().exclude(chapters="").exclude(transcript="").first()
    html = html_of(client, "/en" + film.url)
    main = main_of(html)
    assert_english(
        main,
        [
            '<h2 id="chapters-heading">Chapters</h2>',
            "Transcript",
            "Model workers in the film",
            "← All model worker films",
        ],
        [">章节<", ">文字稿<", ">片中劳模<", "← 全部劳模微电影", ">纠错/补充<", ">分享<", ">复制链接<"],
    )
    assert film.title in main and film.summary in main  # the editors' text is left as it is
    assert re.search(r'aria-label="Play from \d\d:\d\d"', main)
    # The correction and share links keep the visitor on the English site, and the QR code is of this page.
    assert (
        f'<a class="correction-link" href="/en/corrections/new/?page={film.pk}" rel="nofollow">Correct or add</a>'
        in main
    )
    english_url = f"http://localhost/en{film.url}"
    panel = re.search(r'<section class="share-panel".*?</section>', main, re.S).group(0)
    assert decode_svg(re.search(r"<svg.*?</svg>", panel, re.S).group(0)) == reference_matrix(english_url)
    assert f'value="{english_url}"' in panel and "Copy link" in panel and 'data-msg-copied="Link copied."' in panel
    assert '<meta property="og:locale" content="en_GB">' in html
    assert f'<meta property="og:url" content="{english_url}">' in html


def test_the_films_index_filters_in_english(client):
    index = FilmPage.objects.live().first().get_parent()
    html = main_of(html_of(client, "/en" + index.url, theme="no-such-theme", year="20x"))
    assert_english(
        html,
        [
            "By theme",
            "By year",
            "By model worker in the film",
            "There is no theme called “no-such-theme”.",
            "The year “20x” should be four digits, such as 2020.",
            "All films: ",
        ],
        [">按主题<", ">按年份<", "全部影片：", "没有名为"],
    )
    chosen = main_of(html_of(client, "/en" + index.url, year="2020"))
    assert "Year: 2020" in chosen and re.search(r"Results: \d+ films?", chosen) and "年份：" not in chosen


def test_an_exhibition_in_english(client):
    exhibition = ExhibitionPage.objects.live().first()
    html = main_of(html_of(client, "/en" + exhibition.url))
    first = exhibition.get_children().live().first()
    assert_english(
        html,
        ["Exhibition contents", '<span class="toc-number">Section 1</span>', f"Start the tour: {first.title}", "Share"],
        ["展览目录", "第 1 单元", "开始参观"],
    )
    section = main_of(html_of(client, "/en" + first.url))
    total = exhibition.get_children().live().count()
    assert f"Section 1 of {total}" in section and "Next section →" in section and "下一单元" not in section


def test_a_lesson_in_english_links_within_the_english_site(client):
    lesson = LessonPage.objects.live().first()
    html = main_of(html_of(client, "/en" + lesson.url))
    assert_english(
        html,
        [
            "Learning objectives",
            "Discussion questions",
            "Download the worksheet (PDF, in Chinese)",
            f"This page: http://localhost/en{lesson.url}",
        ],
        ["学习目标", "讨论问题", "下载学习单", "课时"],
    )
    assert re.search(r'<span class="tag">\d+ class periods?</span>', html)


def test_the_wall_page_finds_a_name_in_english(client, wall):
    wall_page, people = wall
    liu = people["刘一"]
    placement = liu.wall_placements.get(wall=wall_page)
    place = f"Panel {placement.panel} · Column {placement.column} · Row {placement.row}"
    html = html_of(client, "/en" + wall_page.url, q="刘一")
    main = main_of(html)
    assert_english(
        main,
        [
            "Find a name",
            "Found 1 place:",
            place,
            "See it on the wall",
            "Print a name card",
            "Dictionary entry",
            "How to find this wall",
            'data-panel-title="Panel 1"',
            'aria-label="Column 1"',
            "Stone view",
        ],
        ["寻找名字", "找到 1 处", "第 1 块", "在墙上查看", "打印寻名卡", "怎样找到这面墙", "石碑视图"],
    )
    assert "<title>测试墙 · Panel 1 · Model Worker Digital Hall</title>" in html
    # Every link of the result stays in English: the highlighted spot, the card and the correction form.
    spot = f"/en{wall_page.url}?panel={placement.panel}&amp;highlight={liu.external_id}#highlighted"
    assert f'href="{spot}"' in main
    assert f'href="/en/walls/{wall_page.slug}/card/{liu.external_id}/"' in main
    correction = unescape(re.search(r'<a class="correction-link" href="([^"]+)"', main).group(1))
    assert correction.startswith(f"/en/corrections/new/?page={wall_page.pk}&name={liu.external_id}&panel=")
    assert f"place={place.replace(' ', '+').replace('·', '%C2%B7')}" in correction


def test_the_name_card_and_the_list_view_in_english(client, wall):
    wall_page, people = wall
    card = main_of(html_of(client, f"/en/walls/{wall_page.slug}/card/{people['丁一'].external_id}/"))
    assert_english(
        card,
        [
            "Name card",
            "Panel 1 · Column 1 · Row 1",
            "Honour",
            "1989",
            "Scan for the dictionary entry",
            "column 1 is on the far right",
            "Is the name or its place wrong?",
        ],
        ["寻名卡", "扫码查看辞典条目", "第 1 列在最右边"],
    )
    assert 'aria-label="Plan of panel 1: 2 columns by 2 rows, marking column 1, row 1"' in card
    listing = main_of(html_of(client, "/en" + wall_page.url, view="list"))
    assert "<caption>Names on panel 1, in the order on the wall</caption>" in listing
    assert "<td>Column 1 · Row 1</td>" in listing and "第 1 列" not in listing


def test_the_wall_api_answers_in_chinese_whatever_the_interface_language(wall):
    wall_page, _people = wall
    request = RequestFactory().get(f"/api/walls/{wall_page.slug}/locate/")
    with translation.override("en"):
        answer = locate_name(request, wall_page.slug, LocateParams(name="刘一"))
    match = answer["matches"][0]
    assert match["place"].startswith("第 2 块 · 第 1 列") and match["match"] == "姓名相同"


def test_the_correction_form_in_english_records_the_language(client):
    form = html_of(client, "/en/corrections/new/", honoree="SRC-0001")
    assert_english(
        main_of(form),
        [
            "Corrections and additions",
            "What is wrong, or what is missing",
            "Family member or relative",
            "Report an error",
            " (required)",
            "Send",
        ],
        ["纠错与补充", "哪里有误", "家属或亲属", "（必填）", "提交"],
    )
    token = re.search(r'name="shown" value="([^"]+)"', form).group(1)
    refused = client.post("/en/corrections/new/", {**submission(shown=token, what_wrong=""), "honoree": "SRC-0001"})
    assert refused.status_code == 400
    assert "Please say what is wrong or missing." in refused.content.decode()
    assert "请写明哪里有误" not in refused.content.decode()
    sent = client.post("/en/corrections/new/", {**submission(shown=token), "honoree": "SRC-0001"})
    assert sent.status_code == 302 and sent["Location"].startswith("/en/corrections/thanks/")
    assert Correction.objects.get().language == "en"
    thanks = main_of(html_of(client, sent["Location"]))
    assert "Thank you! We have received it" in thanks and "谢谢您" not in thanks

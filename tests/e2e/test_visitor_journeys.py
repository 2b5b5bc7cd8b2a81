"""What visitors and teachers do, in a real browser under the site's Content Security Policy."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from exhibits.models import ExhibitionPage

from .conftest import screenshot

pytestmark = pytest.mark.django_db


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_search_a_name_by_pinyin_and_open_the_entry(open_context, viewport):
    page = open_context(viewport).new_page()
    page.goto("/")
    if viewport == "phone":  # the header's search box is in the 菜单 menu, which 搜索 opens
        page.locator("[data-search-open]").click()
    page.locator("#header-q").fill("zhangguangyi")
    page.locator("#header-q").press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=zhangguangyi"))
    first_hit = page.locator(".search-results .result-list li").first.get_by_role("link")
    expect(first_hit).to_have_text("张广义")
    screenshot(page, "journey-search-results", viewport)

    first_hit.click()
    expect(page).to_have_url(re.compile(r"/dictionary/SRC-0001/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("张广义")
    screenshot(page, "journey-entry", viewport)


def test_walk_an_exhibition_on_a_phone(phone):
    exhibition = ExhibitionPage.objects.live().get(slug="glory-to-workers")
    sections = [section.title for section in exhibition.get_children().live().specific()]
    assert len(sections) >= 3

    phone.goto("/hall/")
    phone.get_by_role("link", name=exhibition.title).first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(exhibition.title)
    assert horizontal_overflow(phone) <= 0, "the exhibition page scrolls sideways on a 390px phone"
    screenshot(phone, "journey-exhibition", "phone")

    # Enter at the first section, then follow “下一单元” to the end, as a visitor would.
    phone.locator("main").get_by_role("link", name=sections[0]).first.click()
    visited = []
    while True:
        heading = phone.get_by_role("heading", level=1)
        expect(heading).to_be_visible()
        visited.append(heading.inner_text().strip())
        assert horizontal_overflow(phone) <= 0, f"“{visited[-1]}” scrolls sideways on a 390px phone"
        screenshot(phone, f"journey-exhibition-section-{len(visited)}", "phone")
        next_link = phone.locator(".section-nav a[rel=next]")
        if not next_link.count():
            break
        next_url = next_link.get_attribute("href")
        next_link.click()
        phone.wait_for_url(f"**{next_url}")
    assert visited == sections


def test_find_a_name_on_the_wall_and_see_it_highlighted(phone):
    phone.goto("/walls/")
    phone.locator("#walls-q").fill("zgy")
    phone.locator("#walls-q").press("Enter")
    result = phone.locator(".wall-result-list li").filter(has_text="张广义").first
    expect(result).to_be_visible()
    screenshot(phone, "journey-wall-finder", "phone")

    result.get_by_role("link", name="在墙上查看").click()
    highlighted = phone.locator("#highlighted")
    expect(highlighted).to_have_text(re.compile("张广义"))
    expect(highlighted).to_have_attribute("aria-current", "true")
    expect(highlighted).to_be_in_viewport()
    # The highlight must be seen, not only announced: its stone has another colour than an ordinary name's.
    marked, plain = phone.evaluate(
        """() => {
            const colour = (li) => getComputedStyle(li).backgroundColor;
            const plain = document.querySelector('.wall-viewport li:not(.is-highlighted)');
            return [colour(document.querySelector('#highlighted').closest('li')), plain && colour(plain)];
        }"""
    )
    assert marked not in ("rgba(0, 0, 0, 0)", plain)
    screenshot(phone, "journey-wall-highlighted", "phone")


def test_play_a_film_with_captions_on(desktop):
    desktop.goto("/films/")
    desktop.locator("main").get_by_role("link", name="一生只干一件事").first.click()
    video = desktop.locator("video")
    expect(video).to_be_visible()
    desktop.wait_for_function("() => document.querySelector('video').readyState >= 1")
    assert desktop.evaluate("document.querySelector('video').textTracks[0].mode") == "showing"

    # The native controls are the player: focused with Tab, played with the space bar.
    video.focus()
    desktop.keyboard.press("Space")
    desktop.wait_for_function("() => document.querySelector('video').currentTime > 1.5", timeout=20_000)
    cue = desktop.evaluate(
        """() => { const cues = document.querySelector('video').textTracks[0].activeCues;
                   return cues && cues.length ? cues[0].text : ''; }"""
    )
    assert cue.strip(), "no caption is showing while the film plays"
    assert not desktop.evaluate("document.querySelector('video').paused")
    screenshot(desktop, "journey-film-playing", "desktop")


def test_a_teacher_downloads_a_worksheet(desktop):
    desktop.goto("/lessons/")
    lesson = desktop.locator(".lesson-list h2 a").first
    title = lesson.inner_text().strip()
    lesson.click()
    expect(desktop.get_by_role("heading", level=1)).to_have_text(title)
    screenshot(desktop, "journey-lesson", "desktop")

    with desktop.expect_download() as download_info:
        desktop.get_by_role("link", name=re.compile("下载学习单")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    pdf = open(download.path(), "rb").read()
    assert pdf.startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert title[:6] in text, "the worksheet is not the lesson's"

"""The hall's picture layouts in a real browser: side by side on a 1440px screen, stacked on 390px and 320px phones
(in 长辈模式 too, and on the English site), never wider than the screen, every picture zoomed and closed again with
the keyboard in the media library's lightbox, and no serious accessibility problem."""

import itertools
import re

import pytest
from playwright.sync_api import expect

from .checks import axe_violations, describe_violations
from .conftest import screenshot
from .test_keyboard import tab_to

pytestmark = pytest.mark.django_db

SECTION = "/hall/glory-to-workers/portraits/"  # 为劳模造像: the demo section with the four layouts
LAYOUTS = {
    "full-width": ".block-full-width-image",
    "beside-text": ".block-two-column",
    "strip": ".block-gallery-strip",
    "quote": ".block-quote-image",
}
PHONES = [(390, False), (390, True), (320, False), (320, True)]


def open_section(open_context, live, viewport="desktop", width=None, elder=False, path=SECTION):
    page = open_context(viewport).new_page()
    if elder:
        page.context.add_cookies([{"name": "laomo_elder", "value": "1", "url": live.url}])
    if width:
        page.set_viewport_size({"width": width, "height": 740})
    assert page.goto(path).status == 200
    assert page.evaluate("document.documentElement.classList.contains('elder')") == elder
    return page


def box(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(
        "el => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top + scrollY,"
        " bottom: r.bottom + scrollY, width: r.width}; }"
    )


def wider_than_the_screen(page, within: str = "main") -> list[str]:
    """Elements that reach past either edge of the screen (a scrolling strip's own pictures are clipped by it)."""
    return page.evaluate(
        """(within) => {
            const screen = document.documentElement.clientWidth;
            return [...document.querySelectorAll(within + ' *')]
                .filter(el => !el.closest('.strip-scroller') || el.matches('.strip-scroller'))
                .filter(el => { const r = el.getBoundingClientRect();
                                return r.width > 0 && (r.right > screen + 0.5 || r.left < -0.5); })
                .map(el => el.outerHTML.slice(0, 120));
        }""",
        within,
    )


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - innerWidth")


def load_pictures(page):
    """Bring every lazy picture into view (in the page and in the strip) until it has loaded, then go back."""
    for picture in page.locator(".hall-stream img").all():
        picture.scroll_into_view_if_needed()
        picture.evaluate("img => img.complete || new Promise(done => img.addEventListener('load', done))")
    page.evaluate("() => { document.querySelector('.strip-scroller').scrollLeft = 0; scrollTo(0, 0); }")


def contrast(foreground: tuple[float, ...], background: tuple[float, ...]) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rgba(css: str) -> tuple[float, ...]:
    values = [float(part) for part in re.findall(r"[\d.]+", css)]
    return tuple(values) if len(values) == 4 else (*values, 1.0)


def test_layouts_on_a_desktop_screen(open_context, live):
    page = open_section(open_context, live)
    load_pictures(page)
    screen = page.evaluate("document.documentElement.clientWidth")
    column = box(page, ".hall-stream > .stream-paragraph")

    # Full-width picture: edge to edge, from a rendition at least as wide as the screen; caption and credit below.
    picture = box(page, ".block-full-width-image img")
    assert round(picture["left"]) == 0 and round(picture["width"]) == screen
    assert page.locator(".block-full-width-image img").evaluate("img => img.naturalWidth") >= 1440
    caption = page.locator(".block-full-width-image figcaption")
    expect(caption).to_contain_text("刘博强是保障2022北京冬奥的制冰师")
    expect(caption.locator(".credit")).to_have_text("示意插图（程序生成，非实景照片）")
    assert box(page, ".block-full-width-image figcaption")["left"] == column["left"]  # aligned with the text

    # Image beside text, the picture on the right as the editor chose, both wider than the reading column.
    figure, text = box(page, ".block-two-column figure"), box(page, ".two-column-text")
    assert figure["left"] >= text["right"], "the picture is not to the right of its text"
    assert figure["top"] < text["bottom"] and text["top"] < figure["bottom"], "picture and text are not side by side"
    assert box(page, ".block-two-column")["width"] > column["width"]
    expect(page.locator(".block-two-column figcaption .credit")).to_be_visible()

    # Gallery strip: one row, scrolled sideways with the arrow keys once it has the focus.
    items = page.locator(".strip-list > li")
    assert items.count() == 4
    tops = {round(box(page, f".strip-list > li:nth-child({n})")["top"]) for n in range(1, 5)}
    assert len(tops) == 1, "the strip's pictures are not in one row"
    scroller = page.locator(".strip-scroller")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth"), "nothing to scroll: the strip does not overflow"
    for n in range(1, 5):  # captions and credits are shown, not only on hover
        expect(items.nth(n - 1).locator("figcaption .credit")).to_be_visible()
    tab_to(page, scroller)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.strip-scroller').scrollLeft > 0")

    # Quote over a picture: the words on the darkened picture, white on a shade dark enough over any picture.
    stage, words = box(page, ".quote-image-stage"), box(page, ".quote-image-stage blockquote")
    backdrop = box(page, ".quote-image-stage img")
    assert stage["width"] == screen and backdrop["width"] == screen
    assert backdrop["top"] <= words["top"] and words["bottom"] <= backdrop["bottom"]
    text_colour = rgba(page.locator(".quote-image-stage blockquote").evaluate("el => getComputedStyle(el).color"))
    shade = rgba(page.locator(".quote-image-stage").evaluate("el => getComputedStyle(el, '::before').backgroundColor"))
    over_white = tuple(shade[3] * shade[i] + (1 - shade[3]) * 255 for i in range(3))  # the brightest picture
    assert contrast(text_colour, over_white) >= 4.5
    expect(page.locator(".quote-image-stage figcaption")).to_have_text("—— 王月鹏")

    assert horizontal_overflow(page) <= 0
    screenshot(page, "picture-layouts", "desktop")


@pytest.mark.parametrize(("width", "elder"), PHONES, ids=[f"{w}px{'-elder' if e else ''}" for w, e in PHONES])
def test_layouts_stack_on_phones(open_context, live, width, elder):
    page = open_section(open_context, live, viewport="phone", width=width, elder=elder)
    load_pictures(page)
    screen = page.evaluate("document.documentElement.clientWidth")
    assert screen == width

    figure, text = box(page, ".block-two-column figure"), box(page, ".two-column-text")
    assert figure["bottom"] <= text["top"], "the picture is not above its text"
    rows = [box(page, f".strip-list > li:nth-child({n})") for n in range(1, 5)]
    assert all(upper["bottom"] <= lower["top"] for upper, lower in itertools.pairwise(rows)), "the strip is not stacked"
    assert page.locator(".strip-scroller").evaluate("el => el.scrollWidth <= el.clientWidth")
    for selector in LAYOUTS.values():
        assert box(page, selector)["width"] <= screen
    assert box(page, ".block-full-width-image img")["width"] == screen
    for caption in page.locator(".hall-stream figcaption").all():
        expect(caption).to_be_visible()
    assert wider_than_the_screen(page) == []
    screenshot(page, f"picture-layouts-{width}{'-elder' if elder else ''}", "phone")


@pytest.mark.parametrize(("width", "elder"), PHONES, ids=[f"{w}px{'-elder' if e else ''}" for w, e in PHONES])
def test_the_section_never_scrolls_sideways_on_a_phone(open_context, live, width, elder):
    page = open_section(open_context, live, viewport="phone", width=width, elder=elder)
    load_pictures(page)
    assert horizontal_overflow(page) <= 0, wider_than_the_screen(page, "body")


def test_every_picture_zooms_and_closes_with_the_keyboard(desktop):
    desktop.goto(SECTION)
    dialog = desktop.locator("dialog.lightbox")
    zoom_links = {
        "full-width": desktop.locator(".block-full-width-image a[data-lightbox]"),
        "strip": desktop.locator(".block-gallery-strip a[data-lightbox]").first,
        "beside-text": desktop.locator(".block-two-column a[data-lightbox]"),
        "quote": desktop.locator(".block-quote-image a[data-lightbox]"),
    }
    for name, link in zoom_links.items():  # in the order of the page: Tab goes on from the last one
        tab_to(desktop, link)
        desktop.keyboard.press("Enter")
        expect(dialog).to_be_visible()
        expect(desktop.locator(".lightbox-caption")).to_contain_text("示意插图（程序生成，非实景照片）")
        picture = desktop.locator(".lightbox-stage img")
        expect(picture).to_have_attribute("alt", link.get_attribute("data-alt"))
        desktop.wait_for_function(
            "() => (img => img.complete && img.naturalWidth > 0)(document.querySelector('.lightbox-stage img'))"
        )
        assert desktop.evaluate("document.activeElement.closest('dialog.lightbox') !== null"), name
        if name == "strip":  # the strip's pictures are one set: the arrow keys go through them
            expect(desktop.locator(".lightbox-count")).to_have_text("第 1 张，共 4 张")
            desktop.keyboard.press("ArrowRight")
            expect(desktop.locator(".lightbox-count")).to_have_text("第 2 张，共 4 张")
            desktop.keyboard.press("ArrowLeft")
        # Pinch-zoom stays with the browser inside the lightbox.
        assert "pinch-zoom" in desktop.locator(".lightbox-stage").evaluate("el => getComputedStyle(el).touchAction")
        if name == "full-width":
            screenshot(desktop, "picture-layouts-zoomed", "desktop")
        desktop.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        assert link.evaluate("el => el === document.activeElement"), f"{name}: the focus did not come back"
    assert "user-scalable=no" not in desktop.locator("meta[name=viewport]").get_attribute("content")


@pytest.mark.parametrize(
    ("viewport", "width", "elder"),
    [("desktop", None, False), ("desktop", None, True), ("phone", 320, False), ("phone", 320, True)],
    ids=["1440px", "1440px-elder", "320px", "320px-elder"],
)
def test_no_serious_accessibility_problem_in_the_layouts(open_context, live, viewport, width, elder):
    """At the widths and modes the shared page checks (tests/e2e/pages.py) do not cover."""
    page = open_section(open_context, live, viewport=viewport, width=width, elder=elder)
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_english_site_shows_the_same_layouts(open_context, live, viewport):
    page = open_section(open_context, live, viewport=viewport, path=f"/en{SECTION}")
    load_pictures(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    for selector in LAYOUTS.values():
        expect(page.locator(selector)).to_have_count(1)
    expect(page.locator(".block-gallery-strip .strip-scroller")).to_have_attribute("aria-label", "示意插图一览")
    expect(page.locator(".block-quote-image a[data-lightbox]")).to_have_text("View the picture enlarged")
    assert horizontal_overflow(page) <= 0 and wider_than_the_screen(page) == []
    page.locator(".block-quote-image a[data-lightbox]").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="Image viewer")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("dialog.lightbox")).to_be_hidden()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

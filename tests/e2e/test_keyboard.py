"""Everything works with the keyboard alone: every control is reached with Tab, shows where the focus is, and does
its job with Enter, the space bar or the arrow keys. Nothing here clicks or focuses an element directly."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import screenshot
from .pages import PAGES

pytestmark = pytest.mark.django_db
MAX_TAB_STOPS = 400

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        element: el.outerHTML.slice(0, 160),
        visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
        inViewport: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
        // A player's native controls take the focus one by one inside the element and draw their own ring.
        indicator: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'
            || el.matches('video[controls], audio[controls]'),
    };
}"""


def tab_to(page, locator, limit=MAX_TAB_STOPS):
    """Press Tab until the locator has the focus; fail if the keyboard never reaches it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{locator} is not reached with Tab")


def test_skip_link_comes_first_and_moves_to_the_content(desktop):
    desktop.goto("/")
    desktop.keyboard.press("Tab")
    skip = desktop.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    desktop.keyboard.press("Enter")
    expect(desktop.locator("#main-content")).to_be_focused()
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.querySelector('#main-content').contains(document.activeElement)")


@pytest.mark.parametrize("name", [name for name in PAGES if name != "admin-login"])
def test_every_tab_stop_is_visible_and_shows_the_focus(desktop, name):
    desktop.goto(PAGES[name].split("#")[0])
    stops, problems = [], []
    for _ in range(MAX_TAB_STOPS):
        desktop.keyboard.press("Tab")
        focused = desktop.evaluate(FOCUSED)
        if focused is None and not stops:
            continue  # the page had put the focus somewhere (the wall: on the highlighted name); tab round to the top
        if focused is None or (stops and focused["element"] == stops[0]):
            break  # through the page and back to the browser (or the start): no trap
        stops.append(focused["element"])
        if not (focused["visible"] and focused["inViewport"] and focused["indicator"]):
            problems.append(focused)
    else:
        pytest.fail(f"{PAGES[name]}: still tabbing after {MAX_TAB_STOPS} stops (a keyboard trap?)")
    assert len(stops) >= 5, stops
    assert not problems, f"{PAGES[name]}: focus not visible on\n" + "\n".join(map(str, problems))


def test_search_suggestions_by_keyboard(desktop):
    desktop.goto("/")
    box = desktop.locator("#header-q")
    tab_to(desktop, box)
    desktop.keyboard.type("zgy")
    option = desktop.get_by_role("option").filter(has_text="张广义")
    expect(option).to_be_visible()
    desktop.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile(".+"))
    desktop.keyboard.press("Enter")
    expect(desktop).to_have_url(re.compile(r"/dictionary/SRC-0001/$"))


def test_elder_mode_larger_text_by_keyboard(phone):
    """The larger-text option (长辈模式) is a button in the phone header's 菜单 menu: reached and opened from the
    keyboard, on with Enter, remembered, off with Space."""
    phone.goto("/dictionary/SRC-0001/")
    size = "() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"
    normal = phone.evaluate(size)
    toggle = phone.locator("[data-elder-toggle]")
    tab_to(phone, phone.locator("[data-menu-toggle]"))
    phone.keyboard.press("Enter")
    tab_to(phone, toggle)
    phone.keyboard.press("Enter")
    expect(phone.locator("html")).to_have_class(re.compile(r"\belder\b"))
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert phone.evaluate(size) >= normal * 1.25

    phone.reload()
    expect(phone.locator("html")).to_have_class(re.compile(r"\belder\b"))
    screenshot(phone, "keyboard-elder-mode", "phone")
    tab_to(phone, phone.locator("[data-menu-toggle]"))
    phone.keyboard.press("Space")
    tab_to(phone, phone.locator("[data-elder-toggle]"))
    phone.keyboard.press("Space")
    expect(phone.locator("html")).not_to_have_class(re.compile(r"\belder\b"))
    assert phone.evaluate(size) == normal


def test_wall_finder_and_highlight_by_keyboard(desktop):
    desktop.goto("/walls/")
    tab_to(desktop, desktop.locator("#walls-q"))
    desktop.keyboard.type("zhangguangyi")
    desktop.keyboard.press("Enter")
    link = (
        desktop.locator(".wall-result-list li").filter(has_text="张广义").first.get_by_role("link", name="在墙上查看")
    )
    expect(link).to_be_visible()
    tab_to(desktop, link)
    desktop.keyboard.press("Enter")
    expect(desktop.locator("#highlighted")).to_be_in_viewport()
    # The stone scrolls with the arrow keys once it has the focus.
    viewport = desktop.locator(".wall-viewport")
    tab_to(desktop, viewport)
    expect(viewport).to_be_focused()


def test_film_plays_by_keyboard(desktop):
    desktop.goto(PAGES["film"])
    tab_to(desktop, desktop.locator("video"))
    desktop.keyboard.press("Space")
    desktop.wait_for_function("() => document.querySelector('video').currentTime > 0.5", timeout=20_000)
    desktop.keyboard.press("Space")
    desktop.wait_for_function("() => document.querySelector('video').paused")


def test_worksheet_download_by_keyboard(desktop):
    desktop.goto(PAGES["lesson"])
    tab_to(desktop, desktop.get_by_role("link", name=re.compile("下载学习单")))
    with desktop.expect_download() as download_info:
        desktop.keyboard.press("Enter")
    assert open(download_info.value.path(), "rb").read(5) == b"%PDF-"


def test_admin_login_by_keyboard(desktop, make_user):
    make_user("jianpan", "编辑")
    desktop.goto("/admin/login/")
    tab_to(desktop, desktop.locator("#id_username"))
    desktop.keyboard.type("jianpan")
    desktop.keyboard.press("Tab")
    expect(desktop.locator("#id_password")).to_be_focused()
    desktop.keyboard.type("correct horse battery")
    desktop.keyboard.press("Enter")
    expect(desktop).to_have_url(re.compile(r"/admin/$"))

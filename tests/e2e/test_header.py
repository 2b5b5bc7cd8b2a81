"""The phone header (issue 17): one row, with 菜单 a disclosure holding every section, search, 长辈模式 and the
language; usable from the keyboard, and the whole menu on a desktop."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db


def test_the_menu_opens_and_closes_from_the_keyboard_and_holds_everything(phone):
    phone.goto("/dictionary/")
    menu_button = phone.get_by_role("button", name="菜单")
    menu = phone.locator("#site-menu")
    expect(menu).to_be_hidden()
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    menu_button.focus()
    phone.keyboard.press("Enter")
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="劳模辞典")).to_be_visible()
    expect(menu.get_by_role("link", name="劳模墙")).to_be_visible()
    expect(menu.get_by_role("button", name="长辈模式")).to_be_visible()
    expect(menu.get_by_role("link", name="English")).to_be_visible()
    phone.keyboard.press("Tab")  # into the menu: its first section
    assert phone.evaluate("document.activeElement.closest('#site-menu') !== null")
    phone.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(menu_button).to_be_focused()
    # A section chosen from the menu.
    menu_button.click()
    menu.get_by_role("link", name="劳模墙").click()
    expect(phone).to_have_url(re.compile(r"/walls/$"))


def test_search_opens_the_menu_at_the_search_box_and_searches(phone):
    phone.goto("/")
    phone.get_by_role("link", name="搜索").first.click()
    box = phone.locator("#site-menu input[type=search]")
    expect(box).to_be_focused()
    box.fill("zhangguangyi")
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(r"/search/\?q=zhangguangyi"))
    # On the search page the header has no second box: 搜索 goes to the page's own.
    expect(phone.locator(".site-header .header-search")).to_be_hidden()
    phone.locator("[data-search-open]").click()
    expect(phone.locator("#search-page-q")).to_be_focused()
    # The first result is on the first screen, the filters folded behind 筛选.
    expect(phone.locator(".facets")).not_to_have_attribute("open", "")
    first = phone.locator(".result-list li").first.bounding_box()
    assert first["y"] < 844, f"the first result starts at {first['y']}px, below a 844px screen"


def test_a_desktop_shows_the_whole_menu_and_no_menu_button(desktop):
    desktop.goto("/")
    expect(desktop.get_by_role("button", name="菜单")).to_be_hidden()
    expect(desktop.locator(".main-nav")).to_be_visible()
    expect(desktop.locator(".header-search input")).to_be_visible()
    desktop.goto("/search/?q=zhangguangyi")
    expect(desktop.locator(".facets")).to_have_attribute("open", "")


def test_without_javascript_the_phone_header_shows_everything(open_context):
    page = open_context("phone", java_script_enabled=False).new_page()
    page.goto("/")
    expect(page.locator(".main-nav")).to_be_visible()
    expect(page.locator("[data-menu-toggle]")).to_be_hidden()

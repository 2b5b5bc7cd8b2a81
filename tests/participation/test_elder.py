"""长辈模式: one visible switch, remembered across pages, rendering the class that the elder CSS keys on."""

import re
from pathlib import Path

from django.conf import settings

import pytest

import participation

pytestmark = pytest.mark.django_db

STATIC = Path(settings.STATICFILES_DIRS[0])
PAGES = ["/", "/dictionary/", "/dictionary/SRC-0001/", "/search/?q=张广义"]


def html_class(html: str) -> list[str]:
    return re.search(r'<html lang="zh-Hans" class="([^"]*)">', html).group(1).split()


def switch(html: str) -> str:
    return re.search(r'<form class="elder-switch".*?</form>', html, re.S).group(0)


def test_the_switch_is_a_real_toggle_button_in_every_header(client):
    for url in PAGES:
        html = client.get(url).content.decode()
        form = switch(html)
        assert re.search(r'<button type="submit" class="elder-toggle" data-elder-toggle aria-pressed="false"', form), (
            url
        )
        assert "长辈模式" in form
        assert 'action="/preferences/elder/"' in form and 'name="on" value="1"' in form
        assert "elder" not in html_class(html)


def test_turning_it_on_without_javascript_persists_across_pages(client):
    response = client.get("/preferences/elder/", {"on": "1", "next": "/dictionary/SRC-0001/"})
    assert response.status_code == 302 and response["Location"] == "/dictionary/SRC-0001/"
    cookie = response.cookies["laomo_elder"]
    assert cookie.value == "1" and int(cookie["max-age"]) >= 365 * 24 * 3600 and cookie["samesite"] == "Lax"
    assert not cookie["httponly"]  # the page's script reads it too
    for url in PAGES:
        response = client.get(url)
        html = response.content.decode()
        assert "elder" in html_class(html), url
        assert 'aria-pressed="true"' in switch(html) and 'name="on" value="0"' in switch(html)
        assert "Cookie" in response["Vary"], url  # caches keep the two versions apart

    response = client.get("/preferences/elder/", {"on": "0", "next": "/"})
    assert response.cookies["laomo_elder"].value == ""
    assert "elder" not in html_class(client.get("/").content.decode())


def test_the_switch_returns_to_the_same_page_only_on_this_site(client):
    html = client.get("/dictionary/?letter=Z").content.decode()
    assert 'name="next" value="/dictionary/?letter=Z"' in switch(html)
    for unsafe in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.get("/preferences/elder/", {"on": "1", "next": unsafe})
        assert response["Location"] == "/", unsafe
    assert "no-cache" in client.get("/preferences/elder/", {"on": "1"})["Cache-Control"]


def test_prefs_script_sets_the_class_before_paint_from_cookie_or_storage(client):
    html = client.get("/").content.decode()
    head = html.split("</head>")[0]
    # prefs.js is synchronous in <head> (no defer/async), so the class is set before the first paint.
    assert re.search(r'<script src="/static/laomo/js/prefs.js"></script>', head)
    script = (STATIC / "laomo/js/prefs.js").read_text()
    assert "laomo_elder=" in script and "localStorage.getItem(KEY)" in script
    assert 'root.classList.toggle("elder", on)' in script
    assert '"laomo-text-size") === "large"' in script  # the earlier 大字模式 choice is carried over
    site_js = (STATIC / "laomo/js/site.js").read_text()
    assert "[data-elder-toggle]" in site_js and "aria-pressed" in site_js and "setElder" in site_js


def css_rule(css: str, selector: str) -> str:
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert match, selector
    return match.group(1)


def test_elder_css_meets_the_guidance():
    css = (STATIC / "laomo/css/site.css").read_text()
    rule = css_rule(css, "html.elder")
    base = float(re.search(r"--base-size:\s*([\d.]+)rem", rule).group(1)) * 16
    line_height = float(re.search(r"--line-height:\s*([\d.]+)", rule).group(1))
    target = int(re.search(r"--target:\s*(\d+)px", rule).group(1))
    assert base >= 20 and line_height >= 1.8 and target >= 56
    assert "display: none" in css_rule(css, "html.elder .elder-hide")
    assert "position: static" in css_rule(css, "html.elder .sticky, html.elder [data-floating], html.elder .floating")
    assert "display: none" in css_rule(css, "html.elder .entry .cite-box, html.elder .entry-nav-label")
    assert "minmax(0, 1fr)" in css_rule(css, "html.elder .facts")  # facts one under the other, entry and card


def test_read_aloud_button_on_entries_with_a_biography(client):
    html = client.get("/dictionary/SRC-0001/").content.decode()
    button = re.search(r'<button type="button" class="read-aloud"[^>]*>', html).group(0)
    assert 'data-read-aloud="bio-heading"' in button and " hidden" in button  # shown only by the script
    assert 'data-label-stop="停止"' in button
    assert 'id="bio-heading"' in html  # what it reads: the biography section of entry.html
    assert '<script src="/static/participation/read-aloud.js" defer></script>' in html
    script = (Path(participation.__file__).parent / "static/participation/read-aloud.js").read_text()
    assert '"speechSynthesis" in window' in script and "zh-cn" in script and "button.hidden = false" in script


@pytest.mark.parametrize(
    "target",
    ["foo", "wagtail_serve", "participation:elder", "/\\evil.example/", "/\t/evil.example", "\\\\evil.example"],
)
def test_a_bad_next_goes_home_never_to_an_error(client, target):
    client.raise_request_exception = False
    response = client.get("/preferences/elder/", {"on": "1", "next": target})
    assert response.status_code == 302 and response["Location"] == "/", target
    assert client.get("/en/preferences/elder/", {"on": "1", "next": target})["Location"] == "/en/"

"""Two languages at two addresses: Chinese at /…, English at /en/…, a switch on every page between them."""

import re

import pytest

from .conftest import html_of

pytestmark = pytest.mark.django_db


def switch_links(html: str) -> list[str]:
    """The <a> tags of the header's language switch."""
    nav = re.search(r'<nav class="language-switch"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "no language switch"
    return re.findall(r"<a [^>]*>[^<]*</a>", nav.group(1))


def test_english_home_has_an_english_interface(client):
    html = html_of(client, "/en/")
    assert '<html lang="en"' in html
    for english in ("Skip to main content", "Find a model worker", "Main navigation", "Model Worker Digital Hall"):
        assert english in html
    for chinese in ("跳到正文", "查找一位劳模", "主导航", "走进展馆"):
        assert chinese not in html
    # Links stay on the English site: the dictionary, the search form, the untranslated hall (in Chinese).
    assert 'href="/en/dictionary/"' in html and 'action="/en/search/"' in html
    assert '<a href="/en/hall/" lang="zh-Hans">网上展厅</a>' in html


def test_chinese_home_stays_chinese_whatever_the_browser_asks_for(client):
    html = html_of(client, "/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="zh-Hans"' in html
    assert "查找一位劳模" in html and "Find a model worker" not in html
    assert "本页尚未翻译" not in html and "This page has not been translated" not in html
    assert switch_links(html) == ['<a href="/en/" lang="en" hreflang="en">English</a>']


def test_unprefixed_addresses_outside_the_site_stay_chinese(client):
    response = client.get("/api/honorees/?strokes=99", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["errors"]["strokes"] == "姓氏笔画应为 1 到 64 之间的整数。"


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("/dictionary/SRC-0002/", "/en/dictionary/SRC-0002/"),
        (
            "/dictionary/?decade=2020&amp;district=chang-ping-qu",
            "/en/dictionary/?decade=2020&amp;district=chang-ping-qu",
        ),
        ("/search/?q=%E7%8E%8B", "/en/search/?q=%E7%8E%8B"),
        ("/stories/", "/en/stories/"),
        ("/hall/glory-to-workers/", "/en/hall/glory-to-workers/"),
    ],
)
def test_the_switch_leads_to_the_same_content_in_the_other_language_and_back(client, chinese, english):
    to_english = switch_links(html_of(client, chinese.replace("&amp;", "&")))
    assert to_english == [f'<a href="{english}" lang="en" hreflang="en">English</a>']
    to_chinese = switch_links(html_of(client, english.replace("&amp;", "&")))
    assert to_chinese == [f'<a href="{chinese}" lang="zh-Hans" hreflang="zh-Hans">中文</a>']


def test_alternate_links_name_both_languages(client):
    html = html_of(client, "/en/dictionary/SRC-0002/")
    assert '<link rel="alternate" hreflang="zh-Hans" href="http://testserver/dictionary/SRC-0002/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/dictionary/SRC-0002/">' in html


def test_missing_page_in_english_is_english(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en"' in html and "Sorry, we could not find this page" in html
    assert 'href="/en/dictionary/"' in html


def test_server_error_page_follows_the_language():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("en"):
        html = render_to_string("500.html")
    assert '<html lang="en">' in html and "Sorry, something went wrong on our server" in html
    assert 'href="/en/"' in html
    assert '<html lang="zh-Hans">' in render_to_string("500.html")


class TestPageCache:
    @pytest.fixture(autouse=True)
    def page_cache_on(self, settings):
        settings.LAOMO_PAGE_CACHE_SECONDS = 60

    def test_each_language_has_its_own_cache_entries(self, client):
        chinese = client.get("/dictionary/SRC-0002/")
        english = client.get("/en/dictionary/SRC-0002/")
        assert (chinese["X-Cache"], english["X-Cache"]) == ("miss", "miss")
        assert "主要事迹" in chinese.content.decode() and "Main achievements" in english.content.decode()
        assert chinese["Content-Language"] == "zh-hans" and english["Content-Language"] == "en"
        again_chinese = client.get("/dictionary/SRC-0002/", HTTP_ACCEPT_LANGUAGE="en")
        again_english = client.get("/en/dictionary/SRC-0002/")
        assert (again_chinese["X-Cache"], again_english["X-Cache"]) == ("hit", "hit")
        assert again_chinese.content == chinese.content and again_english.content == english.content

    def test_the_chinese_home_is_cached_as_chinese_even_when_an_english_browser_asks_first(self, client):
        first = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
        assert first["X-Cache"] == "miss" and '<html lang="zh-Hans"' in first.content.decode()
        second = client.get("/")
        assert second["X-Cache"] == "hit" and second.content == first.content
        assert '<html lang="en"' in client.get("/en/").content.decode()


def test_name_suggestions_speak_the_visitors_language_and_link_to_its_pages(client):
    english = html_of(client, "/en/dictionary/")
    assert (
        'data-suggest data-suggest-label="Name suggestions" data-suggest-synthetic="Sample data" '
        'data-suggest-prefix="/en">'
    ) in english
    chinese = html_of(client, "/dictionary/")
    assert "data-suggest>" in chinese and "data-suggest-prefix" not in chinese

"""Wagtail pages in English: an English translation where an editor made one, else the Chinese page with a note."""

from wagtail.models import Locale, Page

import pytest

from exhibits.models import StoryIndexPage, StoryPage
from laomo.models import HomePage

from .conftest import html_of
from .test_languages import switch_links

pytestmark = pytest.mark.django_db

STORY = "/stories/2020-beijing-commendation/"
NOTE = "This page has not been translated yet. The Chinese original is shown below."


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def story():
    return StoryPage.objects.get(slug="2020-beijing-commendation")


def translate(page, locale, title: str, **fields):
    """What an editor does with 翻译: copy the page into the English tree, translate it, publish it."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    translated.title = title
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()  # publishing went through the revision; read back what is live
    return translated


def test_an_untranslated_page_falls_back_to_the_chinese_page_with_a_note(client, story):
    html = html_of(client, "/en" + STORY)
    assert '<html lang="en"' in html
    assert f'<p class="notice translation-note" role="note" lang="en">{NOTE}</p>' in html
    # The Chinese content follows, marked as Chinese; the interface around it is English.
    content = html.split(NOTE, 1)[1]
    assert '<div lang="zh-Hans">' in content and story.title in content
    assert "Skip to main content" in html


def test_the_chinese_page_itself_has_no_note(client, story):
    html = html_of(client, STORY)
    assert story.title in html
    assert NOTE not in html and "本页尚未翻译" not in html and '<div lang="zh-Hans">' not in html


def test_an_untranslated_home_page_keeps_its_interface_english_and_marks_the_chinese_parts(client):
    html = html_of(client, "/en/")
    home = HomePage.objects.get()
    assert NOTE in html
    assert f'<h1 lang="zh-Hans">{home.hero_title}</h1>' in html
    assert '<h2 id="stories-heading">Latest stories</h2>' in html
    assert 'href="/en/stories/2020-beijing-commendation/"' in html


def test_a_translated_page_is_served_in_english_without_the_note(client, story, english):
    translated = translate(story, english, "Beijing honours its model workers", lead="The 2020 commendation.")
    assert translated.url == "/en" + STORY
    html = html_of(client, "/en" + STORY)
    assert "Beijing honours its model workers" in html and "The 2020 commendation." in html
    assert NOTE not in html and '<div lang="zh-Hans">' not in html
    # The Chinese site is untouched, and each page's switch leads to the other.
    assert story.title in html_of(client, STORY)
    assert switch_links(html_of(client, STORY)) == [f'<a href="/en{STORY}" lang="en" hreflang="en">English</a>']
    assert switch_links(html) == [f'<a href="{STORY}" lang="zh-Hans" hreflang="zh-Hans">中文</a>']


def test_a_translation_with_its_own_english_slug_is_found_from_either_address(client, story, english):
    translated = translate(story, english, "Beijing honours its model workers")
    translated.slug = "beijing-honours-model-workers"
    translated.save_revision().publish()
    translated.refresh_from_db()
    assert translated.url == "/en/stories/beijing-honours-model-workers/"
    for address in (translated.url, "/en" + STORY):
        html = html_of(client, address)
        assert "Beijing honours its model workers" in html and NOTE not in html
    assert switch_links(html_of(client, STORY)) == [f'<a href="{translated.url}" lang="en" hreflang="en">English</a>']


def test_the_parents_wagtail_copies_as_aliases_still_show_the_chinese_page_with_the_note(client, story, english):
    translate(story, english, "Beijing honours its model workers")
    index = StoryIndexPage.objects.get(locale=english)
    assert index.alias_of_id is not None  # a stand-in that holds the translated story, not a translation
    html = html_of(client, "/en/stories/")
    assert NOTE in html
    # The Chinese index lists the Chinese stories, and links to the English one where there is one.
    assert 'href="/en/stories/2020-beijing-commendation/"' in html


def test_an_english_home_does_not_hide_untranslated_pages_below_it(client, english):
    home = HomePage.objects.get()
    translate(home, english, "Model Worker Digital Hall", hero_title="Glory to the workers", hero_text="")
    english_home = html_of(client, "/en/")
    assert "<h1>Glory to the workers</h1>" in english_home and NOTE not in english_home
    hall = html_of(client, "/en/hall/")  # no English copy of the hall: the Chinese one, with the note
    assert NOTE in hall and Page.objects.get(slug="hall", locale__language_code="zh-hans").title in hall
    assert client.get("/en/no-such-page/").status_code == 404


def test_an_unpublished_translation_is_not_served(client, story, english):
    translated = translate(story, english, "Beijing honours its model workers")
    translated.unpublish()
    html = html_of(client, "/en" + STORY)
    assert NOTE in html and "Beijing honours its model workers" not in html

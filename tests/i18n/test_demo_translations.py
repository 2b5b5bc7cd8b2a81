"""load_demo translates the main pages into English the way an editor's 翻译 does, keeps what editors made, and can
run again without changing anything (issue 17)."""

import io
import json
import re

from django.core.management import call_command

from wagtail.models import Locale, Page

import pytest

from exhibits.models import ExhibitionPage, ExhibitionSectionPage, HallIndexPage, StoryIndexPage, StoryPage
from laomo.models import HomePage

from .conftest import html_of
from .test_pages import NOTE, translate

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u3400-\u9fff]")
# The Chinese demo page (by slug under the Chinese home) → the English title the demo gives it.
MAIN_PAGES = {
    "hall": "Online Exhibition Hall",
    "stories": "Model worker stories",
    "about": "About the Digital Hall",
    "walls": "Model Worker Walls",
    "films": "Model worker films",
    "oral-history": "Oral history",
    "lessons": "Labour education classroom",
}


def load_demo(settings, english=True) -> str:
    settings.LAOMO_DEMO_ENGLISH = english
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


def english_pages(english):
    return Page.objects.filter(locale=english).order_by("path")


def live_english(page, english):
    translated = page.get_translation_or_none(english)
    assert translated is not None and translated.live and translated.alias_of_id is None, page
    return translated.specific


def test_the_demo_translates_the_main_pages_and_the_menu_follows(client, settings, english):
    load_demo(settings)
    home = HomePage.objects.get(locale__language_code="zh-hans")
    english_home = live_english(home, english)
    assert (english_home.title, english_home.hero_title) == (
        "Model Worker Digital Hall",
        "Glory belongs to the workers",
    )
    for slug, title in MAIN_PAGES.items():
        assert live_english(home.get_children().get(slug=slug), english).title == title
    exhibition = ExhibitionPage.objects.get(locale__language_code="zh-hans")
    sections = ExhibitionSectionPage.objects.child_of(exhibition)
    assert sections.count() == 7
    translated = [live_english(exhibition, english), *(live_english(section, english) for section in sections)]
    # The English text is English: no Han character anywhere in the titles, leads and bodies.
    for page in translated + [english_home]:
        text = " ".join(str(getattr(page, name, "")) for name in ("title", "lead", "hero_text"))
        body = json.dumps(list(page.body.raw_data) if hasattr(page, "body") else "", ensure_ascii=False)
        text += re.sub(r'"medium": "\w+"', "", body)  # an artwork's medium is a choice (素描), shown translated
        assert not HAN.search(text), (page, HAN.findall(text))
    # The demo's stories, films and lessons themselves are not translated: they keep the note.
    assert StoryPage.objects.filter(locale=english).count() == 0

    html = html_of(client, "/en/")
    assert NOTE not in html and "<h1>Glory belongs to the workers</h1>" in html
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert not HAN.search(menu) and 'lang="zh-Hans"' not in menu
    for title in (
        "Online Exhibition Hall",
        "Dictionary of Model Workers",
        "Model Worker Walls",
        "About the Digital Hall",
    ):
        assert f">{title}</a>" in menu
    section = html_of(client, "/en/hall/glory-to-workers/one-craft/")
    assert "One thing, all his life" in section and NOTE not in section
    # The Chinese site is as it was.
    assert "光荣属于劳动者" in html_of(client, "/") and "Glory belongs" not in html_of(client, "/")


def test_loading_again_changes_nothing(settings, english):
    load_demo(settings)
    before = {page.pk: page.latest_revision_id for page in english_pages(english)}
    again = load_demo(settings)
    assert "英文版页面：新建 0 个" in again
    assert {page.pk: page.latest_revision_id for page in english_pages(english)} == before


def test_an_editors_english_page_is_kept_as_it_is(settings, english):
    hall = HallIndexPage.objects.get(locale__language_code="zh-hans")
    edited = translate(hall, english, "Our own hall", intro="Written by an editor.")
    draft = StoryIndexPage.objects.get(locale__language_code="zh-hans").copy_for_translation(english)
    draft.title = "Stories (a draft)"
    draft.save_revision()
    load_demo(settings)
    edited.refresh_from_db()
    assert (edited.title, edited.intro) == ("Our own hall", "Written by an editor.")
    draft = Page.objects.get(pk=draft.pk)
    assert not draft.live and draft.get_latest_revision_as_object().title == "Stories (a draft)"
    # The rest is translated around them; the home page the editor's copy needed is translated, not doubled.
    assert HomePage.objects.filter(locale=english).count() == 1
    assert live_english(ExhibitionPage.objects.get(locale__language_code="zh-hans"), english).title.startswith("Glory")


def test_a_stand_in_that_wagtail_made_for_a_translated_story_becomes_the_translation(settings, english):
    story = StoryPage.objects.get(slug="2020-beijing-commendation", locale__language_code="zh-hans")
    translate(story, english, "Beijing honours its model workers")
    index = StoryIndexPage.objects.get(locale=english)
    assert index.alias_of_id is not None  # what copy_parents left: Chinese content in the English tree
    load_demo(settings)
    index = StoryIndexPage.objects.get(locale=english)
    assert index.alias_of_id is None and index.live and index.title == "Model worker stories"
    assert HomePage.objects.get(locale=english).hero_title == "Glory belongs to the workers"
    assert StoryPage.objects.get(locale=english).title == "Beijing honours its model workers"


def test_the_setting_leaves_the_english_copies_out(settings, english):
    out = load_demo(settings, english=False)
    assert "英文版页面：新建 0 个" in out and not english_pages(english).exists()

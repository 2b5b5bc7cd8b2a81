"""Page slugs in pinyin: pages made in the admin, and pages that still had Chinese slugs (with redirects)."""

import importlib
from urllib.parse import quote, unquote

from django.apps import apps
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.text import slugify

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, get_page_models
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from core.slugs import MAX_LENGTH, PinyinSlugMixin, page_slug
from exhibits.models import ExhibitionPage, ExhibitionSectionPage, StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db

TITLE = "修钢笔的老师傅"
PINYIN = "xiu-gang-bi-de-lao-shi-fu"
STORY = "2020-beijing-commendation"
STORY_PINYIN = "bei-jing-shi-zhao-kai-da-hui-biao-zhang-lao-dong-mo-fan-he-xian-jin-gong-zuo-zhe"

spell_slugs_in_pinyin = importlib.import_module("exhibits.migrations.0005_pinyin_slugs").spell_slugs_in_pinyin


@pytest.mark.parametrize(
    "text, slug",
    [
        (TITLE, PINYIN),
        ("2020年：表彰与数字", "2020-nian-biao-zhang-yu-shu-zi"),
        ("《一生只干一件事》", "yi-sheng-zhi-gan-yi-jian-shi"),
        ("Keeping the Lights On", "keeping-the-lights-on"),
        ("Café 故事", "cafe-gu-shi"),
        ("ひらがな", "page"),  # nothing pinyin or ASCII can spell
    ],
)
def test_page_slug_spells_chinese_in_pinyin(text, slug):
    assert page_slug(text) == slug


def test_a_long_title_is_cut_at_a_syllable():
    slug = page_slug("北京市召开大会表彰劳动模范和先进工作者" * 3)
    assert len(slug) <= MAX_LENGTH
    assert slug.startswith(STORY_PINYIN) and not slug.endswith("-")
    assert set(slug.split("-")) <= set(STORY_PINYIN.split("-"))  # whole syllables only


def test_every_page_model_of_ours_spells_its_slug_in_pinyin():
    ours = [model for model in get_page_models() if model is not Page]
    assert len(ours) >= 13
    assert [model.__name__ for model in ours if not issubclass(model, PinyinSlugMixin)] == []


# --- pages made in the admin ----------------------------------------------------


def story_form(title, slug, action=None):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": "巷口修了四十年钢笔的老人。",
            "author": "编辑部",
            "date": "2026-12-01",
            "body": streamfield([("paragraph", rich_text("<p>正文。</p>"))]),
            "tags": "",
        }
    )
    if action:
        data[action] = "1"
    return data


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("slug-admin", superuser=True))
    return client


def create_story(client, title, slug, action=None) -> StoryPage:
    index = StoryIndexPage.objects.get()
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["exhibits", "storypage", index.pk]), story_form(title, slug, action)
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return StoryPage.objects.child_of(index).latest("pk")


def test_the_admin_form_lets_the_slug_be_left_empty(admin_client):
    index = StoryIndexPage.objects.get()
    response = admin_client.get(reverse("wagtailadmin_pages:add", args=["exhibits", "storypage", index.pk]))
    slug = response.context["form"]["slug"]
    assert not slug.field.required and "required" not in str(slug)
    assert "xiu-gang-bi-de-lao-shi-fu" in slug.help_text


@pytest.mark.parametrize("action", [None, "action-publish"], ids=["draft", "published"])
@pytest.mark.parametrize("slug", ["", slugify(TITLE, allow_unicode=True)], ids=["empty", "filled-in-by-the-admin"])
def test_a_story_made_in_the_admin_gets_a_pinyin_slug(admin_client, slug, action):
    story = create_story(admin_client, TITLE, slug, action)
    assert story.slug == PINYIN
    assert story.url_path.endswith(f"/stories/{PINYIN}/")
    assert story.get_latest_revision().content["slug"] == PINYIN
    if action:
        assert story.live and story.url == f"/stories/{PINYIN}/"
        assert admin_client.get(f"/stories/{PINYIN}/").status_code == 200


def test_a_second_story_with_the_same_title_gets_a_numbered_slug(admin_client):
    first = create_story(admin_client, TITLE, slugify(TITLE, allow_unicode=True))
    second = create_story(admin_client, TITLE, slugify(TITLE, allow_unicode=True))
    third = create_story(admin_client, TITLE, "")
    assert [first.slug, second.slug, third.slug] == [PINYIN, f"{PINYIN}-2", f"{PINYIN}-3"]


def test_an_ascii_slug_the_editor_typed_is_kept(admin_client):
    assert create_story(admin_client, TITLE, "old-pen-mender").slug == "old-pen-mender"


def test_an_english_title_slugifies_as_before(admin_client):
    assert create_story(admin_client, "The Old Pen Mender", "").slug == "the-old-pen-mender"


def test_a_chinese_slug_typed_when_editing_is_spelt_in_pinyin(admin_client):
    story = create_story(admin_client, TITLE, "old-pen-mender")
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]), story_form(TITLE, "老师傅", "action-publish")
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.slug == "lao-shi-fu" and story.url == "/stories/lao-shi-fu/"


# --- pages that still have Chinese slugs: the migration --------------------------


def give_old_slug(page: Page, slug: str) -> str:
    """What the database of a site that ran before pinyin slugs holds: a Chinese slug, and url_paths to match.
    Returns the page's old public address, percent-encoded as Wagtail wrote it into links."""
    new_url_path = f"{page.url_path[: -len(page.slug) - 1]}{slug}/"
    Page.objects.filter(path__startswith=page.path).update(
        url_path=Concat(Value(new_url_path), Substr("url_path", len(page.url_path) + 1))
    )
    Page.objects.filter(pk=page.pk).update(slug=slug)
    page.refresh_from_db()
    return page.url


def test_the_migration_spells_a_story_slug_in_pinyin_and_redirects_its_old_address(client):
    story = StoryPage.objects.get(slug=STORY)
    old_slug = slugify(story.title, allow_unicode=True)
    old_url = give_old_slug(story, old_slug)
    assert old_url == f"/stories/{quote(old_slug)}/"
    revision = story.save_revision()
    revision.content["slug"] = old_slug  # the revision an editor would reopen holds the old slug too
    revision.save(update_fields=["content"])

    spell_slugs_in_pinyin(apps, None)

    story.refresh_from_db()
    new_url = f"/stories/{STORY_PINYIN}/"
    assert story.slug == STORY_PINYIN and story.url == new_url
    assert story.get_latest_revision().content["slug"] == STORY_PINYIN
    redirect = Redirect.objects.get(redirect_page=story)
    assert redirect.old_path == f"/stories/{old_slug}" and redirect.is_permanent
    # Browsers send the percent-encoded form; the decoded one must work as well.
    for address in (old_url, unquote(old_url)):
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (301, new_url), address
    assert client.get(new_url).status_code == 200
    # Under /en/ the untranslated story was served at its Chinese path too.
    response = client.get("/en" + old_url)
    assert (response.status_code, response["Location"]) == (301, "/en" + new_url)
    assert client.get("/en" + new_url).status_code == 200


def test_the_migration_moves_subpages_and_numbers_slugs_that_meet(client):
    exhibition = ExhibitionPage.objects.get(slug="glory-to-workers")
    old_exhibition_url = give_old_slug(exhibition, "光荣属于劳动者")
    # Homophones: two sibling sections whose slugs spell the same in pinyin.
    one_craft = ExhibitionSectionPage.objects.get(slug="one-craft")
    old_section_url = give_old_slug(one_craft, "一生只干一件事")
    spirit = ExhibitionSectionPage.objects.get(slug="spirit")
    give_old_slug(spirit, "一声只干一件事")
    lights = ExhibitionSectionPage.objects.get(slug="keeping-the-lights-on")
    old_lights_url = lights.url

    spell_slugs_in_pinyin(apps, None)

    for page in (exhibition, one_craft, spirit, lights):
        page.refresh_from_db()
    assert exhibition.url == "/hall/guang-rong-shu-yu-lao-dong-zhe/"
    assert sorted([one_craft.slug, spirit.slug]) == ["yi-sheng-zhi-gan-yi-jian-shi", "yi-sheng-zhi-gan-yi-jian-shi-2"]
    assert lights.url == "/hall/guang-rong-shu-yu-lao-dong-zhe/keeping-the-lights-on/"
    # Each old address leads straight to where its page is now, a subpage's included.
    for old_url, page in ((old_exhibition_url, exhibition), (old_section_url, one_craft), (old_lights_url, lights)):
        response = client.get(old_url)
        assert (response.status_code, response["Location"]) == (301, page.url), old_url
        assert client.get(page.url).status_code == 200


def test_the_migration_gives_an_english_copy_the_same_rule(client):
    story = StoryPage.objects.get(slug=STORY)
    english = story.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Beijing honours its model workers"
    english.save_revision().publish()
    old_slug = slugify(story.title, allow_unicode=True)
    give_old_slug(story, old_slug)
    old_english_url = give_old_slug(english, old_slug)
    assert old_english_url == f"/en/stories/{quote(old_slug)}/"

    spell_slugs_in_pinyin(apps, None)

    english.refresh_from_db()
    assert english.slug == STORY_PINYIN and english.url == f"/en/stories/{STORY_PINYIN}/"
    response = client.get(old_english_url)
    assert (response.status_code, response["Location"]) == (301, english.url)
    assert "Beijing honours its model workers" in client.get(english.url).content.decode()


def test_the_migration_leaves_ascii_slugs_and_redirects_alone():
    slugs = dict(Page.objects.values_list("pk", "slug"))
    spell_slugs_in_pinyin(apps, None)
    assert dict(Page.objects.values_list("pk", "slug")) == slugs
    assert not Redirect.objects.exists()

"""Stories by tag and month, RSS and Atom feeds, Open Graph tags; a story goes from draft to the feed."""

import datetime
import xml.etree.ElementTree as ET

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from exhibits.models import ExhibitionPage, ExhibitionSectionPage, StoryIndexPage, StoryPage
from exhibits.models.stories import parse_month
from tests.exhibits.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def publish_story(title, date, tags=(), slug=None) -> StoryPage:
    story = StoryPageFactory(parent=StoryIndexPage.objects.get(), title=title, date=date, slug=slug or None)
    story.tags.add(*tags)
    story.save_revision().publish()
    return story


def test_parse_month():
    assert parse_month("2020-12") == (2020, 12)
    assert parse_month(" 2021-01 ") == (2021, 1)
    assert parse_month("2020-13") is None and parse_month("202012") is None and parse_month("") is None


def test_listing_by_month_with_month_counts(client):
    publish_story("十二月的第二篇", datetime.date(2020, 12, 28))
    publish_story("一月的故事", datetime.date(2021, 1, 5))
    html = client.get("/stories/", {"month": "2020-12"}).content.decode()
    assert "十二月的第二篇" in html and "北京市召开大会表彰劳动模范和先进工作者" in html
    assert "一月的故事" not in html
    assert "劳模故事：2020年12月" in html
    assert 'href="?month=2020-12"' in html and '2020年12月</time> <span class="count">2 篇' in html
    assert '2021年1月</time> <span class="count">1 篇' in html


def test_bad_month_is_explained_and_ignored(client):
    html = client.get("/stories/", {"month": "2020-99"}).content.decode()
    assert "不是有效的月份" in html and "北京市召开大会表彰劳动模范和先进工作者" in html


def test_tag_and_month_combine_in_one_clean_query_string(client):
    publish_story("冬奥的故事", datetime.date(2020, 12, 1), tags=["冬奥保障"])
    publish_story("冬奥的另一篇", datetime.date(2021, 2, 1), tags=["冬奥保障"])
    html = client.get("/stories/", {"tag": "冬奥保障", "month": "2020-12"}).content.decode()
    assert "冬奥的故事" in html and "冬奥的另一篇" not in html and "北京市召开大会" not in html
    # Removing one filter keeps the other; links carry only the filters in effect, in a fixed order.
    assert 'href="?month=2020-12"' in html  # remove the tag
    assert 'href="?tag=%E5%86%AC%E5%A5%A5%E4%BF%9D%E9%9A%9C"' in html  # remove the month
    assert "page=" not in html


def test_rss_and_atom_feeds_list_published_stories(client):
    publish_story("进入订阅的故事", datetime.date(2021, 3, 1), tags=["订阅"])
    rss = client.get("/stories/feed/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles[0] == "进入订阅的故事" and "北京市召开大会表彰劳动模范和先进工作者" in titles
    first = channel.find("item")
    assert first.findtext("link").startswith("http://localhost/stories/")  # the default Site record's origin
    assert first.findtext("category") == "订阅"
    assert channel.findtext("link") == "http://localhost/stories/"

    atom = client.get("/stories/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(atom.content)
    assert feed.find(f"{ATOM}entry/{ATOM}title").text == "进入订阅的故事"
    assert feed.find(f"{ATOM}entry/{ATOM}summary").text == "测试导语"


def test_feeds_are_linked_from_the_head(client):
    for url in ("/stories/", StoryPage.objects.get().url):
        html = client.get(url).content.decode()
        assert (
            '<link rel="alternate" type="application/rss+xml" title="劳模故事（RSS）" href="/stories/feed/rss/">'
            in html
        )
        assert (
            '<link rel="alternate" type="application/atom+xml" title="劳模故事（Atom）" href="/stories/feed/atom/">'
            in html
        )


@pytest.mark.parametrize("page_type", ["story", "exhibition", "section"])
def test_open_graph_tags(client, page_type):
    page = {
        "story": lambda: StoryPage.objects.get(),
        "exhibition": lambda: ExhibitionPage.objects.get(),
        "section": lambda: ExhibitionSectionPage.objects.get(slug="one-craft"),
    }[page_type]()
    html = client.get(page.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{page.title}">' in html
    assert f'<meta property="og:url" content="http://localhost{page.url}">' in html
    assert '<meta property="og:description" content="' in html
    assert '<meta property="og:image" content="http://testserver/uploads/images/' in html
    assert "fill-1200x630" in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html


def story_form(title, slug, action):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": "从草稿到订阅的故事。",
            "author": "编辑部",
            "date": "2026-11-20",
            "body": streamfield([("paragraph", rich_text("<p>正文。</p>"))]),
            "tags": "",
        }
    )
    data[action] = "1"
    return data


def test_story_goes_from_draft_through_review_into_the_feed(client, make_user):
    editor = make_user("feed-editor", "编辑")
    moderator = make_user("feed-moderator", "审核")
    index = StoryIndexPage.objects.get()

    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["exhibits", "storypage", index.pk])
    assert client.post(add_url, story_form("订阅中的新故事", "feed-story", "action-draft")).status_code == 302
    story = StoryPage.objects.get(slug="feed-story")
    assert not story.live
    assert "订阅中的新故事" not in client.get("/stories/feed/rss/").content.decode()

    edit_url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    client.post(edit_url, story_form("订阅中的新故事", "feed-story", "action-submit"))
    story.refresh_from_db()
    assert story.current_workflow_task.name == "初审"
    assert "订阅中的新故事" not in client.get("/stories/feed/atom/").content.decode()

    client.force_login(moderator)
    for _ in range(2):  # 初审, then 终审
        story.refresh_from_db()
        state = story.current_workflow_task_state
        client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", state.pk]), {"comment": "同意"}
        )
    story.refresh_from_db()
    assert story.live
    client.logout()
    assert "订阅中的新故事" in client.get("/stories/feed/rss/").content.decode()
    assert "订阅中的新故事" in client.get("/stories/feed/atom/").content.decode()

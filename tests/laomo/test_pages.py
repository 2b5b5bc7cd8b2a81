"""The home page, generic pages, error pages and the page-tree rules."""

import datetime

from django.test import RequestFactory
from django.views.defaults import server_error

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from archive.models import Honoree
from exhibits.models import ExhibitionPage, HallIndexPage, StoryIndexPage, StoryPage
from laomo.models import ContentPage, HomePage, honoree_of_the_day

pytestmark = pytest.mark.django_db


def test_home_page_shows_demo_content(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans"' in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert "光荣属于劳动者——首都劳模精神展" in html  # featured exhibition
    assert "北京市召开大会表彰劳动模范和先进工作者" in html  # latest story
    assert "今日劳模" in html
    assert 'role="search"' in html
    assert "位劳模与集体" in html


def test_home_page_hides_empty_blocks(client):
    for story in StoryPage.objects.all():
        story.unpublish()
    Honoree.objects.update(live=False)
    html = client.get("/").content.decode()
    assert "最新故事" not in html
    assert "今日劳模" not in html
    assert "篇故事" not in html


def test_honoree_of_the_day_is_stable_within_a_day_and_skips_synthetic_and_withdrawn():
    day = datetime.date(2026, 1, 1)
    first = honoree_of_the_day(day)
    assert first is not None and first == honoree_of_the_day(day)
    Honoree.objects.exclude(pk=first.pk).update(withdrawn=True)
    other_day = datetime.date(2026, 1, 2)
    assert honoree_of_the_day(other_day) == first
    first.withdrawn = True
    first.save()
    assert honoree_of_the_day(datetime.date(2026, 1, 3)) is None


def test_story_listing_by_tag_and_related_honorees(client, home):
    from exhibits.models import StoryIndexPage
    from tests.archive.factories import HonoreeFactory
    from tests.exhibits.factories import StoryPageFactory

    honoree = HonoreeFactory(name="测试劳模")
    story = StoryPageFactory(parent=StoryIndexPage.objects.get(), title="带标签的故事")
    story.tags.add("冬奥保障")
    story.related_honorees.add(honoree)
    story.save_revision().publish()
    listing = client.get("/stories/?tag=冬奥保障").content.decode()
    assert "带标签的故事" in listing
    assert "北京市召开大会" not in listing
    assert honoree.get_absolute_url() in client.get(story.url).content.decode()


def test_admin_is_in_chinese(client):
    html = client.get("/admin/login/").content.decode()
    assert 'lang="zh-hans"' in html and "登录" in html


def test_generic_content_page_renders(client):
    response = client.get("/about/")
    assert response.status_code == 200
    assert "关于本馆" in response.content.decode()


def test_404_page_is_chinese_and_helpful(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "没有找到这个页面" in html
    assert 'href="/dictionary/"' in html


def test_500_page_is_chinese():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "服务器出了点问题" in response.content.decode()


def test_larger_text_toggle_and_self_hosted_assets(client):
    html = client.get("/").content.decode()
    assert "data-elder-toggle" in html
    assert "/static/laomo/js/prefs.js" in html
    assert "//cdn" not in html and "googleapis" not in html


class TestPageTree(WagtailPageTestCase):
    def test_rules(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, HallIndexPage)
        self.assertCanCreateAt(HomePage, StoryIndexPage)
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(HallIndexPage, ExhibitionPage)
        self.assertCanCreateAt(StoryIndexPage, StoryPage)
        self.assertCanNotCreateAt(HomePage, StoryPage)
        self.assertCanNotCreateAt(HomePage, ExhibitionPage)
        self.assertCanNotCreateAt(StoryPage, StoryPage)

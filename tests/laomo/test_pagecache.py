"""Anonymous visitors get cached pages with ETags; publishing or changing a record retires them; editors never."""

import pytest

from archive.models import Honoree
from exhibits.models import StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.LAOMO_PAGE_CACHE_SECONDS = 60


def test_second_anonymous_request_is_a_hit_with_etag_and_304(client):
    first = client.get("/dictionary/SRC-0002/")
    assert first["X-Cache"] == "miss" and "public" in first["Cache-Control"]
    second = client.get("/dictionary/SRC-0002/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert client.get("/dictionary/SRC-0002/", HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304


def test_withdrawing_a_record_retires_cached_pages(client):
    assert client.get("/dictionary/SRC-0002/").status_code == 200
    honoree = Honoree.objects.get(external_id="SRC-0002")
    honoree.withdrawn = True
    honoree.save()
    assert client.get("/dictionary/SRC-0002/").status_code == 404


def test_publishing_retires_cached_pages(client):
    story = StoryPage.objects.get(slug="2020-beijing-commendation")
    assert story.title in client.get("/stories/").content.decode()
    story.title = "改过的标题"
    story.save_revision().publish()
    assert "改过的标题" in client.get("/stories/").content.decode()
    story.unpublish()
    assert client.get(story.url or "/stories/2020-beijing-commendation/").status_code == 404


def test_logged_in_users_are_never_served_from_the_cache(client, make_user):
    client.get("/")  # cached for anonymous visitors
    client.force_login(make_user("editor", "编辑"))
    response = client.get("/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_elder_mode_cookie_is_part_of_the_key(client):
    plain = client.get("/")
    client.cookies["laomo_elder"] = "1"
    elder = client.get("/")
    assert elder["X-Cache"] == "miss"
    assert plain["X-Cache"] == "miss"

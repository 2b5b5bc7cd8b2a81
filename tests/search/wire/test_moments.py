"""Moments on the wire (core/moments.py): a page's segments are written with the page, the ones it no longer offers
are deleted in one request, and removing the page removes them all — each request valid for Elasticsearch 8."""

import pytest

from core.moments import SearchMoment
from exhibits.models import StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(monkeypatch):
    page = StoryPage.objects.live().first()
    offered = [
        SearchMoment(1, "第一段", "/x/?t=10#t=10", "修钢笔的手艺", ("张广义",)),
        SearchMoment(2, "第二段", "/x/?t=90#t=90", "东四南大街"),
    ]
    monkeypatch.setattr(StoryPage, "search_moments", lambda self: list(offered), raising=False)
    return page, offered


def test_the_page_and_its_moments_are_written_together_and_stale_moments_deleted(engine, cluster, story):
    page, offered = story
    stale = {"page": page.pk, "kind": "story", "title": "旧的一段"}
    cluster.documents_behind("laomo-pages")[f"moment:{page.pk}:9"] = stale
    cluster.documents_behind("laomo-pages")["moment:999999:1"] = {"page": 999999, "kind": "story"}  # another page's

    engine.index_page(page)

    (write,) = cluster.sent("PUT", "^/_bulk$")
    ids = [line["index"]["_id"] for line in write.ndjson()[::2]]
    assert ids == [f"page:{page.pk}", f"moment:{page.pk}:1", f"moment:{page.pk}:2"]
    moment = write.ndjson()[3]
    assert moment["page"] == page.pk and moment["kind"] == "story" and moment["url"] == "/x/?t=10#t=10"
    assert "zhangguangyi" in moment["pinyin_terms"] and "zgy" in moment["pinyin_terms"]
    (delete,) = cluster.sent("POST", "_delete_by_query$")
    assert delete.json()["query"] == {
        "bool": {
            "filter": [{"term": {"page": page.pk}}],
            "must_not": [{"ids": {"values": [f"page:{page.pk}", *ids]}}],
        }
    }
    behind = cluster.documents_behind("laomo-pages")
    assert f"moment:{page.pk}:9" not in behind and "moment:999999:1" in behind
    assert {f"moment:{page.pk}:1", f"moment:{page.pk}:2"} <= set(behind)


def test_removing_the_page_removes_its_moments(engine, cluster, story):
    page, _ = story
    engine.index_page(page)
    engine.remove_page(page.pk)
    behind = cluster.documents_behind("laomo-pages")
    assert not [key for key in behind if key.endswith(f":{page.pk}") or key.startswith(f"moment:{page.pk}:")]


def test_check_expects_every_moment(engine, cluster, story):
    page, _ = story
    report = engine.check()
    assert f"moment:{page.pk}:1" in report["missing"] and f"moment:{page.pk}:2" in report["missing"]

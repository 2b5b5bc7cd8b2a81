"""Moments in the embedded engine (core/moments.py): search lands on an interview's segment at its second, by its
words, by a name said in it (characters, pinyin, initials), and a segment no longer offered leaves the index."""

import pytest

from core.moments import SearchMoment
from exhibits.models import StoryPage
from search.engine import embedded_engine

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine():
    search_engine = embedded_engine()
    search_engine.rebuild()
    return search_engine


@pytest.fixture
def offered(monkeypatch):
    moments = [
        SearchMoment(1, "访谈 · 学手艺", "/x/?t=75#t=75", "十六岁进东四的钢笔铺当学徒，跟师傅学修笔。", ("张广义",)),
        SearchMoment(2, "访谈 · 送上门", "/x/?t=300#t=300", "疫情期间把修好的笔送到顾客家门口。"),
    ]
    monkeypatch.setattr(StoryPage, "search_moments", lambda self: list(moments), raising=False)
    return moments


def urls(engine, query: str) -> list[str]:
    return [hit.url for hit in engine.search_pages(query).hits]


def test_a_segment_is_found_by_its_words_and_by_a_name_said_in_it(engine, offered):
    page = StoryPage.objects.live().first()
    engine.index_page(page)
    assert "/x/?t=75#t=75" in urls(engine, "学徒")  # a two-character word
    assert "/x/?t=300#t=300" in urls(engine, "送到")
    for name in ("张广义", "zhangguangyi", "zgy", "張廣義"):  # characters, pinyin, initials, traditional
        assert "/x/?t=75#t=75" in urls(engine, name), name
    assert "/x/?t=300#t=300" not in urls(engine, "zhangguangyi")


def test_a_segment_no_longer_offered_leaves_the_index_and_check_agrees(engine, offered):
    page = StoryPage.objects.live().first()
    engine.index_page(page)
    offered.pop()
    engine.index_page(page)
    assert "/x/?t=300#t=300" not in urls(engine, "送到")
    report = engine.check()
    assert not report["missing"] and not report["extra"] and not report["stale"]
    engine.remove_page(page.pk)
    assert urls(engine, "学徒") == []


def test_rebuild_indexes_the_moments(engine, offered):
    engine.rebuild()
    assert "/x/?t=75#t=75" in urls(engine, "学徒")
    assert not engine.check()["missing"]


def test_the_api_searches_pages_and_lands_on_the_moment(client, engine, offered):
    engine.index_page(StoryPage.objects.live().first())
    answer = client.get("/api/search/", {"q": "zgy"}).json()
    assert "http://testserver/x/?t=75#t=75" in [hit["url"] for hit in answer["results"]]
    assert answer["counts_by_kind"]["story"] >= 1 and answer["num_pages"] == 1
    stories = client.get("/api/search/", {"q": "钢笔", "kind": "story"}).json()
    assert stories["results"] and {hit["kind"] for hit in stories["results"]} == {"story"}
    refused = client.get("/api/search/", {"q": "钢笔", "kind": "蛋糕"})
    assert refused.status_code == 400 and refused.json()["errors"]["kind"] == "没有“蛋糕”这一类。"

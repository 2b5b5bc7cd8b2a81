"""Relevance of interview segments (issue 16): search lands on the moment. The same cases on the embedded engine
and, when ELASTICSEARCH_URL is set, on Elasticsearch (the conftest's `engine`).

The segments are offered by a story page here (core/moments.py: any page may offer moments), so the cases hold
for whatever page type carries them; the oral-history pages offer theirs the same way."""

import pytest

from core.moments import SearchMoment
from exhibits.models import StoryPage

pytestmark = pytest.mark.django_db

SEGMENTS = [
    SearchMoment(
        1,
        "口述 · 学手艺",
        "/t/?t=75#t=75",
        "十六岁进东四的钢笔铺当学徒，跟着老师傅学修笔，一干就是七十年。",
        ("张广义",),
    ),
    SearchMoment(
        2, "口述 · 小汤山", "/t/?t=420#t=420", "二〇〇三年在小汤山医院的工地上，七天七夜没合眼。", ("王月鹏",)
    ),
    SearchMoment(3, "口述 · 冬奥", "/t/?t=900#t=900", "给冬奥场馆制冰，冰面平整度要控制在毫米以内。", ("刘博强",)),
]


@pytest.fixture(scope="module", autouse=True)
def segments_offered():
    """Before the module's engine fixture builds its index: every story offers the segments."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(StoryPage, "search_moments", lambda self: list(SEGMENTS), raising=False)
        yield


def moment_urls(engine, query: str) -> list[str]:
    return [hit.url for hit in engine.search_pages(query, page_size=100).hits if hit.url.startswith("/t/")]


@pytest.mark.parametrize(
    "query, url",
    [
        ("学徒", "/t/?t=75#t=75"),  # a two-character word in what was said
        ("學徒", "/t/?t=75#t=75"),  # the same word typed in traditional characters
        ("小汤山", "/t/?t=420#t=420"),
        ("制冰", "/t/?t=900#t=900"),
        ("wangyuepeng", "/t/?t=420#t=420"),  # the pinyin of a name said in the interview
        ("wang yue peng", "/t/?t=420#t=420"),
        ("wyp", "/t/?t=420#t=420"),  # its initials
        ("劉博強", "/t/?t=900#t=900"),  # a name in traditional characters
    ],
)
def test_search_lands_on_the_segment(engine, query, url):
    assert url in moment_urls(engine, query)


def test_a_name_finds_only_the_segments_that_name_it(engine):
    assert set(moment_urls(engine, "zhangguangyi")) == {"/t/?t=75#t=75"}


def test_words_from_no_segment_find_none(engine):
    assert moment_urls(engine, "航天") == []

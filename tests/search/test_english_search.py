"""English search on the English site (issue 17): English biographies and employers searched as English words,
stemmed, by the embedded engine; Chinese names still found by characters and pinyin; the Chinese site as before."""

import re

import pytest

from archive.browse import Filters
from search.engine import embedded_engine
from search.text import analyse_query, english_stem, english_terms
from tests.archive.factories import HonoreeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mender(db):
    """A record whose English biography says "repaired a pen", and whose Chinese one says nothing in English."""
    honoree = HonoreeFactory(
        external_id="T-EN-1",
        name="钱修笔",
        biography="钱修笔在胡同口摆摊修理钢笔四十年。",
        employer="东四修笔社",
        biography_en="For forty years Qian repaired a pen or two every day at the mouth of his hutong.",
        employer_en="Dongsi Pen Mending Cooperative",
    )
    embedded_engine().rebuild()
    return honoree


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


@pytest.mark.parametrize(
    ("word", "stem"),
    [("repairing", "repair"), ("repaired", "repair"), ("pens", "pen"), ("worked", "work"), ("running", "run")],
)
def test_forms_of_a_word_share_a_stem(word, stem):
    assert english_stem(word) == stem


def test_english_terms_drop_stop_words_and_keep_numbers():
    assert english_terms("The repairing of pens, 88 years") == ["repair", "pen", "88", "year"]


def test_only_the_english_site_reads_latin_words_as_english():
    assert analyse_query("repairing pens", english=True).parts[0].english_terms == ["repair", "pen"]
    assert analyse_query("repairing pens").parts[0].english_terms == []
    assert analyse_query("张广义", english=True).parts[0].english_terms == []  # characters are never English


def test_stemming_finds_repaired_pen_by_repairing_pens(mender):
    engine = embedded_engine()
    # Both English biographies that say it: "repaired a pen", and 张广义's "repairing fountain pens".
    assert set(ids(engine.search_honorees("repairing pens", Filters(), english=True))) == {"T-EN-1", "SRC-0001"}
    assert ids(engine.search_honorees("mending cooperatives", Filters(), english=True)) == ["T-EN-1"]  # employer
    # The Chinese site's search reads no English: the same words find nothing there.
    assert engine.search_honorees("repairing pens", Filters()).count == 0


def test_a_word_that_is_also_pinyin_is_read_both_ways_on_the_english_site(mender):
    # "pen" is a pinyin syllable: the Chinese site reads it as a name only, the English site as a word too.
    assert "T-EN-1" in ids(embedded_engine().search_honorees("pen", Filters(), english=True))
    assert "T-EN-1" not in ids(embedded_engine().search_honorees("pen", Filters()))


def test_the_english_search_page_finds_english_words_and_highlights_the_english_biography(client, mender):
    html = client.get("/en/search/", {"q": "repairing pens"}).content.decode()
    assert 'href="/en/dictionary/T-EN-1/"' in html
    assert "<mark>repair</mark>ed a <mark>pen</mark>" in html
    assert "T-EN-1" not in client.get("/search/", {"q": "repairing pens"}).content.decode()


@pytest.mark.parametrize("query", ["张广义", "zhangguangyi", "zhang guangyi", "zgy"])
def test_chinese_names_are_found_by_characters_and_pinyin_on_the_english_site(client, mender, query):
    html = client.get("/en/search/", {"q": query}).content.decode()
    first = re.search(r'<h3><a href="([^"]+)">', html)
    assert first and first.group(1) == "/en/dictionary/SRC-0001/", query
    assert '<span lang="zh-Hans">张广义</span>' in html


def test_an_english_biography_of_the_demo_is_found_by_its_words(client, mender):
    html = client.get("/en/search/", {"q": "fountain pen repaired"}).content.decode()
    assert 'href="/en/dictionary/SRC-0001/"' in html  # "made repairing fountain pens the work of a lifetime"

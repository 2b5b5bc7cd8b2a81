"""English on the wire (issue 17): English fields in the honorees' mapping with the built-in `english` analyzer,
written with each record, and matched — and highlighted — only by searches from the English site."""

import pytest

from archive.browse import Filters
from archive.models import Honoree

from .cluster import documented

pytestmark = pytest.mark.django_db

SEARCH = r"^/laomo-honorees/_search$"
NEW_HONOREES = r"^/laomo-honorees-\d{20}$"
ENGLISH_CLAUSE = {
    "multi_match": {
        "query": "repairing pens",
        "fields": ["biography_en", "employer_en^2"],
        "type": "cross_fields",
        "operator": "and",
    }
}


def test_the_mapping_analyses_the_english_fields_as_english(engine, cluster):
    engine.rebuild()
    (create,) = cluster.sent("PUT", NEW_HONOREES)
    properties = create.json()["mappings"]["properties"]
    assert properties["biography_en"] == {"type": "text", "analyzer": "english"}
    assert properties["employer_en"] == {"type": "text", "analyzer": "english"}
    # The Chinese biography keeps its own analyzer.
    assert properties["biography"]["analyzer"] == "cjk"


def test_a_record_is_written_with_its_english_biography_and_employer(engine, cluster):
    wang = Honoree.objects.get(external_id="SRC-0002")
    engine.index_honoree(wang)
    document = cluster.sent("PUT", "^/laomo-honorees/_doc/")[0].json()
    assert document["biography_en"].startswith("Wang Yuepeng is a young technical worker")
    assert document["employer_en"] == "State Grid Beijing Changping Power Supply Company"
    assert document["biography"].startswith("王月鹏")


def test_an_english_search_also_matches_the_english_fields_and_highlights_them(engine, cluster):
    cluster.reply("POST", SEARCH, documented("candidates-with-facets"))
    cluster.reply("POST", SEARCH, documented("hits-highlighted"))
    engine.search_honorees("repairing pens", Filters(), english=True)
    candidates, page = cluster.sent("POST", SEARCH)
    (part,) = candidates.json()["query"]["bool"]["must"]
    ways = part["dis_max"]["queries"]
    assert ENGLISH_CLAUSE in ways  # the words as typed: the cluster's English analyzer stems them
    assert any("text_terms" in str(way) for way in ways)  # and still the Chinese text's Latin words
    highlight = page.json()["highlight"]["fields"]
    assert highlight["biography_en"]["highlight_query"] == {"match": {"biography_en": "repairing pens"}}
    assert "biography" in highlight


def test_the_chinese_site_and_chinese_names_send_no_english_clause(engine, cluster):
    engine.search_honorees("repairing pens", Filters())
    engine.search_honorees("张广义", Filters(), english=True)
    for request in cluster.sent("POST", SEARCH):
        assert b"biography_en" not in request.body and b"employer_en" not in request.body

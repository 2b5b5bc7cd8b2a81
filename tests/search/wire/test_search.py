"""Searches on the wire: the bodies the real client sends for every kind of search, and documented responses
replayed to test how they are read (responses/)."""

import pytest

from archive.browse import Filters
from archive.models import District, Honour, Industry

from .cluster import documented

pytestmark = pytest.mark.django_db

SEARCH = r"^/laomo-honorees/_search$"


def fuzzy(request) -> bool:
    return b'"fuzzy"' in request.body


def test_candidates_then_a_page_of_hits_with_facets(engine, cluster):
    cluster.reply("POST", SEARCH, documented("candidates-with-facets"))
    cluster.reply("POST", SEARCH, documented("hits-highlighted"))
    results = engine.search_honorees("张广义", Filters())

    candidates, page = cluster.sent("POST", SEARCH)
    body = candidates.json()
    assert (body.get("from", 0), body["size"]) == (0, 1000)
    assert body["sort"] == [{"_score": {"order": "desc"}}, "stroke_key", "external_id"]
    assert body["track_total_hits"] is True
    assert body["_source"] == ["title_normalized", "pinyin_full", "initials", "synthetic"]
    facets = {name: agg["aggs"][name.removeprefix("_filter_")]["terms"] for name, agg in body["aggs"].items()}
    assert facets == {
        "_filter_honour": {"field": "honours", "size": 200},
        "_filter_decade": {"field": "decades", "size": 200},
        "_filter_district": {"field": "district", "size": 200},
        "_filter_industry": {"field": "industry", "size": 200},
        "_filter_kind": {"field": "kind", "size": 2},
    }
    assert all(agg["filter"] == {"match_all": {}} for agg in body["aggs"].values())  # no filter chosen
    assert "query_string" not in candidates.body.decode()

    body = page.json()
    assert body["query"] == {"ids": {"values": ["honoree:1", "honoree:2", "honoree:3"]}}  # in rank order
    assert body["size"] == 3 and "from" not in body
    assert body["highlight"]["encoder"] == "html"
    assert (body["highlight"]["pre_tags"], body["highlight"]["post_tags"]) == (["<mark>"], ["</mark>"])
    assert body["highlight"]["fields"]["biography"]["number_of_fragments"] == 1

    assert results.count == 3
    assert [(hit.id, hit.tier) for hit in results.hits] == [("SRC-0001", 0), ("T-2", 2), ("T-3", 3)]
    exact, homophone, text = results.hits
    assert exact.highlight == "<mark>张广</mark>义将修钢笔 &amp; 手艺"
    assert exact.honors == [{"year": None, "honor": "北京市劳动模范"}]
    assert homophone.highlight == "&lt;b&gt;钢笔厂&lt;/b&gt;"  # no biography: the employer, escaped
    assert text.highlight == "他认识<mark>张广义</mark>。"  # the highlighter marked nothing: marked here
    honour = Honour.objects.get(slug="quan-guo-lao-dong-mo-fan")
    assert results.facets["honour"] == [{"value": honour.slug, "label": honour.name, "count": 2}]
    assert results.facets["decade"] == [
        {"value": "1990", "label": "1990年代", "count": 2},
        {"value": "2020", "label": "2020年代", "count": 1},
    ]
    district = District.objects.get(slug="dong-cheng-qu")
    industry = Industry.objects.get(slug="cheng-shi-yun-xing")
    assert results.facets["district"] == [{"value": district.slug, "label": district.name, "count": 1}]
    assert results.facets["industry"] == [{"value": industry.slug, "label": industry.name, "count": 2}]
    assert results.facets["kind"] == [{"value": "person", "label": "个人", "count": 3}]


def test_a_second_page_asks_only_for_its_hits(engine, cluster):
    cluster.reply("POST", SEARCH, documented("candidates-with-facets"))
    engine.search_honorees("张广义", Filters(), page=2, page_size=2)
    _, page = cluster.sent("POST", SEARCH)
    assert page.json()["query"] == {"ids": {"values": ["honoree:3"]}}
    assert page.json()["size"] == 1


def test_filters_are_sent_as_filter_clauses(engine, cluster):
    engine.search_honorees("张广义", Filters(kind="person", decade=1990))
    body = cluster.sent("POST", SEARCH)[0].json()
    assert {"term": {"kind": "person"}} in body["query"]["bool"]["filter"]
    nested = [clause["nested"] for clause in body["query"]["bool"]["filter"] if "nested" in clause]
    assert nested == [{"path": "awards", "query": {"bool": {"filter": [{"term": {"awards.decade": 1990}}]}}}]


def test_a_query_that_finds_nothing_with_filters_is_counted_without_them(engine, cluster):
    results = engine.search_honorees("王建国首钢", Filters(kind="collective"))
    assert results.count == 0
    (count,) = cluster.sent("POST", r"^/laomo-honorees/_count$")
    assert set(count.json()) == {"query"}
    assert "kind" not in count.body.decode()  # the same query, without the filters


def test_did_you_mean_lists_the_closest_reading_first_then_namesakes_in_dictionary_order(engine, cluster):
    """Issue 21, defect 6: the cluster finds the near readings; they are ranked as the embedded engine ranks them."""
    cluster.reply("POST", SEARCH, documented("did-you-mean"), when=fuzzy)
    results = engine.search_honorees("zhangguangyu", Filters())
    assert results.count == 0
    (request,) = [r for r in cluster.sent("POST", SEARCH) if fuzzy(r)]
    body = request.json()
    assert body["query"] == {
        "fuzzy": {"pinyin_full": {"value": "zhangguangyu", "fuzziness": "AUTO", "prefix_length": 1}}
    }
    assert body["size"] == 200 and "sort" not in body  # every near reading, for the ranking to choose from
    assert body["_source"] == ["external_id", "name", "url", "pinyin_full", "stroke_key"]
    assert [row["id"] for row in results.did_you_mean] == ["T-9", "SRC-0001", "REL-0001"]
    assert results.did_you_mean[1] == {"name": "张广义", "url": "/dictionary/SRC-0001/", "id": "SRC-0001"}


def test_suggestions_of_a_name_fragment_come_back(engine, cluster):
    """Issue 21, defect 1: the fragment query's hits were cut to size 0 by a second slice."""
    cluster.reply("POST", SEARCH, documented("suggest-fragment"))
    suggestions = engine.suggest("协和")
    body = cluster.sent("POST", SEARCH)[0].json()
    assert body["size"] == 80 and body.get("from", 0) == 0
    assert body["query"] == {"match": {"name_terms": {"query": "协和", "operator": "and"}}}
    assert body["suggest"]["name"] == {"prefix": "协和", "completion": {"field": "suggest", "size": 80}}
    assert body["suggest"]["reading"]["prefix"] == "xiehe"
    assert [s["id"] for s in suggestions] == ["R-8", "R-7"]  # 谢和 reads xiehe; 北京协和医院急诊科 holds 协和
    assert suggestions[0] == {
        "id": "R-8",
        "name": "谢和",
        "pinyin": "Xiè Hé",
        "url": "/dictionary/R-8/",
        "synthetic": False,
    }


def test_every_namesake_is_suggested(engine, cluster):
    """Issue 21, defect 2: skip_duplicates kept one of each suggestion text, so one 王建国 of three."""
    cluster.reply("POST", SEARCH, documented("suggest-namesakes"))
    suggestions = engine.suggest("王建")
    body = cluster.sent("POST", SEARCH)[0].json()
    for suggester in body["suggest"].values():
        assert "skip_duplicates" not in suggester["completion"]
    assert body["size"] == 80  # and the fragment query 王建 inside names
    assert [s["id"] for s in suggestions] == ["REL-0020", "REL-0021", "REL-0022"]


def test_suggestions_by_pinyin_ask_for_a_typo_only_as_a_last_resort(engine, cluster):
    engine.suggest("zhangguangyl")
    body = cluster.sent("POST", SEARCH)[0].json()
    assert body["size"] == 0  # no Han fragment: completion options only
    assert set(body["suggest"]) == {"reading", "typo"}
    assert body["suggest"]["typo"]["completion"]["fuzzy"] == {"fuzziness": "AUTO"}


def test_pages_are_searched_a_page_at_a_time_and_counted_by_kind(engine, cluster):
    cluster.reply("POST", r"^/laomo-pages/_search$", documented("pages-by-kind"))
    results = engine.search_pages("钢笔", kind="story", page=2, page_size=10)
    body = cluster.sent("POST", r"^/laomo-pages/_search$")[0].json()
    assert (body["from"], body["size"]) == (10, 10)
    assert body["post_filter"] == {"term": {"kind": "story"}}  # the tab narrows the hits, not the counts
    assert body["aggs"] == {"kinds": {"terms": {"field": "kind", "size": 16}}}
    assert body["sort"] == [{"_score": {"order": "desc"}}, "title.raw"]
    # Whole readings only, never a prefix: only moments have pinyin (the names said in an interview's segment).
    assert "pinyin_terms" in str(body["query"]) and "prefix" not in str(body["query"])
    assert results.count == 4
    assert results.counts_by_kind == {"exhibition": 3, "story": 1}
    assert [(h.kind, h.title, h.url, h.highlight) for h in results.hits] == [
        ("story", "修钢笔的人", "/stories/pen/", "修<mark>钢笔</mark>")
    ]


def test_a_page_beyond_the_result_window_asks_for_nothing_past_it(engine, cluster):
    engine.search_pages("钢笔", page=600, page_size=20)
    body = cluster.sent("POST", r"^/laomo-pages/_search$")[0].json()
    assert body["from"] + body["size"] <= 10_000  # index.max_result_window


def test_a_refusing_cluster_answers_from_the_embedded_engine(engine, cluster, caplog):
    failure = {"error": {"type": "search_phase_execution_exception", "reason": "all shards failed"}, "status": 500}
    cluster.reply("POST", SEARCH, failure, status=500)
    results = engine.search_honorees("张广义", Filters())
    assert results.hits and results.hits[0].name == "张广义"
    assert "answering from the embedded engine" in caplog.text
    assert engine.is_available() is False  # searches stay with the embedded engine for a while

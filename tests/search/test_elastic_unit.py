"""The Elasticsearch engine without a cluster: mappings, query bodies, the alias swap, what reaches the index."""

import inspect
import json
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from elasticsearch import ConnectionError as ESConnectionError
from elasticsearch import NotFoundError
from elasticsearch.helpers import BulkIndexError

from archive.browse import Filters, parse_filters
from archive.models import District, Honoree, Honour, Industry
from search import elastic
from search.documents import HonoreeDocument, PageDocument, index_alias, versioned_index_name
from search.documents_source import indexable_honorees, prepare_honoree
from search.elastic import ElasticsearchEngine
from search.embedded import EmbeddedEngine
from search.text import analyse_query, relaxed_queries

# A closed port: building requests never touches the network, and the tests that send one mock the client.
URL = "http://127.0.0.1:9"


@pytest.fixture
def engine():
    return ElasticsearchEngine(URL)


@pytest.fixture
def client(engine):
    engine.client = mock.MagicMock(name="client")
    return engine.client


def body(search) -> dict:
    return search.to_dict()


def honoree_search(query: str, filters: Filters):
    return elastic.build_honoree_search([analyse_query(query)], filters)


def dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


def clauses(tree, kind: str) -> list[dict]:
    """Every clause of one query type anywhere in a body, e.g. all "term" clauses."""
    found = []
    if isinstance(tree, dict):
        for key, value in tree.items():
            if key == kind:
                found.append(value)
            found.extend(clauses(value, kind))
    elif isinstance(tree, list):
        for item in tree:
            found.extend(clauses(item, kind))
    return found


def api_response(data: dict):
    return mock.Mock(body=data)


# --- mapping --------------------------------------------------------------------------------------


def test_honoree_mapping_pins_field_types_and_analyzers():
    index = HonoreeDocument._index.to_dict()
    properties = index["mappings"]["properties"]
    for field in ("name_terms", "pinyin_terms", "text_terms", "meta_terms"):
        assert properties[field] == {"type": "text", "analyzer": "laomo_terms"}
    assert index["settings"]["analysis"]["analyzer"]["laomo_terms"] == {
        "type": "custom",
        "tokenizer": "whitespace",
        "filter": ["lowercase"],
    }
    assert properties["name"] == {"type": "text", "analyzer": "cjk", "fields": {"raw": {"type": "keyword"}}}
    assert properties["biography"] == {"type": "text", "analyzer": "cjk"}
    for field in ("title_normalized", "pinyin_full", "initials", "honours", "honour_names", "levels"):
        assert properties[field] == {"type": "keyword"}
    for field in ("district", "industry", "kind", "stroke_key", "external_id", "initial"):
        assert properties[field] == {"type": "keyword"}
    for field in ("decades", "years", "surname_strokes"):
        assert properties[field] == {"type": "integer"}
    assert properties["synthetic"] == {"type": "boolean"}
    assert properties["honors"] == {"type": "object", "enabled": False}
    assert properties["url"] == {"type": "keyword", "index": False}
    assert properties["source_updated_at"] == {"type": "date"}
    assert properties["suggest"] == {"type": "completion", "analyzer": "laomo_whole_value"}
    assert index["settings"]["analysis"]["analyzer"]["laomo_whole_value"]["tokenizer"] == "keyword"
    assert properties["awards"]["type"] == "nested"
    assert properties["awards"]["properties"]["decade"] == {"type": "integer"}
    # No plugin is needed by default: only built-in analyzers and tokenizers.
    analyzers = {value for key in ("analyzer", "search_analyzer") for value in clauses(index["mappings"], key)}
    assert analyzers == {"cjk", "laomo_terms", "laomo_whole_value"}
    custom = index["settings"]["analysis"]["analyzer"].values()
    assert {a["tokenizer"] for a in custom} == {"whitespace", "keyword"}


def test_page_mapping():
    properties = PageDocument._doc_type.mapping.to_dict()["properties"]
    assert properties["kind"] == {"type": "keyword"}
    assert properties["title"] == {"type": "text", "analyzer": "cjk", "fields": {"raw": {"type": "keyword"}}}
    assert properties["text"] == {"type": "text", "analyzer": "cjk"}
    assert properties["text_terms"] == {"type": "text", "analyzer": "laomo_terms"}


def test_text_fields_use_the_plugin_analyzer_the_setting_names(settings):
    settings.LAOMO_ES_ANALYZER = "smartcn"
    properties = HonoreeDocument._index.to_dict()["mappings"]["properties"]
    assert properties["biography"] == {"type": "text", "analyzer": "smartcn"}
    assert properties["name_terms"]["analyzer"] == "laomo_terms"  # our own terms never change analyzer
    assert PageDocument._doc_type.mapping.to_dict()["properties"]["text"]["analyzer"] == "smartcn"

    settings.LAOMO_ES_ANALYZER = "ik_max_word"
    biography = HonoreeDocument._doc_type.mapping.to_dict()["properties"]["biography"]
    assert biography == {"type": "text", "analyzer": "ik_max_word", "search_analyzer": "ik_smart"}

    settings.LAOMO_ES_ANALYZER = "pinyin"
    with pytest.raises(ImproperlyConfigured, match="LAOMO_ES_ANALYZER"):
        HonoreeDocument._index.to_dict()


def test_index_names_carry_the_environment_prefix(settings):
    settings.LAOMO_INDEX_PREFIX = "laomo-staging"
    assert index_alias("honorees") == "laomo-staging-honorees"
    name = versioned_index_name("honorees")
    assert name.startswith("laomo-staging-honorees-") and name.rsplit("-", 1)[1].isdigit()
    assert honoree_search("张广义", Filters())._s._index == ["laomo-staging-honorees"]
    assert elastic.build_page_search("钢笔")._index == ["laomo-staging-pages"]
    assert elastic.build_suggest_search("zhangg")._index == ["laomo-staging-honorees"]


def test_the_engine_offers_the_embedded_engines_methods():
    def public(cls):
        return {name for name in vars(cls) if not name.startswith("_") and callable(getattr(cls, name))}

    assert public(ElasticsearchEngine) == public(EmbeddedEngine) | {"is_available"}
    for name in public(EmbeddedEngine):
        ours = inspect.signature(getattr(ElasticsearchEngine, name))
        theirs = inspect.signature(getattr(EmbeddedEngine, name))
        assert list(ours.parameters) == list(theirs.parameters), name
    assert ElasticsearchEngine.name == "elasticsearch"


# --- query bodies ---------------------------------------------------------------------------------


def test_exact_name_gets_the_biggest_boost_on_title_normalized():
    query = body(honoree_search("张广义", Filters()))["query"]["bool"]
    bonuses = {clause["constant_score"]["_name"]: clause["constant_score"] for clause in query["should"]}
    assert bonuses["exact_name"]["filter"]["bool"]["should"] == [
        {"term": {"title_normalized": "张广义"}},
        {"term": {"title_without_dots": "张广义"}},  # 阿依古丽买买提 for 阿依古丽·买买提
    ]
    assert bonuses["exact_name"]["boost"] > bonuses["name"]["boost"] > bonuses["pinyin"]["boost"]
    # The one part can match by name, by pinyin (homophones) or by text.
    (part,) = query["must"]
    options = part["dis_max"]["queries"]
    assert {"match": {"name_terms": {"query": "张广 广义", "operator": "and", "boost": 10}}} in options
    assert {"term": {"pinyin_full": {"value": "zhangguangyi", "boost": 10}}} in options
    assert clauses(options, "multi_match")[0]["fields"] == ["text_terms", "meta_terms^2"]


def test_exact_name_follows_the_embedded_engines_tier_zero():
    def bonuses(query):
        return [c["constant_score"]["_name"] for c in body(honoree_search(query, Filters()))["query"]["bool"]["should"]]

    assert "exact_name" in bonuses("张广义!")  # punctuation is dropped before matching
    assert "exact_name" in bonuses("欧阳 明华")  # a space typed inside a name
    assert "exact_name" not in bonuses("张guangyi")
    assert "exact_name" not in bonuses("zhangguangyi")
    # Two Han parts are the exact name only of a record called just that: 张广义修钢笔, not 张广义.
    exact = body(honoree_search("张广义 修钢笔", Filters()))["query"]["bool"]["should"][0]["constant_score"]
    assert exact["filter"]["bool"]["should"][0] == {"term": {"title_normalized": "张广义修钢笔"}}


def test_a_query_run_together_can_be_read_as_separate_words():
    readings = [analyse_query("王建国首钢"), *relaxed_queries(analyse_query("王建国首钢"))]
    query = body(elastic.build_honoree_search(readings[1:], Filters(kind="person")))["query"]["bool"]
    assert query["minimum_should_match"] == 1
    assert len(query["should"]) == len(readings) - 1  # 王|建国首钢, 王建|国首钢, …
    assert query["filter"] == [{"term": {"kind": "person"}}]  # filtered once, outside the readings


def test_spaced_pinyin_becomes_one_full_pinyin_term():
    query = body(honoree_search("zhang guangyi", Filters()))["query"]
    assert {"value": "zhangguangyi", "boost": 10} in [
        t["pinyin_full"] for t in clauses(query, "term") if "pinyin_full" in t
    ]
    assert "title_normalized" not in dump(query)  # no Han characters: no exact-name clause
    assert len(query["bool"]["must"]) == 1


def test_initials_match_the_initials_field():
    query = body(honoree_search("zgy", Filters()))["query"]
    terms = clauses(query, "term")
    assert {"initials": {"value": "zgy", "boost": 7.5}} in terms
    assert {"pinyin_terms": {"value": "zgy", "boost": 5}} in terms


def test_two_parts_must_both_match():
    query = body(honoree_search("张 修钢笔", Filters()))["query"]["bool"]
    assert len(query["must"]) == 2
    first, second = (part["dis_max"]["queries"] for part in query["must"])
    assert first == [{"match": {"name_terms": {"query": "张", "operator": "and", "boost": 10}}}]
    assert {
        "multi_match": {
            "query": "修钢 钢笔",
            "fields": ["text_terms", "meta_terms^2"],
            "operator": "and",
            "type": "cross_fields",
        }
    } in second


def test_filters_are_filter_clauses_not_scoring_clauses():
    filters = Filters(
        kind="person",
        letter="Z",
        strokes=3,
        district=District(name="东城区", slug="dongcheng"),
        industry=Industry(name="商业服务", slug="shangye"),
        honour=Honour(name="全国劳动模范", slug="quanguo"),
        decade=1990,
    )
    query = body(honoree_search("张广义", filters))["query"]["bool"]
    filter_clauses = query["filter"]
    assert {"term": {"kind": "person"}} in filter_clauses
    assert {"term": {"initial": "Z"}} in filter_clauses
    assert {"term": {"surname_strokes": 3}} in filter_clauses
    assert {"term": {"district": "dongcheng"}} in filter_clauses
    assert {"term": {"industry": "shangye"}} in filter_clauses
    # honour and decade must hold for the same award, as on the dictionary pages
    nested = [c["nested"] for c in filter_clauses if "nested" in c]
    assert nested == [
        {
            "path": "awards",
            "query": {"bool": {"filter": [{"term": {"awards.honour": "quanguo"}}, {"term": {"awards.decade": 1990}}]}},
        }
    ]
    for scoring in ("must", "should"):
        assert "dongcheng" not in dump(query[scoring]) and "awards" not in dump(query[scoring])


def test_no_filters_means_no_filter_clauses():
    assert honoree_search("张广义", Filters()).to_dict()["query"]["bool"].get("filter", []) == []


@pytest.mark.parametrize(
    "nasty",
    [
        '"*:() AND OR',
        "name:张* OR biography:/.*/",
        "张广义 AND NOT 王",
        '{"query": {"match_all": {}}}',
        "zhang~2 guang^10",
        "\\\\ \u0000 <script>",
    ],
)
def test_query_text_is_never_query_syntax(nasty):
    search = honoree_search(nasty, Filters())
    assert search is not None  # the letters and characters left are still searched for
    text = dump(body(search))
    assert "query_string" not in text
    assert "simple_query_string" not in text
    assert "regexp" not in text and "wildcard" not in text
    assert "match_all" not in dump(body(search)["query"])
    for kind in ("term", "prefix"):
        for clause in clauses(body(search)["query"], kind):
            for value in clause.values():
                term = value["value"] if isinstance(value, dict) else value
                assert not set(str(term)) & set('*:()"~^/\\{}<>'), term
    for builder in (elastic.build_page_search(nasty), elastic.build_suggest_search(nasty)):
        if builder is not None:
            assert "query_string" not in dump(builder.to_dict())


def test_punctuation_only_builds_no_query(engine):
    assert honoree_search('"*:() ', Filters()) is None
    assert engine.search_honorees("()", Filters()).count == 0  # and never reaches the cluster


def test_the_best_thousand_candidates_are_fetched_in_score_then_dictionary_order():
    search = body(honoree_search("北京", Filters()))
    assert search["sort"] == [{"_score": {"order": "desc"}}, "stroke_key", "external_id"]
    assert (search.get("from", 0), search["size"]) == (0, elastic.CANDIDATE_LIMIT)
    assert search["track_total_hits"] is True
    # What name_tier reads, and whether the record is synthetic (a real one ranks first within a tier).
    assert search["_source"] == ["title_normalized", "pinyin_full", "initials", "synthetic"]
    assert "highlight" not in search


def test_a_page_of_hits_is_fetched_whole_with_the_biography_highlighted():
    search = body(elastic.build_hits_search(["honoree:3", "honoree:1"], analyse_query("修钢笔")))
    assert search["query"] == {"ids": {"values": ["honoree:3", "honoree:1"]}}
    assert search["size"] == 2
    assert "name_terms" in search["_source"]["excludes"]
    highlight = search["highlight"]
    assert highlight["encoder"] == "html"
    assert (highlight["pre_tags"], highlight["post_tags"]) == (["<mark>"], ["</mark>"])
    assert highlight["fields"]["biography"]["highlight_query"] == {"match": {"biography": "修钢笔 修钢 钢笔"}}


def test_facets_are_aggregated_on_keyword_fields():
    aggs = body(honoree_search("北京", Filters()))["aggs"]
    fields = {name.removeprefix("_filter_"): agg["aggs"] for name, agg in aggs.items()}
    assert fields["honour"]["honour"]["terms"]["field"] == "honours"
    assert fields["decade"]["decade"]["terms"]["field"] == "decades"
    assert fields["district"]["district"]["terms"]["field"] == "district"
    assert fields["industry"]["industry"]["terms"]["field"] == "industry"
    assert fields["kind"]["kind"]["terms"]["field"] == "kind"


def test_page_search_filters_the_tab_after_counting_every_kind():
    search = body(elastic.build_page_search("钢笔", kind="story"))
    assert search["post_filter"] == {"term": {"kind": "story"}}
    assert search["aggs"]["kinds"]["terms"]["field"] == "kind"
    assert "pinyin" not in dump(search["query"])  # pages have no pinyin
    assert search["highlight"]["fields"]["text"]["highlight_query"] == {"match": {"text": "钢笔"}}


def test_suggest_uses_completion_on_names_pinyin_and_initials():
    by_pinyin = body(elastic.build_suggest_search("zhangg"))["suggest"]
    assert by_pinyin["reading"]["prefix"] == "zhangg"
    assert by_pinyin["reading"]["completion"]["field"] == "suggest"
    assert "fuzzy" in by_pinyin["typo"]["completion"]
    assert "name" not in by_pinyin
    by_han = body(elastic.build_suggest_search("曾"))["suggest"]
    assert by_han["name"]["prefix"] == "曾"
    assert by_han["reading"]["prefix"] == "zeng"  # read as a surname
    assert body(elastic.build_suggest_search("张guang"))["suggest"]["reading"]["prefix"] == "zhangguang"
    assert body(elastic.build_suggest_search("zgy"))["suggest"]["reading"]["prefix"] == "zgy"
    fragment = body(elastic.build_suggest_search("協和"))
    assert fragment["suggest"]["name"]["prefix"] == "协和"
    assert fragment["query"] == {"match": {"name_terms": {"query": "协和", "operator": "and"}}}
    assert elastic.build_suggest_search("  ") is None


def row(external_id, name, pinyin, initials):
    return {
        "external_id": external_id,
        "name": name,
        "title_normalized": name,
        "pinyin_full": pinyin,
        "initials": initials,
        "url": f"/dictionary/{external_id}/",
    }


LIU_BO = row("R-1", "刘博", "liubo", "lb")
LIU_BOQIANG = row("R-2", "刘博强", "liuboqiang", "lbq")
LI_HONG = row("R-3", "李红", "lihong", "lh")
ZHANG_GUANGYI = row("R-4", "张广义", "zhangguangyi", "zgy")
ZHANG_GUANGYI_2 = row("R-5", "张光义", "zhangguangyi", "zgy")
ZHANG_GUANGYI_3 = row("R-6", "章广毅", "zhangguangyi", "zgy")
XIEHE = row("R-7", "北京协和医院急诊科", "beijingxieheyiyuanjizhenke", "bjxhyyjzk")


def ordered(prefix, pool, typos=()):
    return [r["external_id"] for r in elastic.order_suggestions(analyse_query(prefix), list(pool), list(typos), 8)]


def test_suggestions_are_ordered_like_the_embedded_engine():
    assert ordered("li", [LIU_BO, LI_HONG]) == ["R-3", "R-1"]  # li is 李 before it is the start of liu
    assert ordered("liub", [LIU_BOQIANG, LIU_BO]) == ["R-1", "R-2"]  # the complete name first
    assert ordered("张广意", [ZHANG_GUANGYI_3, ZHANG_GUANGYI_2, ZHANG_GUANGYI])[0] == "R-4"  # most characters shared
    assert ordered("张guang", [ZHANG_GUANGYI_3, ZHANG_GUANGYI]) == ["R-4", "R-6"]  # the typed character first
    assert ordered("协和", [XIEHE]) == ["R-7"]  # a fragment inside the name
    assert ordered("zg", [ZHANG_GUANGYI, LIU_BO]) == ["R-4"]  # initials; 刘博 was only in the pool
    assert ordered("zhangguangyl", [], typos=[ZHANG_GUANGYI]) == ["R-4"]  # a typo, when nothing else
    assert ordered("zhangg", [ZHANG_GUANGYI], typos=[LIU_BO]) == ["R-4"]


# --- responses (a mocked client answering canned bodies) ------------------------------------------


def hit(index, key, source, highlight=None, score=1.0):
    found = {"_index": index, "_id": key, "_score": score, "_source": source}
    if highlight:
        found["highlight"] = highlight
    return found


def honoree_source(**overrides):
    source = {
        "external_id": "SRC-0001",
        "name": "张广义",
        "url": "/dictionary/SRC-0001/",
        "title_normalized": "张广义",
        "pinyin_full": "zhangguangyi",
        "initials": "zgy",
        "honors": [{"year": None, "honor": "北京市劳动模范"}],
        "biography": "张广义将修钢笔这门手艺做成了一辈子的事业",
        "employer": "",
        "synthetic": False,
    }
    return {**source, **overrides}


def facet_aggs(**buckets):
    names = ("honour", "decade", "district", "industry", "kind")
    return {
        f"_filter_{name}": {
            "doc_count": 1,
            name: {"buckets": [{"key": key, "doc_count": n} for key, n in buckets.get(name, [])]},
        }
        for name in names
    }


@pytest.mark.django_db
def test_search_results_are_ranked_and_mapped_like_the_embedded_engine(engine, client):
    honour = Honour.objects.order_by("sort_order").first()
    district = District.objects.order_by("sort_order").first()
    industry = Industry.objects.order_by("sort_order").first()

    def candidate(key, name, pinyin, score):
        return hit(
            "laomo-honorees-1", key, {"title_normalized": name, "pinyin_full": pinyin, "initials": "zgy"}, score=score
        )

    candidates = {
        "hits": {
            "total": {"value": 3, "relation": "eq"},
            # The cluster's order: a biography that repeats the name scores highest.
            "hits": [
                candidate("honoree:3", "王文海", "wangwenhai", 9.0),
                candidate("honoree:2", "张广意", "zhangguangyi", 5.0),
                candidate("honoree:1", "张广义", "zhangguangyi", 4.0),
            ],
        },
        "aggregations": facet_aggs(
            honour=[(honour.slug, 2)],
            decade=[(2020, 1), (1990, 2)],
            district=[(district.slug, 1)],
            industry=[(industry.slug, 2)],
            kind=[("person", 3)],
        ),
    }
    page = {
        "hits": {
            "total": {"value": 3, "relation": "eq"},
            "hits": [  # in any order: the engine puts them back in rank order
                hit("x", "honoree:3", honoree_source(external_id="T-3", name="王文海", biography="他认识张广义。")),
                hit(
                    "x",
                    "honoree:1",
                    honoree_source(),
                    highlight={"biography": ["<mark>张广</mark>义将修钢笔 &amp; 手艺"]},
                ),
                hit(
                    "x",
                    "honoree:2",
                    honoree_source(external_id="T-2", name="张广意", biography="", employer="<b>钢笔厂</b>"),
                ),
            ],
        }
    }
    client.search.side_effect = [api_response(candidates), api_response(page)]
    results = engine.search_honorees("张广义", Filters())

    assert results.count == 3
    assert [(h.id, h.tier) for h in results.hits] == [("SRC-0001", 0), ("T-2", 2), ("T-3", 3)]
    exact, homophone, text = results.hits
    assert (exact.name, exact.url) == ("张广义", "/dictionary/SRC-0001/")
    assert exact.honors == [{"year": None, "honor": "北京市劳动模范"}]
    assert exact.highlight == "<mark>张广</mark>义将修钢笔 &amp; 手艺"
    assert homophone.highlight == "&lt;b&gt;钢笔厂&lt;/b&gt;"  # no biography: the employer, escaped
    assert text.highlight == "他认识<mark>张广义</mark>。"  # the highlighter gave nothing: marked here
    assert results.facets["honour"] == [{"value": honour.slug, "label": honour.name, "count": 2}]
    assert results.facets["decade"] == [
        {"value": "1990", "label": "1990年代", "count": 2},
        {"value": "2020", "label": "2020年代", "count": 1},
    ]
    assert results.facets["district"] == [{"value": district.slug, "label": district.name, "count": 1}]
    assert results.facets["industry"] == [{"value": industry.slug, "label": industry.name, "count": 2}]
    assert results.facets["kind"] == [{"value": "person", "label": "个人", "count": 3}]
    assert results.did_you_mean == []
    first, second = (c.kwargs for c in client.search.call_args_list)
    assert first["index"] == second["index"] == ["laomo-honorees"]
    assert second["body"]["query"] == {"ids": {"values": ["honoree:1", "honoree:2", "honoree:3"]}}
    assert "query_string" not in dump(first["body"])

    client.search.side_effect = [api_response(candidates), api_response({"hits": {"total": {"value": 0}, "hits": []}})]
    second_page = engine.search_honorees("张广义", Filters(), page=2, page_size=2)
    assert second_page.count == 3
    assert client.search.call_args.kwargs["body"]["query"] == {"ids": {"values": ["honoree:3"]}}


@pytest.mark.django_db
def test_words_run_together_are_tried_apart_when_nothing_matched(engine, client):
    empty = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, "aggregations": facet_aggs()}
    found = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [hit("x", "honoree:9", {"title_normalized": "王建国"})],
        },
        "aggregations": facet_aggs(kind=[("person", 1)]),
    }
    whole = {"hits": {"total": {"value": 1}, "hits": [hit("x", "honoree:9", honoree_source(name="王建国"))]}}
    client.search.side_effect = [api_response(empty), api_response(found), api_response(whole)]
    results = engine.search_honorees("王建国首钢", Filters())
    assert results.count == 1 and [h.name for h in results.hits] == ["王建国"]
    assert results.hits[0].tier == 3  # as the embedded engine ranks it: the name matched one reading's part
    retry = client.search.call_args_list[1].kwargs["body"]["query"]["bool"]
    assert retry["minimum_should_match"] == 1 and len(retry["should"]) > 1

    # With filters, the words are tried apart only if the query finds nothing even without them.
    client.search.reset_mock()
    no_names = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}
    client.search.side_effect = [api_response(empty), api_response(no_names)]
    client.count.return_value = {"count": 4}
    results = engine.search_honorees("王建国首钢", Filters(kind="collective"))
    assert results.count == 0 and client.search.call_count == 2  # the candidates, then did-you-mean


@pytest.mark.django_db
def test_no_match_offers_names_that_sound_alike(engine, client):
    empty = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, "aggregations": facet_aggs()}
    close = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                hit("x", "honoree:1", {"name": "张广义", "url": "/dictionary/SRC-0001/", "external_id": "SRC-0001"})
            ],
        }
    }
    client.search.side_effect = [api_response(empty), api_response(close)]
    results = engine.search_honorees("zhangguangyu", Filters())
    assert results.count == 0 and results.facets == {}
    assert results.did_you_mean == [{"name": "张广义", "url": "/dictionary/SRC-0001/", "id": "SRC-0001"}]
    fuzzy = client.search.call_args_list[1].kwargs["body"]["query"]["fuzzy"]["pinyin_full"]
    assert fuzzy == {"value": "zhangguangyu", "fuzziness": "AUTO", "prefix_length": 1}


@pytest.mark.django_db
def test_a_failing_cluster_answers_from_the_embedded_engine(engine, client, caplog):
    from search.engine import embedded_engine

    embedded_engine().rebuild()
    client.search.side_effect = ESConnectionError("connection refused")
    results = engine.search_honorees("张广义", parse_filters({}))
    assert results.hits[0].name == "张广义"
    assert "answering from the embedded engine" in caplog.text
    assert engine.is_available() is False  # and get_engine() stops choosing it for a while
    assert engine.search_pages("钢笔") == embedded_engine().search_pages("钢笔")
    assert engine.suggest("zhangg") == embedded_engine().suggest("zhangg")
    assert engine.suggest("zhangg")[0]["name"] == "张广义"


def test_suggestions_come_from_completion_options_and_fragments(engine, client):
    def option(key, source):
        return {"text": source["title_normalized"], "_id": key, "_source": {**source, "pinyin_display": "Pīnyīn"}}

    client.search.return_value = api_response(
        {
            "hits": {"total": {"value": 1, "relation": "eq"}, "hits": [hit("x", "honoree:7", XIEHE)]},
            "suggest": {
                "name": [{"text": "协和", "offset": 0, "length": 2, "options": []}],
                "reading": [
                    {
                        "text": "xiehe",
                        "offset": 0,
                        "length": 5,
                        "options": [option("honoree:8", row("R-8", "谢和", "xiehe", "xh"))],
                    }
                ],
            },
        }
    )
    assert engine.suggest("协和") == [
        {"id": "R-8", "name": "谢和", "pinyin": "Pīnyīn", "url": "/dictionary/R-8/", "synthetic": False},
        {"id": "R-7", "name": "北京协和医院急诊科", "pinyin": "", "url": "/dictionary/R-7/", "synthetic": False},
    ]


def test_page_results_and_tab_counts(engine, client):
    client.search.return_value = api_response(
        {
            "hits": {
                "total": {"value": 1, "relation": "eq"},
                "hits": [
                    hit(
                        "laomo-pages-1",
                        "page:5",
                        {"kind": "story", "title": "修钢笔的人", "url": "/stories/pen/", "text": "修钢笔"},
                        highlight={"text": ["修<mark>钢笔</mark>"]},
                    )
                ],
            },
            "aggregations": {
                "kinds": {"buckets": [{"key": "story", "doc_count": 1}, {"key": "exhibition", "doc_count": 3}]}
            },
        }
    )
    results = engine.search_pages("钢笔", kind="story")
    assert results.count == 1
    assert results.counts_by_kind == {"story": 1, "exhibition": 3}
    assert [(h.kind, h.title, h.url, h.highlight) for h in results.hits] == [
        ("story", "修钢笔的人", "/stories/pen/", "修<mark>钢笔</mark>")
    ]


# --- availability ---------------------------------------------------------------------------------


def test_availability_is_checked_quickly_and_cached(engine, client):
    quick = client.options.return_value
    quick.indices.exists_alias.return_value = True
    assert engine.is_available() is True
    assert engine.is_available() is True
    assert quick.indices.exists_alias.call_count == 1  # cached: one request per AVAILABILITY_TTL
    options = client.options.call_args.kwargs
    assert options["request_timeout"] <= 1 and options["max_retries"] == 0
    assert quick.indices.exists_alias.call_args.kwargs == {"name": "laomo-honorees"}


def test_an_unreachable_cluster_is_unavailable(engine, client):
    client.options.return_value.indices.exists_alias.side_effect = ESConnectionError("refused")
    assert engine.is_available() is False


@pytest.mark.django_db
def test_writes_fail_fast_while_the_cluster_is_away(engine, client):
    client.options.return_value.indices.exists_alias.side_effect = ESConnectionError("refused")
    record = Honoree.objects.public().first()
    with mock.patch.object(elastic, "bulk") as bulk:
        for write in (
            lambda: engine.index_honoree(record),
            lambda: engine.index_honorees_bulk([record.pk]),
            lambda: engine.remove_honorees_bulk([record.pk]),
            lambda: engine.remove_page(1),
        ):
            with pytest.raises(engine.recoverable_errors):
                write()
    bulk.assert_not_called()
    client.index.assert_not_called()
    assert client.options.return_value.indices.exists_alias.call_count == 1  # one probe, then the cached answer


def test_an_unusable_url_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="ELASTICSEARCH_URL"):
        ElasticsearchEngine("http://127.0.0.1")  # the client needs a port


def test_cluster_errors_are_recoverable():
    errors = ElasticsearchEngine.recoverable_errors
    assert issubclass(ESConnectionError, errors)
    assert issubclass(NotFoundError, errors)
    assert issubclass(BulkIndexError, errors)
    assert not issubclass(ValueError, errors)


# --- what is indexed ------------------------------------------------------------------------------


PRIVATE = {
    "contact_info": "私密电话13900001111",
    "health_notes": "私密病历心脏支架",
    "archivist_notes": "私密档案备注甲乙丙",
    "withdrawn_reason": "私密撤下原因丁戊己",
}


@pytest.mark.django_db
def test_private_fields_never_reach_an_indexed_document(engine, client):
    record = Honoree.objects.create(
        external_id="T-PRIV-1", name="钱私密", biography="公开的事迹：修自行车。", live=True, **PRIVATE
    )
    fresh = indexable_honorees().get(pk=record.pk)
    document = HonoreeDocument.from_prepared(prepare_honoree(fresh), fresh)
    sent = dump(document.to_dict())
    assert "公开的事迹" in sent and "钱私密" in sent
    for field, secret in PRIVATE.items():
        assert secret not in sent, field
        assert field not in sent, field

    engine.index_honoree(record)
    call = client.index.call_args.kwargs
    assert (call["index"], call["id"], call["require_alias"]) == ("laomo-honorees", f"honoree:{record.pk}", True)
    for secret in PRIVATE.values():
        assert secret not in dump(call["document"])


@pytest.mark.django_db
def test_an_honoree_document_holds_facets_and_suggest_inputs():
    honoree = indexable_honorees().get(external_id="SRC-0002")
    document = HonoreeDocument.from_prepared(prepare_honoree(honoree), honoree).to_dict()
    assert document["external_id"] == "SRC-0002"
    assert document["title_normalized"] == "王月鹏"
    assert document["pinyin_full"] == "wangyuepeng"
    assert document["suggest"]["input"] == ["王月鹏", "wangyuepeng", "wyp"]
    collective = Honoree.objects.create(
        external_id="T-LONG", name="北京公交集团第一客运分公司一车队", kind="collective", live=True
    )
    longer = indexable_honorees().get(pk=collective.pk)
    weight = HonoreeDocument.from_prepared(prepare_honoree(longer), longer).to_dict()["suggest"]["weight"]
    assert document["suggest"]["weight"] > weight >= 1  # shorter names weigh more: completion lists them first
    assert document["decades"] == [2020] and document["years"] == [2020]
    assert document["awards"] == [{"honour": document["honours"][0], "level": "national", "year": 2020, "decade": 2020}]
    assert "wangyuepeng" in document["pinyin_terms"].split()
    assert "供电" in document["meta_terms"].split()
    assert document["district"] and document["industry"] and document["stroke_key"]


@pytest.mark.django_db
def test_withdrawn_records_are_deleted_not_indexed(engine, client):
    record = Honoree.objects.create(external_id="T-WD-1", name="孙撤下", live=True, withdrawn=True)
    engine.index_honoree(record)
    client.index.assert_not_called()
    client.options.assert_called_with(ignore_status=404)
    client.options.return_value.delete.assert_called_once_with(
        index="laomo-honorees", id=f"honoree:{record.pk}", refresh=False
    )


@pytest.mark.django_db
def test_bulk_writes_index_public_records_and_delete_by_key(engine, client):
    public = list(Honoree.objects.public().order_by("pk").values_list("pk", flat=True)[:3])
    with mock.patch.object(elastic, "bulk") as bulk:
        engine.refresh = True
        engine.index_honorees_bulk(public)
        actions = list(bulk.call_args.args[1])
        assert [a["_id"] for a in actions] == [f"honoree:{pk}" for pk in public]
        assert {a["_index"] for a in actions} == {"laomo-honorees"}
        assert bulk.call_args.kwargs["refresh"] is True and bulk.call_args.kwargs["require_alias"] is True

        engine.remove_honorees_bulk([7, 8])
        actions = list(bulk.call_args.args[1])
        assert actions == [
            {"_op_type": "delete", "_index": "laomo-honorees", "_id": "honoree:7"},
            {"_op_type": "delete", "_index": "laomo-honorees", "_id": "honoree:8"},
        ]
        assert bulk.call_args.kwargs["ignore_status"] == (404,)

        bulk.reset_mock()
        engine.index_honorees_bulk([])
        engine.remove_honorees_bulk([])
        bulk.assert_not_called()


# --- rebuild: a new index, then an atomic alias swap ----------------------------------------------


def fake_streaming_bulk(written: list):
    def run(client, actions, **kwargs):
        for action in actions:
            written.append(action)
            yield True, {"index": {"_id": action["_id"]}}

    return run


@pytest.mark.django_db
def test_rebuild_fills_a_new_index_and_swaps_the_alias(engine, client):
    old_honorees, old_pages = "laomo-honorees-20240101000000000000", "laomo-pages-20240101000000000000"
    client.indices.get_alias.side_effect = [
        {old_honorees: {"aliases": {"laomo-honorees": {}}}},
        {old_pages: {"aliases": {"laomo-pages": {}}}},
    ]
    written: list = []
    steps = mock.Mock()
    steps.attach_mock(client.indices, "indices")
    with mock.patch.object(elastic, "streaming_bulk", side_effect=fake_streaming_bulk(written)) as streaming_bulk:
        steps.attach_mock(streaming_bulk, "streaming_bulk")
        counts = engine.rebuild()

    assert counts["honorees"] == Honoree.objects.public().count()
    assert counts["pages"] > 0
    calls = [(name, kwargs) for name, _args, kwargs in steps.mock_calls]
    assert [name for name, _ in calls] == [
        "indices.create",
        "streaming_bulk",
        "indices.refresh",
        "indices.get_alias",
        "indices.update_aliases",
        "indices.delete",
    ] * 2
    create = calls[0][1]
    new = create["index"]
    assert new.startswith("laomo-honorees-") and new != old_honorees
    assert create["mappings"]["properties"]["name_terms"]["analyzer"] == "laomo_terms"
    assert "laomo_terms" in create["settings"]["analysis"]["analyzer"]
    assert calls[1][1]["chunk_size"] == elastic.BULK_CHUNK
    assert calls[2][1] == {"index": new}
    assert calls[4][1] == {
        "actions": [
            {"remove": {"index": old_honorees, "alias": "laomo-honorees"}},
            {"add": {"index": new, "alias": "laomo-honorees"}},
        ]
    }
    assert calls[5][1] == {"index": old_honorees}
    assert calls[6][1]["index"].startswith("laomo-pages-")
    assert calls[11][1] == {"index": old_pages}
    honoree_actions = [a for a in written if a["_id"].startswith("honoree:")]
    assert {a["_index"] for a in honoree_actions} == {new}  # filled before anyone searches it
    assert len(honoree_actions) == counts["honorees"]


@pytest.mark.django_db
def test_saves_during_a_rebuild_are_written_again_after_the_swap(engine, client):
    client.indices.get_alias.side_effect = NotFoundError("alias missing", mock.Mock(status=404), {})
    client.indices.exists.return_value = False
    edited, withdrawn = Honoree.objects.public().order_by("pk")[:2]

    def fill_while_editors_work(client, actions, **kwargs):
        Honoree.objects.filter(pk=edited.pk).update(updated_at=timezone.now())
        Honoree.objects.filter(pk=withdrawn.pk).update(withdrawn=True, updated_at=timezone.now())
        yield from fake_streaming_bulk([])(client, actions)

    with (
        mock.patch.object(elastic, "streaming_bulk", side_effect=fill_while_editors_work),
        mock.patch.object(elastic, "bulk") as bulk,
    ):
        engine.rebuild()
    written = {(a["_op_type"], a["_id"], a["_index"]) for call in bulk.call_args_list for a in call.args[1]}
    assert ("index", f"honoree:{edited.pk}", "laomo-honorees") in written
    assert ("delete", f"honoree:{withdrawn.pk}", "laomo-honorees") in written
    assert client.indices.update_aliases.call_count == 2


@pytest.mark.django_db
def test_first_rebuild_just_adds_the_alias(engine, client):
    client.indices.get_alias.side_effect = NotFoundError("alias missing", mock.Mock(status=404), {})
    client.indices.exists.return_value = False
    with mock.patch.object(elastic, "streaming_bulk", side_effect=fake_streaming_bulk([])):
        engine.rebuild()
    first_swap = client.indices.update_aliases.call_args_list[0].kwargs["actions"]
    assert len(first_swap) == 1 and first_swap[0]["add"]["alias"] == "laomo-honorees"
    client.indices.delete.assert_not_called()


@pytest.mark.django_db
def test_an_index_squatting_the_alias_name_is_replaced_in_the_same_swap(engine, client):
    client.indices.get_alias.side_effect = NotFoundError("alias missing", mock.Mock(status=404), {})
    client.indices.exists.return_value = True
    with mock.patch.object(elastic, "streaming_bulk", side_effect=fake_streaming_bulk([])):
        engine.rebuild()
    first_swap = client.indices.update_aliases.call_args_list[0].kwargs["actions"]
    assert first_swap[0] == {"remove_index": {"index": "laomo-honorees"}}
    assert first_swap[1]["add"]["alias"] == "laomo-honorees"


@pytest.mark.django_db
def test_a_failed_fill_drops_the_new_index_and_keeps_the_alias(engine, client):
    def failing(client, actions, **kwargs):
        next(iter(actions))
        raise BulkIndexError("1 document(s) failed to index.", [])
        yield  # a generator, like streaming_bulk

    with mock.patch.object(elastic, "streaming_bulk", side_effect=failing), pytest.raises(BulkIndexError):
        engine.rebuild()
    new = client.indices.create.call_args.kwargs["index"]
    client.options.return_value.indices.delete.assert_called_once_with(index=new)
    client.indices.update_aliases.assert_not_called()


# --- check ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_check_compares_ids_and_update_times(engine):
    public = list(Honoree.objects.public().order_by("pk"))
    fresh, stale = public[0], public[1]
    indexed = [
        {"_id": f"honoree:{fresh.pk}", "_source": {"source_updated_at": fresh.updated_at.isoformat()}},
        {"_id": f"honoree:{stale.pk}", "_source": {"source_updated_at": "2001-01-01T00:00:00+00:00"}},
        {"_id": "honoree:999999", "_source": {"source_updated_at": "2001-01-01T00:00:00+00:00"}},
    ]
    with mock.patch.object(elastic, "scan", side_effect=[indexed, []]) as scan:
        report = engine.check()
    assert report["indexed"] == 3
    assert report["stale"] == [f"honoree:{stale.pk}"]
    assert report["extra"] == ["honoree:999999"]
    assert f"honoree:{fresh.pk}" not in report["missing"]
    assert f"honoree:{public[2].pk}" in report["missing"]
    assert report["expected"] == len(public) + len([k for k in report["missing"] if k.startswith("page:")])
    assert [c.kwargs["index"] for c in scan.call_args_list] == ["laomo-honorees", "laomo-pages"]

"""The Elasticsearch engine's mappings and request bodies, built without a cluster (what the client then sends, and
how responses are read, is tested on the wire: tests/search/wire/)."""

import inspect
import json

from django.core.exceptions import ImproperlyConfigured

import pytest
from elasticsearch import ConnectionError as ESConnectionError
from elasticsearch import NotFoundError
from elasticsearch.helpers import BulkIndexError

from archive.browse import Filters
from archive.models import District, Honoree, Honour, Industry
from search import elastic_queries as elastic
from search.documents import HonoreeDocument, PageDocument, index_alias, versioned_index_name
from search.documents_source import indexable_honorees, prepare_honoree
from search.elastic import ElasticsearchEngine
from search.embedded import EmbeddedEngine
from search.text import analyse_query, relaxed_queries

# A closed port: building requests never touches the network.
URL = "http://127.0.0.1:9"


@pytest.fixture
def engine():
    return ElasticsearchEngine(URL)


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
    for field in ("biography_en", "employer_en"):  # the English site's searches (built-in `english` analyzer)
        assert properties[field] == {"type": "text", "analyzer": "english"}
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
    assert analyzers == {"cjk", "english", "laomo_terms", "laomo_whole_value"}
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
    # Whole readings only, never a prefix: only moments have pinyin (the names said in an interview's segment).
    assert "pinyin_terms" in dump(search["query"]) and "prefix" not in dump(search["query"])
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


# --- documents and errors -------------------------------------------------------------------------


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


def test_cluster_errors_are_recoverable():
    errors = ElasticsearchEngine.recoverable_errors
    assert issubclass(ESConnectionError, errors)
    assert issubclass(NotFoundError, errors)
    assert issubclass(BulkIndexError, errors)
    assert not issubclass(ValueError, errors)

"""The Elasticsearch engine against a real cluster. Runs only when ELASTICSEARCH_URL is set, e.g.

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python -m pytest -q tests/search/test_elastic_integration.py

Every test indexes into its own uniquely prefixed indexes and deletes them afterwards; writes refresh at once.
"""

import os
import uuid

import pytest
from elasticsearch import ApiError

from archive.browse import parse_filters
from archive.models import Honoree
from search.documents import HonoreeDocument
from search.elastic import ElasticsearchEngine
from search.engine import elasticsearch_engine, reset_engines
from tests.archive.factories import HonoreeFactory

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.django_db,
    pytest.mark.skipif(
        not ELASTICSEARCH_URL, reason="ELASTICSEARCH_URL not set: Elasticsearch integration tests skipped"
    ),
]


@pytest.fixture
def engine(settings):
    settings.LAOMO_ELASTICSEARCH_URL = ELASTICSEARCH_URL
    settings.LAOMO_INDEX_PREFIX = prefix = f"laomo-test-{uuid.uuid4().hex[:12]}"
    reset_engines()
    search_engine = elasticsearch_engine()  # the instance search.indexing writes through, too
    search_engine.refresh = True
    search_engine.rebuild()
    yield search_engine
    # Deleting by wildcard is refused by default since Elasticsearch 8 (action.destructive_requires_name).
    created = search_engine.client.indices.get(index=f"{prefix}-*")  # {} when the pattern matches nothing
    for index in created:
        search_engine.client.indices.delete(index=index)
    reset_engines()


def search(engine, query, **filters):
    return engine.search_honorees(query, parse_filters(filters))


def names(results) -> list[str]:
    return [hit.name for hit in results.hits]


def test_rebuild_leaves_one_index_behind_each_alias(engine, settings):
    prefix = settings.LAOMO_INDEX_PREFIX
    first = set(engine.client.indices.get_alias(name=f"{prefix}-honorees"))
    counts = engine.rebuild()
    second = set(engine.client.indices.get_alias(name=f"{prefix}-honorees"))
    assert len(first) == len(second) == 1 and first != second
    assert not engine.client.indices.exists(index=",".join(first))  # the old one is gone
    assert counts["honorees"] == Honoree.objects.public().count()
    assert engine.is_available()


def test_exact_name_comes_first(engine):
    results = search(engine, "张广义")
    assert results.hits[0].name == "张广义"
    assert results.hits[0].tier == 0
    assert results.hits[0].honors


@pytest.mark.parametrize("query", ["zhangguangyi", "zhang guangyi", "zgy", "张广意", "张guangyi"])
def test_pinyin_initials_and_homophones_find_the_name(engine, query):
    results = search(engine, query)
    assert results.hits and results.hits[0].name == "张广义"
    assert results.hits[0].tier == 2


def test_employer_and_biography_words_find_records(engine):
    assert "王月鹏" in names(search(engine, "昌平供电"))
    results = search(engine, "冬奥")
    assert names(results)[0] == "刘博强"
    assert "<mark>" in results.hits[0].highlight and "冬奥" in results.hits[0].highlight
    assert results.hits[0].tier == 3


def test_highlight_is_escaped(engine, committed):
    committed(
        lambda: HonoreeFactory(external_id="T-ES-XSS", name="严标记", biography="<script>alert(1)</script>修冰箱")
    )
    (hit,) = search(engine, "修冰箱").hits
    assert "<script>" not in hit.highlight and "&lt;script&gt;" in hit.highlight
    assert "<mark>" in hit.highlight


def test_facets_count_matches_and_filters_narrow(engine):
    results = search(engine, "北京")
    assert results.count >= 2
    kinds = {row["value"]: row for row in results.facets["kind"]}
    assert kinds["person"]["label"] == "个人" and kinds["person"]["count"] >= 2
    decades = {row["value"]: row for row in results.facets["decade"]}
    assert decades["2020"]["label"] == "2020年代"
    honour = results.facets["honour"][0]
    assert honour["label"] and honour["count"] >= 1

    narrowed = search(engine, "北京", decade="2020")
    assert "王月鹏" in names(narrowed)
    assert "张广义" not in names(narrowed)  # his awards carry no year
    assert narrowed.count < results.count


def test_nothing_found_suggests_a_close_name(engine):
    results = search(engine, "zhangguangyu")
    assert results.count == 0
    assert [row["name"] for row in results.did_you_mean] == ["张广义"]


def test_suggest_as_you_type(engine):
    assert engine.suggest("zhangg")[0]["name"] == "张广义"
    assert engine.suggest("张广")[0]["name"] == "张广义"
    assert "张广义" in [row["name"] for row in engine.suggest("zg")]
    first = engine.suggest("wangyue")[0]
    assert set(first) == {"id", "name", "pinyin", "url", "synthetic"}
    assert first["id"] == "SRC-0002"


def test_pages_are_searchable_by_kind(engine):
    results = engine.search_pages("张广义")
    assert results.count >= 1
    assert sum(results.counts_by_kind.values()) >= results.count
    kind = results.hits[0].kind
    assert all(hit.kind == kind for hit in engine.search_pages("张广义", kind=kind).hits)


def test_changes_follow_the_record(engine, committed):
    honoree = committed(
        lambda: HonoreeFactory(external_id="T-ES-1", name="钟表修", biography="在王府井修了五十年钟表。")
    )
    assert names(search(engine, "钟表")) == ["钟表修"]

    honoree.withdrawn = True
    committed(honoree.save)
    assert names(search(engine, "钟表")) == []
    assert engine.suggest("钟表") == []

    honoree.withdrawn = False
    committed(honoree.save)
    assert names(search(engine, "钟表")) == ["钟表修"]
    committed(Honoree.objects.filter(pk=honoree.pk).delete)
    assert names(search(engine, "钟表")) == []


def test_check_reports_an_index_in_step_then_a_missing_record(engine):
    report = engine.check()
    assert (report["missing"], report["stale"], report["extra"]) == ([], [], [])
    honoree = Honoree.objects.public().get(external_id="SRC-0003")
    engine.remove_honoree(honoree.pk)
    assert engine.check()["missing"] == [f"honoree:{honoree.pk}"]


# --- issue 21: what the stand-in cluster (tests/search/wire/) showed, proven once more on a real cluster ------


def test_a_name_fragment_is_suggested(engine, committed):
    committed(lambda: HonoreeFactory(external_id="T-ES-XH", name="北京协和医院急诊科", kind="collective"))
    assert "T-ES-XH" in [row["id"] for row in engine.suggest("协和")]


def test_namesakes_are_each_suggested_and_offered(engine, committed):
    committed(lambda: [HonoreeFactory(external_id=f"T-ES-NS{n}", name="张广义") for n in (1, 2)])
    for prefix in ("张广义", "zhangguangyi", "zgy"):
        ids = [row["id"] for row in engine.suggest(prefix)]
        assert {"SRC-0001", "T-ES-NS1", "T-ES-NS2"} <= set(ids), (prefix, ids)
    offered = [row["id"] for row in search(engine, "zhanguangyi").did_you_mean]
    assert offered == ["SRC-0001", "T-ES-NS1", "T-ES-NS2"]  # one reading: dictionary order, then id


def test_changes_made_during_a_rebuild_reach_the_new_index(engine, committed, monkeypatch):
    deleted = committed(lambda: HonoreeFactory(external_id="T-ES-RB1", name="删除者", biography="重建时删除。"))
    withdrawn = committed(lambda: HonoreeFactory(external_id="T-ES-RB2", name="撤下者", biography="重建时撤下。"))
    prepare, done = HonoreeDocument.from_prepared, []

    def edit_while_filling(*args):
        if not done:
            done.append(True)
            committed(Honoree.objects.filter(pk=deleted.pk).delete)
            withdrawn.withdrawn = True
            committed(withdrawn.save)
        return prepare(*args)

    monkeypatch.setattr(HonoreeDocument, "from_prepared", edit_while_filling)
    engine.rebuild()
    assert names(search(engine, "重建时")) == []
    report = engine.check()
    assert (report["missing"], report["stale"], report["extra"]) == ([], [], [])


def test_a_failed_rebuild_leaves_no_index_behind(engine, settings, monkeypatch):
    before = set(engine.client.indices.get(index=f"{settings.LAOMO_INDEX_PREFIX}-*"))

    def broken(*args):
        raise ValueError("a record the preparation cannot handle")

    monkeypatch.setattr(HonoreeDocument, "from_prepared", broken)
    with pytest.raises(ValueError):
        engine.rebuild()
    assert set(engine.client.indices.get(index=f"{settings.LAOMO_INDEX_PREFIX}-*")) == before


def test_writes_need_the_alias_and_go_through_once_another_process_built_it(settings, committed):
    settings.LAOMO_ELASTICSEARCH_URL = ELASTICSEARCH_URL
    settings.LAOMO_INDEX_PREFIX = prefix = f"laomo-test-{uuid.uuid4().hex[:12]}"
    reset_engines()
    other = ElasticsearchEngine(ELASTICSEARCH_URL)
    try:
        assert other.is_available() is False  # no index yet, and remembered for searches
        honoree = Honoree.objects.public().first()
        with pytest.raises(ApiError):
            other.index_honoree(honoree)  # require_alias: refused, and no index created with a guessed mapping
        assert engine_indexes(other, prefix) == set()
        builder = elasticsearch_engine()
        builder.rebuild()
        other.index_honoree(honoree)  # at once, not 30 seconds later
    finally:
        for index in engine_indexes(other, prefix):
            other.client.indices.delete(index=index)
        reset_engines()


def engine_indexes(engine, prefix: str) -> set[str]:
    return set(engine.client.indices.get(index=f"{prefix}-*"))

"""The embedded engine's paths for scale: per-process facet counts, broad queries, index-friendly prefixes.

These are the changes that keep /api/honorees/search/ fast at 100,000 records (bench/bench_search.py); here we
prove they give the same answers as the straightforward way.
"""

from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext

import pytest

from archive.browse import Filters
from archive.cache import bump_data_version, data_version
from archive.models import Award, District, Honoree, Honour
from search import embedded, facets
from search.embedded import EmbeddedEngine, starts_with
from search.models import SearchDocument
from tests.archive.factories import AwardFactory, HonoreeFactory

pytestmark = pytest.mark.django_db


def sql_facets(ids):
    """Facet counts the plain way, to compare the per-process table against."""
    honorees = Honoree.objects.filter(pk__in=ids)
    awards = Award.objects.filter(honoree__in=ids)
    return {
        "honour": {
            r["honour__slug"]: r["n"] for r in awards.values("honour__slug").annotate(n=Count("honoree", distinct=True))
        },
        "decade": {
            str(r["d"]): r["n"]
            for r in awards.exclude(year=None)
            .annotate(d=F("year") / 10 * 10)
            .values("d")
            .annotate(n=Count("honoree", distinct=True))
        },
        "district": {
            r["district__slug"]: r["n"]
            for r in honorees.exclude(district=None).values("district__slug").annotate(n=Count("pk"))
        },
        "kind": {r["kind"]: r["n"] for r in honorees.values("kind").annotate(n=Count("pk"))},
    }


def as_counts(result, facet):
    return {entry["value"]: entry["count"] for entry in result[facet]}


def test_facet_table_counts_match_the_database():
    ids = list(Honoree.objects.public().values_list("pk", flat=True))
    assert len(ids) >= 8
    counted = facets.search_facets(ids)
    expected = sql_facets(ids)
    for facet in ("honour", "decade", "district", "kind"):
        assert as_counts(counted, facet) == expected[facet], facet
    # An honoree with two awards of one honour counts once for it.
    assert max(as_counts(counted, "honour").values()) <= len(ids)


def test_facet_values_keep_the_editorial_order_and_labels():
    ids = list(Honoree.objects.public().values_list("pk", flat=True))
    counted = facets.search_facets(ids)
    honour_order = list(Honour.objects.filter(slug__in=as_counts(counted, "honour")).values_list("slug", flat=True))
    assert [entry["value"] for entry in counted["honour"]] == honour_order
    decades = [int(entry["value"]) for entry in counted["decade"]]
    assert decades == sorted(decades)
    assert all(entry["label"] == f"{entry['value']}年代" for entry in counted["decade"])
    names = dict(District.objects.values_list("slug", "name"))
    assert all(entry["label"] == names[entry["value"]] for entry in counted["district"])


def test_facet_table_follows_record_changes():
    honoree = AwardFactory(year=1956, honour=Honour.objects.get(name="全国劳动模范")).honoree
    before = facets.search_facets([honoree.pk])
    assert as_counts(before, "decade") == {"1950": 1}
    Award.objects.filter(honoree=honoree).update(year=1989)
    bump_data_version()  # what every save and import does (archive.signals); .update() skips the signal
    assert as_counts(facets.search_facets([honoree.pk]), "decade") == {"1980": 1}


def test_facet_table_is_built_once_per_data_version():
    ids = list(Honoree.objects.public().values_list("pk", flat=True))
    facets.search_facets(ids)
    with CaptureQueriesContext(connection) as queries:
        facets.search_facets(ids)
    # Outside a request the data version is read from its table each time (core.versions); the counts come
    # from memory.
    assert [query["sql"] for query in queries if "laomo_versioncounterrow" not in query["sql"]] == []
    assert facets.facet_table().version == data_version()


def test_a_lost_version_counter_starts_from_the_clock_not_from_one():
    from core.state import VersionCounterRow

    first = data_version()
    VersionCounterRow.objects.all().delete()  # a database restored from before the counters existed, say
    assert data_version() > first  # never a version a stale per-process table or cached page could carry


def test_unknown_ids_are_ignored():
    assert all(entries == [] for entries in facets.search_facets([10**12]).values())


@pytest.fixture
def broad_records(committed):
    """More records matching 修钢笔 than BROAD_MATCH allows (set low), one of them named 修钢笔 too."""
    people = [
        HonoreeFactory(name=f"钱{'一二三四五六七八九十'[i]}", biography="他一生修钢笔，为人民服务。") for i in range(10)
    ]
    named = HonoreeFactory(name="修钢笔", biography="一个名叫修钢笔的集体。")
    from search.engine import get_engine

    committed(lambda: get_engine().index_honorees_bulk([h.pk for h in [*people, named]]))
    return people, named


def test_a_broad_query_ranks_name_matches_first_then_the_rest_in_dictionary_order(broad_records, monkeypatch):
    people, named = broad_records
    engine = EmbeddedEngine()
    normal = engine.search_honorees("修钢笔", Filters())
    monkeypatch.setattr(embedded, "BROAD_MATCH", 3)
    bump_data_version()  # a fresh result cache
    broad = engine.search_honorees("修钢笔", Filters())
    assert broad.count == normal.count >= 11
    assert broad.hits[0].name == normal.hits[0].name == "修钢笔"
    rest = [hit.name for hit in broad.hits[1:]]
    in_dictionary_order = list(
        Honoree.objects.public()
        .filter(name__in=rest)
        .order_by("stroke_key", "external_id")
        .values_list("name", flat=True)
    )
    assert rest == in_dictionary_order
    assert {hit.name for hit in broad.hits} == {hit.name for hit in normal.hits}
    assert broad.facets == normal.facets


def test_prefix_filter_finds_the_same_rows_as_startswith():
    for prefix in ["zh", "zhang", "z", "w", "zzzz", "张", "北京"]:
        field = "title_normalized" if not prefix.isascii() else "pinyin_full"
        expected = set(SearchDocument.objects.filter(**{f"{field}__startswith": prefix}).values_list("pk", flat=True))
        assert set(SearchDocument.objects.filter(starts_with(field, prefix)).values_list("pk", flat=True)) == expected


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner; PostgreSQL uses its pattern-ops index")
def test_suggestions_read_a_covering_index_not_the_table():
    sql, params = (
        SearchDocument.objects.filter(starts_with("pinyin_full", "zhang"), kind="honoree")
        .values_list("object_id", "pinyin_full", "title_normalized")
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "COVERING INDEX searchdoc_kind_pinyin" in plan, plan

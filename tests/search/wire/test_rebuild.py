"""Rebuilds on the wire: a new index filled and swapped behind the alias in one `_aliases` call, nothing lost
that editors did meanwhile, and no index left behind when a step fails."""

import itertools

import pytest
from elasticsearch import ApiError

from archive.models import Honoree
from core.state import OutboxEntry
from exhibits.models import StoryIndexPage
from laomo.models import HomePage
from search import elastic_client, rebuilding
from search.documents import HonoreeDocument, PageDocument
from search.documents_source import expected_page_documents, indexable_pages
from search.engine import elasticsearch_engine, reset_engines
from search.models import IndexRebuild
from tests.archive.factories import HonoreeFactory
from tests.exhibits.factories import StoryPageFactory

from .conftest import HONOREES_INDEX, PAGES_INDEX

pytestmark = pytest.mark.django_db

NEW_HONOREES = r"^/laomo-honorees-\d{20}$"
NEW_PAGES = r"^/laomo-pages-\d{20}$"


def while_filling(monkeypatch, document_class, edit):
    """Run `edit` once, right after the fill has read its records and prepared the first document."""
    prepare = document_class.from_prepared
    calls = itertools.count()

    def prepared_then_edited(*args):
        document = prepare(*args)
        if next(calls) == 0:
            edit()
        return document

    monkeypatch.setattr(document_class, "from_prepared", prepared_then_edited)


def new_index(cluster, pattern: str) -> str:
    (create,) = cluster.sent("PUT", pattern)
    return create.path.lstrip("/")


def test_a_rebuild_fills_new_indexes_and_swaps_each_alias_in_one_call(engine, cluster):
    counts = engine.rebuild()
    honorees, pages = new_index(cluster, NEW_HONOREES), new_index(cluster, NEW_PAGES)
    moments = len(expected_page_documents()) - indexable_pages().count()  # the demo interview's segments
    assert counts == {
        "honorees": Honoree.objects.public().count(),
        "pages": indexable_pages().count(),
        "moments": moments,
    }
    steps = [
        (r.method, r.path.replace(honorees, "<new honorees>").replace(pages, "<new pages>")) for r in cluster.requests
    ]
    assert steps == [
        ("GET", "/laomo-honorees-*/_alias"),  # leftovers of a rebuild that died: none
        ("PUT", "/<new honorees>"),
        ("PUT", "/_bulk"),  # fewer than 500 records: one request
        ("POST", "/<new honorees>/_refresh"),
        ("GET", "/_alias/laomo-honorees"),
        ("POST", "/_aliases"),
        ("DELETE", "/laomo-honorees-20250101000000000000"),
        ("GET", "/laomo-pages-*/_alias"),
        ("PUT", "/<new pages>"),
        ("PUT", "/_bulk"),
        ("POST", "/<new pages>/_refresh"),
        ("GET", "/_alias/laomo-pages"),
        ("POST", "/_aliases"),
        ("DELETE", "/laomo-pages-20250101000000000000"),
    ]
    swap_honorees, swap_pages = (r.json() for r in cluster.sent("POST", "^/_aliases$"))
    assert swap_honorees == {
        "actions": [
            {"remove": {"index": HONOREES_INDEX, "alias": "laomo-honorees"}},
            {"add": {"index": honorees, "alias": "laomo-honorees"}},
        ]
    }
    assert swap_pages["actions"][-1] == {"add": {"index": pages, "alias": "laomo-pages"}}
    create = cluster.sent("PUT", NEW_HONOREES)[0].json()
    assert create["settings"]["analysis"]["analyzer"]["laomo_terms"]["tokenizer"] == "whitespace"
    assert create["mappings"]["properties"]["suggest"] == {"type": "completion", "analyzer": "laomo_whole_value"}
    fill = cluster.sent("PUT", "^/_bulk$")[0]
    assert fill.query == {}  # the new index is written by name: no alias points at it yet
    assert {line["index"]["_index"] for line in fill.ndjson()[0::2]} == {honorees}
    assert len(cluster.documents_behind("laomo-honorees")) == counts["honorees"]
    assert cluster.state.aliases == {honorees: {"laomo-honorees"}, pages: {"laomo-pages"}}
    assert not IndexRebuild.objects.exists()


def test_the_first_rebuild_adds_the_alias_and_replaces_an_index_squatting_its_name(cluster):
    cluster.add_index("laomo-honorees")  # created by hand, or by a write before require_alias
    elasticsearch_engine().rebuild()
    first_swap = cluster.sent("POST", "^/_aliases$")[0].json()["actions"]
    assert first_swap[0] == {"remove_index": {"index": "laomo-honorees"}}
    assert first_swap[1]["add"]["alias"] == "laomo-honorees" and len(first_swap) == 2
    assert not cluster.sent("DELETE")


def test_changes_made_while_the_index_fills_are_replayed_after_the_swap(engine, cluster, committed, monkeypatch):
    """Issue 21, defect 3: deletions too — a record deleted or withdrawn, a page unpublished, deleted or moved."""
    deleted, withdrawn, renamed = Honoree.objects.public().order_by("pk")[:3]
    stories = StoryIndexPage.objects.get()
    unpublished, removed, moved = (
        committed(lambda title=title: StoryPageFactory(parent=stories, title=title))
        for title in ("撤下", "删除", "移动")
    )
    cluster.requests.clear()

    def edit_honorees():
        committed(Honoree.objects.filter(pk=deleted.pk).delete)
        withdrawn.withdrawn = True
        committed(withdrawn.save)
        renamed.biography = "重建期间改写的事迹：修了六十年钢笔。"
        committed(renamed.save)
        # Written to the old index at once, and kept for the replay.
        assert set(OutboxEntry.objects.values_list("task", "claimed_by")) == {("search.elasticsearch.honorees", "")}

    def edit_pages():
        committed(unpublished.unpublish)
        committed(lambda: removed.delete())
        committed(lambda: moved.move(HomePage.objects.get(), pos="last-child"))

    while_filling(monkeypatch, HonoreeDocument, edit_honorees)
    while_filling(monkeypatch, PageDocument, edit_pages)
    engine.rebuild()

    honorees = cluster.documents_behind("laomo-honorees")
    assert f"honoree:{deleted.pk}" not in honorees
    assert f"honoree:{withdrawn.pk}" not in honorees
    assert "六十年钢笔" in honorees[f"honoree:{renamed.pk}"]["biography"]
    pages = cluster.documents_behind("laomo-pages")
    assert f"page:{unpublished.pk}" not in pages
    assert f"page:{removed.pk}" not in pages
    moved.refresh_from_db()
    assert pages[f"page:{moved.pk}"]["url"] == moved.specific.url
    swap = max(i for i, r in enumerate(cluster.requests) if r.path == "/_aliases")
    assert any(r.path == "/_bulk" for r in cluster.requests[swap:])  # the replay, after the last swap
    assert not OutboxEntry.objects.exists()  # nothing owed, nothing dropped


def test_changes_are_replayed_even_when_a_step_after_the_first_swap_fails(engine, cluster, committed, monkeypatch):
    """Issue 21, defect 4: the pages index could not be created; the honorees swap stands, and what editors
    changed while it filled must reach it."""
    renamed = Honoree.objects.public().order_by("pk").first()

    def edit():
        renamed.biography = "重建期间改写的事迹：修了六十年钢笔。"
        committed(renamed.save)

    while_filling(monkeypatch, HonoreeDocument, edit)
    failure = {"error": {"type": "illegal_argument_exception", "reason": "failed to find analyzer [smartcn]"}}
    cluster.reply("PUT", NEW_PAGES, {**failure, "status": 400}, status=400)
    with pytest.raises(ApiError):
        engine.rebuild()
    assert "六十年钢笔" in cluster.documents_behind("laomo-honorees")[f"honoree:{renamed.pk}"]["biography"]
    assert cluster.documents_behind("laomo-pages") == {}  # the old pages index still serves (empty here)
    assert set(cluster.state.aliases) - {PAGES_INDEX} == {new_index(cluster, NEW_HONOREES)}
    assert not OutboxEntry.objects.exists() and not IndexRebuild.objects.exists()


def test_a_failure_while_filling_leaves_no_index_behind(engine, cluster, monkeypatch):
    """Issue 21, defect 5: a bug while a document is prepared is no Elasticsearch error, and was not caught."""

    def broken(*args):
        raise ValueError("a record the preparation cannot handle")

    monkeypatch.setattr(HonoreeDocument, "from_prepared", broken)
    with pytest.raises(ValueError):
        engine.rebuild()
    new = new_index(cluster, NEW_HONOREES)
    assert cluster.sent("DELETE", f"^/{new}$")
    assert set(cluster.state.aliases) == {HONOREES_INDEX, PAGES_INDEX}  # the old ones still serve
    assert not cluster.sent("POST", "^/_aliases$")


def test_a_failed_swap_leaves_no_index_behind(engine, cluster):
    cluster.reply(
        "POST", "^/_aliases$", {"error": {"type": "process_cluster_event_timeout_exception"}, "status": 500}, 500
    )
    with pytest.raises(ApiError):
        engine.rebuild()
    assert set(cluster.state.aliases) == {HONOREES_INDEX, PAGES_INDEX}


def test_index_operations_wait_longer_than_the_cluster_does(engine, cluster, monkeypatch):
    """Issue 21, defect 5: the alias swap waits up to 30 s for the master node; a 5 s client timeout gave up."""
    monkeypatch.setattr(elastic_client, "REQUEST_TIMEOUT", 0.3)
    reset_engines()
    slow_engine = elasticsearch_engine()
    for method, path in (("PUT", NEW_HONOREES), ("POST", "^/_aliases$"), ("DELETE", f"^/{HONOREES_INDEX}$")):
        cluster.slow(method, path, seconds=0.6)
    slow_engine.rebuild()
    assert cluster.state.aliases[new_index(cluster, NEW_HONOREES)] == {"laomo-honorees"}
    assert HONOREES_INDEX not in cluster.state.aliases


def test_an_index_a_killed_rebuild_left_is_deleted_by_the_next(engine, cluster):
    cluster.add_index("laomo-honorees-20240101000000000000")  # filled, never swapped: its process was killed
    engine.rebuild()
    assert cluster.sent("DELETE", "^/laomo-honorees-20240101000000000000$")
    assert "laomo-honorees-20240101000000000000" not in cluster.state.aliases


def test_a_second_rebuild_is_refused_while_one_is_under_way(engine, cluster):
    with rebuilding.catching_up(engine.name):
        with pytest.raises(rebuilding.RebuildUnderWay):
            engine.rebuild()
    assert not cluster.sent("PUT")


def test_a_rebuild_that_died_long_ago_does_not_hold_changes_back(engine, cluster, committed):
    IndexRebuild.objects.create(engine=engine.name, started_at="2001-01-01T00:00:00Z", started_by="gone:1")
    committed(lambda: HonoreeFactory(external_id="T-R-1", name="旧标记"))
    assert not OutboxEntry.objects.exists()  # written and done, not kept for a replay that will never come
    engine.rebuild()  # and the stale marker does not block a new rebuild

"""Writes on the wire: what a save, a withdrawal or a bulk change sends, that every write requires the alias,
and that credentials never travel in clear."""

import base64

from django.core.exceptions import ImproperlyConfigured

import pytest

from archive.models import Honoree
from core.state import OutboxEntry
from search.elastic import ElasticsearchEngine
from tests.archive.factories import HonoreeFactory

pytestmark = pytest.mark.django_db

PRIVATE = {
    "contact_info": "私密电话13900001111",
    "health_notes": "私密病历心脏支架",
    "archivist_notes": "私密档案备注甲乙丙",
    "withdrawn_reason": "私密撤下原因丁戊己",
}


def test_a_saved_record_is_written_to_the_alias_and_nothing_private_is_sent(engine, cluster, committed):
    honoree = committed(lambda: HonoreeFactory(external_id="T-W-1", name="钱私密", biography="修自行车。", **PRIVATE))
    (write,) = cluster.sent("PUT", "^/_bulk$")  # after the commit, the outbox's batch
    assert write.query == {"refresh": "true", "require_alias": "true"}  # never creates an index of its own
    operation, document = write.ndjson()
    assert operation == {"index": {"_index": "laomo-honorees", "_id": f"honoree:{honoree.pk}"}}
    assert document["external_id"] == "T-W-1" and document["suggest"]["input"][0] == "钱私密"
    for field, secret in PRIVATE.items():
        assert secret not in write.body.decode() and field not in document
    assert cluster.documents_behind("laomo-honorees")[f"honoree:{honoree.pk}"] == document
    assert not OutboxEntry.objects.exists()  # done, nothing owed


def test_one_record_is_written_by_id(engine, cluster):
    honoree = Honoree.objects.public().first()
    engine.index_honoree(honoree)
    (write,) = cluster.sent("PUT", "^/laomo-honorees/_doc/")
    assert write.raw_path == f"/laomo-honorees/_doc/honoree%3A{honoree.pk}"
    assert write.query == {"refresh": "true", "require_alias": "true"}
    assert write.json()["external_id"] == honoree.external_id


def test_a_withdrawn_record_is_deleted(engine, cluster, committed):
    honoree = committed(lambda: HonoreeFactory(external_id="T-W-2", name="孙撤下"))
    honoree.withdrawn = True
    committed(honoree.save)
    assert cluster.sent("PUT", "^/_bulk$")[-1].ndjson() == [
        {"delete": {"_index": "laomo-honorees", "_id": f"honoree:{honoree.pk}"}}
    ]
    assert f"honoree:{honoree.pk}" not in cluster.documents_behind("laomo-honorees")
    engine.remove_page(12345)  # one page by id: not there, a 404 the engine expects
    assert [r.query for r in cluster.sent("DELETE", "^/laomo-pages/_doc/page:12345$")] == [{"refresh": "true"}]


def test_bulk_writes_index_public_records_and_delete_by_key(engine, cluster):
    public = list(Honoree.objects.public().order_by("pk").values_list("pk", flat=True)[:3])
    engine.index_honorees_bulk(public)
    engine.remove_honorees_bulk([public[0], 999_999])
    indexing, deleting = cluster.sent("PUT", "^/_bulk$")
    assert indexing.query == {"refresh": "true", "require_alias": "true"}
    lines = indexing.ndjson()
    assert lines[0::2] == [{"index": {"_index": "laomo-honorees", "_id": f"honoree:{pk}"}} for pk in public]
    assert [line["external_id"] for line in lines[1::2]] == list(
        Honoree.objects.filter(pk__in=public).order_by("pk").values_list("external_id", flat=True)
    )
    assert deleting.ndjson() == [
        {"delete": {"_index": "laomo-honorees", "_id": f"honoree:{public[0]}"}},
        {"delete": {"_index": "laomo-honorees", "_id": "honoree:999999"}},  # not there: a 404 item, ignored
    ]
    assert set(cluster.documents_behind("laomo-honorees")) == {f"honoree:{pk}" for pk in public[1:]}


def test_before_the_first_rebuild_the_cluster_refuses_writes_and_the_outbox_keeps_them(cluster, committed):
    committed(lambda: HonoreeFactory(external_id="T-W-3", name="等索引"))
    (write,) = cluster.sent("PUT", "^/_bulk$")
    assert write.query["require_alias"] == "true"
    assert cluster.state.aliases == {}  # no index was created by the write
    assert OutboxEntry.objects.filter(task="search.elasticsearch.honorees").exists()


def test_writes_go_through_as_soon_as_another_process_has_built_the_index(cluster):
    """Issue 21, defect 7: a process that saw no index yet refused every write for 30 seconds after a rebuild."""
    engine = ElasticsearchEngine(cluster.url)
    assert engine.is_available() is False  # HEAD /_alias/laomo-honorees: 404, remembered for searches
    cluster.add_index("laomo-honorees-20250101000000000000", "laomo-honorees")  # a rebuild elsewhere
    honoree = Honoree.objects.public().first()
    engine.index_honoree(honoree)
    assert f"honoree:{honoree.pk}" in cluster.documents_behind("laomo-honorees")
    assert len(cluster.sent("HEAD", "^/_alias/laomo-honorees$")) == 1  # no probe per write


def test_writes_fail_fast_while_the_cluster_is_unreachable(cluster):
    engine = ElasticsearchEngine(cluster.url)
    cluster.stop()
    honoree = Honoree.objects.public().first()
    for write in (lambda: engine.index_honoree(honoree), lambda: engine.remove_page(1)):
        with pytest.raises(engine.recoverable_errors):
            write()
    cluster.requests.clear()  # nothing reached it; nothing to check against the specification


def test_credentials_are_refused_over_plain_http(cluster, settings):
    """Issue 21, defect 8: basic auth over http:// is readable by anyone on the way."""
    address = cluster.url.removeprefix("http://")
    with pytest.raises(ImproperlyConfigured, match="https://"):
        ElasticsearchEngine(f"http://laomo_web:s3cret@{address}")
    with pytest.raises(ImproperlyConfigured, match="https://"):
        ElasticsearchEngine(f"http://laomo_web@{address}")
    ElasticsearchEngine(f"https://laomo_web:s3cret@{address}")  # accepted: nothing is sent until asked

    settings.LAOMO_ELASTICSEARCH_ALLOW_HTTP_CREDENTIALS = True  # a node on this machine
    engine = ElasticsearchEngine(f"http://laomo_web:s3cret@{address}")
    engine.is_available()
    (probe,) = cluster.sent("HEAD")
    assert probe.headers["authorization"] == "Basic " + base64.b64encode(b"laomo_web:s3cret").decode()
    assert engine.display_url == f"http://laomo_web:***@{address}"  # what logs show


def test_an_unusable_url_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="ELASTICSEARCH_URL"):
        ElasticsearchEngine("http://127.0.0.1")  # the client needs a port


def test_check_scrolls_both_indexes_and_compares_ids_and_times(engine, cluster):
    public = list(Honoree.objects.public().order_by("pk"))
    fresh, stale = public[0], public[1]
    honorees = cluster.documents_behind("laomo-honorees")
    honorees[f"honoree:{fresh.pk}"] = {"source_updated_at": fresh.updated_at.isoformat()}
    honorees[f"honoree:{stale.pk}"] = {"source_updated_at": "2001-01-01T00:00:00+00:00"}
    honorees["honoree:999999"] = {"source_updated_at": "2001-01-01T00:00:00+00:00"}
    report = engine.check()
    assert (report["indexed"], report["stale"], report["extra"]) == (3, [f"honoree:{stale.pk}"], ["honoree:999999"])
    assert f"honoree:{public[2].pk}" in report["missing"]
    first, _pages = cluster.sent("POST", "_search$")
    assert first.path == "/laomo-honorees/_search"
    assert first.query["scroll"] == "5m" and first.query["ignore_unavailable"] == "true"
    assert first.json()["query"] == {"match_all": {}} and first.json()["_source"] == ["source_updated_at"]
    assert cluster.sent("DELETE", "^/_search/scroll$")  # scrolls are cleared, not left to expire

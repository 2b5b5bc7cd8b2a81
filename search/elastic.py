"""The Elasticsearch engine: the same searches as the embedded engine, answered by a cluster.

Request bodies are built in search/elastic_queries.py; results are ranked with search/ranking.py, as the
embedded engine ranks its own. Writes go to aliases that must already exist (`manage.py search_index rebuild`
creates them, search/elastic_rebuild.py), so a write can never create an index with a guessed mapping. A failed
write is kept in the outbox by search.indexing; a failed search answers from the fallback engine it was given.
"""

import logging
import time
from collections.abc import Iterable, Iterator
from datetime import datetime

from elastic_transport import TransportError
from elasticsearch import ApiError
from elasticsearch.helpers import BulkIndexError, ScanError, bulk, scan

from archive.browse import Filters
from archive.models import Honoree

from . import rebuilding
from .documents import HonoreeDocument, PageDocument, index_alias
from .documents_source import (
    expected_page_documents,
    honoree_key,
    honoree_pk,
    indexable_honorees,
    indexable_pages,
    page_key,
    prepare_honoree,
    prepare_page_documents,
)
from .elastic_client import PING_TIMEOUT, connect, display_url
from .elastic_queries import (
    ENGLISH_HIGHLIGHT,
    HONOREES,
    PAGES,
    build_did_you_mean_search,
    build_hits_search,
    build_honoree_search,
    build_page_search,
    build_suggest_search,
    facet_lists,
    moments_of_page,
    order_suggestions,
    suggest_row,
)
from .elastic_rebuild import BULK_CHUNK, index_action, rebuild_index
from .highlight import highlight
from .ranking import Candidate, closest_first, did_you_mean_reading, name_order, name_tier
from .results import PAGE_SIZE, HonoreeHit, HonoreeResults, PageHit, PageResults
from .text import AnalysedQuery, analyse_query, relaxed_queries

logger = logging.getLogger(__name__)

AVAILABILITY_TTL = 30  # seconds a probe's answer is trusted, so a down cluster costs one timeout per 30 s


class ClusterUnavailable(TransportError):
    """A write refused at once while the cluster is known to be away (a TransportError: indexing logs it)."""


class ElasticsearchEngine:
    name = "elasticsearch"
    # What a cluster outage or refusal looks like; search.indexing keeps the change in the outbox on these.
    # (elasticsearch.ConnectionError and ConnectionTimeout are TransportErrors.)
    recoverable_errors: tuple = (ApiError, TransportError, BulkIndexError, ScanError)

    def __init__(self, url: str, refresh: bool | str = False, *, fallback=None):
        self.client = connect(url)
        self.display_url = display_url(url)
        self.refresh = refresh  # tests pass True so a write is searchable at once
        self.fallback = fallback  # the engine that answers while the cluster cannot (None: the error goes up)
        self._reachable = self._ready = False
        self._checked_at: float | None = None
        self._missing_index_logged = False

    # --- availability -----------------------------------------------------------------------------
    def is_available(self) -> bool:
        """The cluster answers and the index has been built; asked at most once per AVAILABILITY_TTL."""
        now = time.monotonic()
        if self._checked_at is not None and now - self._checked_at < AVAILABILITY_TTL:
            return self._ready
        try:
            quick = self.client.options(request_timeout=PING_TIMEOUT, max_retries=0)
            self._ready = bool(quick.indices.exists_alias(name=index_alias(HONOREES)))
            self._reachable = True
            if not self._ready and not self._missing_index_logged:
                logger.warning("Elasticsearch has no %s index yet: run manage.py search_index rebuild.", HONOREES)
                self._missing_index_logged = True
        except (ApiError, TransportError):
            self._reachable = self._ready = False
        self._checked_at = now
        return self._ready

    def _require_cluster(self) -> None:
        """Fail at once while the cluster is known to be unreachable, rather than time out on every save.

        A cluster that had no index when last asked is written to all the same: a rebuild in another process
        may have created it since, and require_alias makes the cluster refuse the write if it has not."""
        self.is_available()
        if not self._reachable:
            raise ClusterUnavailable("Elasticsearch is not answering; the change was not indexed.")

    def _fall_back(self, error: Exception):
        """Searches go to the fallback engine for a while; writes are still tried (they are kept if refused)."""
        if self.fallback is None:
            raise error
        logger.warning("Elasticsearch search failed (%s); answering from the embedded engine.", error)
        self._ready, self._checked_at = False, time.monotonic()
        self._reachable = isinstance(error, ApiError)  # the cluster answered, with an error
        return self.fallback

    # --- querying ---------------------------------------------------------------------------------
    def search_honorees(
        self, query: str, filters: Filters, page: int = 1, page_size: int = PAGE_SIZE, english: bool = False
    ) -> HonoreeResults:
        analysed = analyse_query(query, english=english)
        search = build_honoree_search([analysed], filters, using=self.client)
        if search is None:
            return HonoreeResults(count=0, hits=[], facets={}, page=page, page_size=page_size)
        try:
            response = search.execute()
            count = response.hits.total.value
            readings = [analysed]
            if not count and not (filters.active and self._matches_without_filters(analysed)):
                relaxed = relaxed_queries(analysed)  # nothing at all: words run together, read as separate words
                retry = build_honoree_search(relaxed, filters, using=self.client) if relaxed else None
                if retry is not None:
                    response = retry.execute()
                    count = response.hits.total.value
                    readings += relaxed
            ranked = self._rank(response.hits, readings)
            hits = self._honoree_hits(ranked[(page - 1) * page_size : page * page_size], analysed)
            facets = facet_lists(response.facets, count)
            did_you_mean = self.did_you_mean(analysed) if count == 0 else []
        except (ApiError, TransportError) as error:
            return self._fall_back(error).search_honorees(query, filters, page, page_size, english=english)
        return HonoreeResults(
            count=count, hits=hits, facets=facets, page=page, page_size=page_size, did_you_mean=did_you_mean
        )

    def _matches_without_filters(self, analysed: AnalysedQuery) -> bool:
        return build_honoree_search([analysed], Filters(), using=self.client).count() > 0

    @staticmethod
    def _rank(candidates, readings: list[AnalysedQuery]) -> list[tuple[str, int]]:
        """(key, tier) in the embedded engine's order: by name_tier's tier, real records before synthetic ones
        (示例数据) of the same tier, then name_tier's closeness, then Elasticsearch's own order."""
        tiers, orders, synthetic = {}, {}, set()
        for hit in candidates:
            source = hit.to_dict()
            candidate = Candidate(
                doc_id=0,
                object_id=honoree_pk(hit.meta.id),
                title=source.get("title_normalized", ""),
                pinyin_full=source.get("pinyin_full", ""),
                initials=source.get("initials", ""),
                kind="honoree",
                rank=0.0,
            )
            tiers[hit.meta.id] = min(name_tier(reading, candidate) for reading in readings)
            orders[hit.meta.id] = name_order(tiers[hit.meta.id], candidate)
            if source.get("synthetic"):
                synthetic.add(hit.meta.id)
        # sorted() is stable: inside a tier, closeness and reading, the score and dictionary order from the cluster
        # stay.
        ranked = sorted(tiers.items(), key=lambda item: (item[1][0], item[0] in synthetic, item[1][1], orders[item[0]]))
        return [(key, tier[0]) for key, tier in ranked]

    def _honoree_hits(self, window: list[tuple[str, int]], analysed: AnalysedQuery) -> list[HonoreeHit]:
        if not window:
            return []
        response = build_hits_search([key for key, _ in window], analysed, using=self.client).execute()
        by_key = {hit.meta.id: hit for hit in response.hits}
        terms = analysed.highlight_terms()
        return [self._honoree_hit(by_key[key], tier, terms, analysed.english) for key, tier in window if key in by_key]

    @staticmethod
    def _honoree_hit(hit, tier: int, terms: list[str], english: bool = False) -> HonoreeHit:
        source = hit.to_dict()
        highlighted = hit.meta.to_dict().get("highlight", {})
        fragments = (english and highlighted.get(ENGLISH_HIGHLIGHT)) or highlighted.get("biography")
        if fragments:
            snippet = fragments[0]
        else:  # nothing to mark in the biography (a name or pinyin match): the start of it, or the employer
            biography = (english and source.get("biography_en")) or source.get("biography", "")
            text = biography if tier == 3 else biography or source.get("employer", "")
            snippet = highlight(text, terms)
        return HonoreeHit(
            id=source["external_id"],
            name=source["name"],
            url=source["url"],
            honors=source.get("honors", []),
            highlight=snippet,
            tier=tier,
            synthetic=source.get("synthetic", False),
            employer=source.get("employer", ""),
        )

    def did_you_mean(self, analysed: AnalysedQuery, limit: int = 3) -> list[dict]:
        """Names that sound like the query (by pinyin), for the no-results page: the closest first, as the
        embedded engine ranks them (ranking.closest_first); the cluster only finds the near readings."""
        wanted = did_you_mean_reading(analysed)
        if len(wanted) < 2:
            return []
        hits = build_did_you_mean_search(wanted, using=self.client).execute().hits
        rows = [(hit.pinyin_full, (hit.stroke_key, hit.external_id), hit) for hit in hits]
        return [{"name": hit.name, "url": hit.url, "id": hit.external_id} for hit in closest_first(wanted, rows, limit)]

    def search_pages(self, query: str, kind: str = "", page: int = 1, page_size: int = PAGE_SIZE) -> PageResults:
        search = build_page_search(query, kind, page, page_size, using=self.client)
        if search is None:
            return PageResults(count=0, hits=[], counts_by_kind={}, page=page, page_size=page_size)
        try:
            response = search.execute()
        except (ApiError, TransportError) as error:
            return self._fall_back(error).search_pages(query, kind, page, page_size)
        counts = {bucket.key: bucket.doc_count for bucket in response.aggregations.kinds.buckets}
        terms = analyse_query(query).highlight_terms()
        hits = []
        for hit in response.hits:
            fragments = hit.meta.to_dict().get("highlight", {}).get("text")
            snippet = fragments[0] if fragments else highlight(hit.to_dict().get("text", ""), terms)
            hits.append(PageHit(kind=hit.kind, title=hit.title, url=hit.url, highlight=snippet))
        return PageResults(
            count=response.hits.total.value, hits=hits, counts_by_kind=counts, page=page, page_size=page_size
        )

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        search = build_suggest_search(prefix, limit, using=self.client)
        if search is None:
            return []
        try:
            response = search.execute().to_dict()
        except (ApiError, TransportError) as error:
            return self._fall_back(error).suggest(prefix, limit)
        suggestions = response.get("suggest", {})
        pool: dict[str, dict] = {}
        for name in ("name", "reading"):
            for entry in suggestions.get(name, []):
                for option in entry["options"]:
                    pool.setdefault(option["_id"], option["_source"])
        for hit in response.get("hits", {}).get("hits", []):
            pool.setdefault(hit["_id"], hit["_source"])
        typos = [option["_source"] for entry in suggestions.get("typo", []) for option in entry["options"]]
        rows = order_suggestions(analyse_query(prefix), [suggest_row(r) for r in pool.values()], typos, limit)
        return [
            {
                "id": row["external_id"],
                "name": row["name"],
                "pinyin": row.get("pinyin_display", ""),
                "url": row["url"],
                "synthetic": row.get("synthetic", False),
            }
            for row in rows
        ]

    # --- indexing ---------------------------------------------------------------------------------
    @staticmethod
    def _honoree_documents(honorees: Iterable[Honoree]) -> Iterator[HonoreeDocument]:
        for honoree in honorees:
            yield HonoreeDocument.from_prepared(prepare_honoree(honoree), honoree)

    @staticmethod
    def _page_documents(pages) -> Iterator[PageDocument]:
        for page in pages:
            for prepared in prepare_page_documents(page):
                yield PageDocument.from_prepared(prepared)

    def _write(self, document, kind: str) -> None:
        self._require_cluster()
        # require_alias: never let a write create an index with a guessed mapping before the first rebuild.
        self.client.index(
            index=index_alias(kind),
            id=document.meta.id,
            document=document.to_dict(),
            refresh=self.refresh,
            require_alias=True,
        )

    def _delete(self, key: str, kind: str) -> None:
        self._require_cluster()
        self.client.options(ignore_status=404).delete(index=index_alias(kind), id=key, refresh=self.refresh)

    def index_honoree(self, honoree) -> None:
        if honoree.is_public:
            fresh = indexable_honorees().filter(pk=honoree.pk).first()
            if fresh is not None:
                self._write(HonoreeDocument.from_prepared(prepare_honoree(fresh), fresh), HONOREES)
                return
        self.remove_honoree(honoree.pk)

    def index_honorees_bulk(self, pks: list[int]) -> None:
        if not pks:
            return
        self._require_cluster()
        index = index_alias(HONOREES)

        def actions():
            for start in range(0, len(pks), BULK_CHUNK):
                chunk = indexable_honorees().filter(pk__in=pks[start : start + BULK_CHUNK])
                for document in self._honoree_documents(chunk):
                    yield index_action(document, index)

        bulk(self.client, actions(), chunk_size=BULK_CHUNK, refresh=self.refresh, require_alias=True)

    def remove_honoree(self, honoree_pk: int) -> None:
        self._delete(honoree_key(honoree_pk), HONOREES)

    def remove_honorees_bulk(self, pks: list[int]) -> None:
        if not pks:
            return
        self._require_cluster()
        index = index_alias(HONOREES)
        actions = ({"_op_type": "delete", "_index": index, "_id": honoree_key(pk)} for pk in pks)
        bulk(self.client, actions, chunk_size=BULK_CHUNK, refresh=self.refresh, ignore_status=(404,))

    def index_page(self, page) -> None:
        """The page and its moments (an interview's segments); moments it no longer offers are deleted."""
        live = indexable_pages().filter(pk=page.pk).first()
        if live is None:
            self.remove_page(page.pk)
            return
        documents = [PageDocument.from_prepared(prepared) for prepared in prepare_page_documents(live)]
        if len(documents) == 1 and not hasattr(live, "search_moments"):
            self._write(documents[0], PAGES)
            return
        self._require_cluster()
        index = index_alias(PAGES)
        bulk(self.client, (index_action(d, index) for d in documents), refresh=self.refresh, require_alias=True)
        self._delete_moments(page.pk, keep=[d.meta.id for d in documents])

    def remove_page(self, page_pk: int) -> None:
        self._delete(page_key(page_pk), PAGES)
        self._delete_moments(page_pk)

    def _delete_moments(self, page_pk: int, keep: list[str] = ()) -> None:
        """The page's moments except `keep`, in one request (a page without moments matches nothing)."""
        self._require_cluster()
        self.client.delete_by_query(
            index=index_alias(PAGES),
            query=moments_of_page(page_pk, keep),
            refresh=bool(self.refresh),
            conflicts="proceed",  # a moment written again meanwhile is the newer truth: leave it
            ignore_unavailable=True,
        )

    # --- rebuild and check ------------------------------------------------------------------------
    def rebuild(self, stdout=None) -> dict:
        """New versioned indexes behind the aliases (searches never see a gap); then every change made while
        they filled is replayed into them from the outbox — also when a step after the first swap failed."""
        with rebuilding.catching_up(self.name):
            honorees = rebuild_index(
                self.client,
                HONOREES,
                HonoreeDocument,
                self._honoree_documents(indexable_honorees().iterator(chunk_size=BULK_CHUNK)),
                stdout,
            )
            self._checked_at = None  # the index exists now: ask again rather than trust an old answer
            documents = rebuild_index(self.client, PAGES, PageDocument, self._page_documents(indexable_pages()), stdout)
        pages = indexable_pages().count()
        return {"honorees": honorees, "pages": pages, "moments": documents - pages}

    def check(self) -> dict:
        """Public records and pages against what the indexes hold, by id and the source's update time."""
        expected = {
            honoree_key(pk): updated for pk, updated in Honoree.objects.public().values_list("pk", "updated_at")
        }
        expected.update(expected_page_documents())
        indexed = {}
        for kind in (HONOREES, PAGES):
            for hit in scan(
                self.client,
                index=index_alias(kind),
                query={"query": {"match_all": {}}, "_source": ["source_updated_at"]},
                ignore_unavailable=True,
            ):
                indexed[hit["_id"]] = _parse_time(hit.get("_source", {}).get("source_updated_at"))
        missing = sorted(set(expected) - set(indexed))
        extra = sorted(set(indexed) - set(expected))
        stale = sorted(key for key in set(expected) & set(indexed) if expected[key] != indexed[key])
        return {"expected": len(expected), "indexed": len(indexed), "missing": missing, "stale": stale, "extra": extra}


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None

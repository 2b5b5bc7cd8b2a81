"""The Elasticsearch engine: the same searches as the embedded engine, answered by a cluster.

Queries are built only from search.text's analysed parts, with term, match, prefix and fuzzy queries on
the terms we prepared at index time: what a visitor types is never parsed as query syntax. A query is an
AND of parts and a part an OR of the ways it can match, exactly as in embedded.build_conditions; ranking
follows the embedded engine's tiers (exact name, name, pinyin/homophone, text) through boosted clauses,
with relevance inside a tier and dictionary order (stroke_key) between equal scores.

Writes go to aliases that must already exist (`manage.py search_index rebuild` creates them), so a write
can never create an index with a guessed mapping. A failed write is logged by search.indexing; a failed
search answers from the embedded engine.
"""

import logging
import time
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.helpers import BulkIndexError, ScanError, bulk, scan, streaming_bulk
from elasticsearch_dsl import Document, FacetedSearch, Search, TermsFacet
from elasticsearch_dsl.query import (
    Bool,
    ConstantScore,
    DisMax,
    Fuzzy,
    Ids,
    Match,
    MultiMatch,
    Nested,
    Prefix,
    Query,
    Term,
)

from archive.browse import Filters
from archive.models import District, Honoree, Honour, Industry, Kind
from archive.names import read_name

from .documents import HonoreeDocument, PageDocument, index_alias, versioned_index_name
from .documents_source import (
    honoree_key,
    indexable_honorees,
    indexable_pages,
    page_key,
    prepare_honoree,
    prepare_page,
)
from .embedded import Candidate, name_tier
from .engine import PAGE_KINDS, PAGE_SIZE, HonoreeHit, HonoreeResults, PageHit, PageResults, embedded_engine
from .highlight import SNIPPET_CHARS, highlight
from .text import (
    AnalysedQuery,
    QueryPart,
    analyse_query,
    bigrams,
    han_pinyin,
    relaxed_queries,
    segment_pinyin,
)

logger = logging.getLogger(__name__)

HONOREES, PAGES = "honorees", "pages"
# Tier bonuses, far apart so a tier always outranks the one below whatever the relevance inside it.
EXACT_NAME_BOOST = 1_000_000
NAME_TIER_BOOST = 100_000
PINYIN_TIER_BOOST = 10_000
# Weights of the ways one part can match (the embedded engine's bm25 weights: name 10, pinyin 5, meta 2, text 1).
NAME_BOOST, PINYIN_BOOST, META_BOOST = 10, 5, 2

PING_TIMEOUT = 0.8  # seconds: a cluster that cannot answer a HEAD request this fast is treated as down
AVAILABILITY_TTL = 30  # seconds a ping result is trusted, so a down cluster costs one timeout per 30 s
REQUEST_TIMEOUT = 5
BULK_TIMEOUT = 120
BULK_CHUNK = 500
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default index.max_result_window
FACET_SIZE = 200
SOURCE_EXCLUDES = ["name_terms", "pinyin_terms", "text_terms", "meta_terms", "suggest", "awards"]
CANDIDATE_LIMIT = 1000  # as in the embedded engine: the best thousand matches are ranked by name tier
CANDIDATE_FIELDS = ["title_normalized", "pinyin_full", "initials", "synthetic"]
SUGGEST_POOL = 10  # suggestions fetched per one shown, for order_suggestions to choose from
SUGGEST_FIELDS = ["external_id", "name", "pinyin_display", "url", *CANDIDATE_FIELDS]


class ClusterUnavailable(TransportError):
    """A write refused at once while the cluster is known to be away (a TransportError: indexing logs it)."""


# --- query bodies ---------------------------------------------------------------------------------


def part_options(part: QueryPart, with_prefix: bool = True, pinyin: bool = True) -> dict[str, list[Query]]:
    """The ways one part can match, by kind, mirroring embedded.build_conditions."""
    options: dict[str, list[Query]] = {"name": [], "pinyin": [], "text": []}
    if part.name_terms:  # every Han term in the name
        options["name"].append(
            Match(name_terms={"query": " ".join(part.name_terms), "operator": "and", "boost": NAME_BOOST})
        )
    if pinyin and part.pinyin_full:  # zhangguangyi, or a homophone's reading; the whole reading ranks higher
        options["pinyin"].append(Term(pinyin_terms={"value": part.pinyin_full, "boost": PINYIN_BOOST}))
        options["pinyin"].append(Term(pinyin_full={"value": part.pinyin_full, "boost": PINYIN_BOOST * 2}))
    if pinyin and part.initials:
        options["pinyin"].append(Term(pinyin_terms={"value": part.initials, "boost": PINYIN_BOOST}))
        options["pinyin"].append(Term(initials={"value": part.initials, "boost": PINYIN_BOOST * 1.5}))
    if pinyin and with_prefix and len(part.pinyin_prefix) >= 2:
        options["pinyin"].append(Prefix(pinyin_terms={"value": part.pinyin_prefix}))
    if part.text_terms:  # every term in the biography or in the record's other facts (cross_fields: term by term)
        options["text"].append(
            MultiMatch(
                query=" ".join(part.text_terms),
                fields=["text_terms", f"meta_terms^{META_BOOST}"],
                type="cross_fields",
                operator="and",
            )
        )
    return options


def is_exact_name_query(analysed: AnalysedQuery) -> bool:
    """Would a record named just what was typed be an exact match (tier 0)? Asked of embedded.name_tier itself."""
    han = analysed.han
    return bool(han) and name_tier(analysed, Candidate(0, 0, han, "", "", "honoree", 0.0))[0] == 0


def any_reading_query(readings: list[AnalysedQuery], filters: list[Query]) -> Bool | None:
    """Records matching any of several readings of a query (text.relaxed_queries), filtered once."""
    queries = [q for reading in readings if (q := ranked_query(reading, [])) is not None]
    if len(queries) <= 1:
        return ranked_query(readings[0], filters) if queries else None
    return Bool(should=queries, minimum_should_match=1, filter=filters)


def ranked_query(analysed: AnalysedQuery, filters: list[Query], pinyin: bool = True) -> Bool | None:
    """AND across parts, OR across one part's options; tier bonuses as optional clauses; filters not scored."""
    parts = [
        (part, options)
        for part in analysed.parts
        if any((options := part_options(part, with_prefix=pinyin, pinyin=pinyin)).values())
    ]
    if not parts:
        return None
    must = [DisMax(queries=[*o["name"], *o["pinyin"], *o["text"]]) for _, o in parts]
    should: list[Query] = []
    if is_exact_name_query(analysed):
        exact = Bool(should=[Term(title_normalized=analysed.han), Term(title_without_dots=analysed.han)])
        should.append(ConstantScore(filter=exact, boost=EXACT_NAME_BOOST, _name="exact_name"))
    if all(o["name"] and part.raw == part.han for part, o in parts):
        should.append(
            ConstantScore(filter=Bool(filter=[o["name"][0] for _, o in parts]), boost=NAME_TIER_BOOST, _name="name")
        )
    if pinyin and all(o["name"] or o["pinyin"] for _, o in parts):
        should.append(
            ConstantScore(
                filter=Bool(filter=[DisMax(queries=[*o["name"], *o["pinyin"]]) for _, o in parts]),
                boost=PINYIN_TIER_BOOST,
                _name="pinyin",
            )
        )
    return Bool(must=must, should=should, filter=filters)


def filter_clauses(filters: Filters) -> list[Query]:
    """archive.browse.Filters as non-scoring clauses; the award filters hold for one and the same award."""
    clauses: list[Query] = []
    if filters.letter:
        clauses.append(Term(initial=filters.letter))
    if filters.strokes is not None:
        clauses.append(Term(surname_strokes=filters.strokes))
    if filters.district:
        clauses.append(Term(district=filters.district.slug))
    if filters.industry:
        clauses.append(Term(industry=filters.industry.slug))
    if filters.kind:
        clauses.append(Term(kind=filters.kind))
    if filters.has_award_filter:
        award: list[Query] = []
        if filters.honour:
            award.append(Term(awards__honour=filters.honour.slug))
        if filters.level:
            award.append(Term(awards__level=filters.level))
        if filters.decade is not None:
            award.append(Term(awards__decade=filters.decade))
        if filters.year is not None:
            award.append(Term(awards__year=filters.year))
        clauses.append(Nested(path="awards", query=Bool(filter=award)))
    return clauses


def highlight_match(field: str, analysed: AnalysedQuery) -> dict | None:
    """What the highlighter marks: the query's Han runs and terms, analysed like the field (a match query)."""
    terms = analysed.highlight_terms()
    return Match(**{field: " ".join(terms)}).to_dict() if terms else None


def with_highlight(search, field: str, analysed: AnalysedQuery):
    query = highlight_match(field, analysed)
    if query is None:
        return search
    return search.highlight(
        field, fragment_size=SNIPPET_CHARS, number_of_fragments=1, highlight_query=query
    ).highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])


class HonoreeSearch(FacetedSearch):
    """The best CANDIDATE_LIMIT matches (just what name_tier reads), with facet counts over every match."""

    facets = {
        "honour": TermsFacet(field="honours", size=FACET_SIZE),
        "decade": TermsFacet(field="decades", size=FACET_SIZE),
        "district": TermsFacet(field="district", size=FACET_SIZE),
        "industry": TermsFacet(field="industry", size=FACET_SIZE),
        "kind": TermsFacet(field="kind", size=len(Kind.values)),
    }

    def __init__(self, query: Bool, *, using, index: str):
        self.using = using
        self.index = index
        super().__init__(query=query, sort=[{"_score": {"order": "desc"}}, "stroke_key", "external_id"])
        self._s = self._s[:CANDIDATE_LIMIT]

    def search(self):
        return super().search().extra(track_total_hits=True).source(CANDIDATE_FIELDS)

    def query(self, search, query):
        return search.query(query)

    def to_dict(self) -> dict:
        return self._s.to_dict()


def facet_lists(raw: dict, count: int) -> dict[str, list[dict]]:
    """Facet buckets as the embedded engine gives them: {"value", "label", "count"}, labelled from the archive."""
    if not count:
        return {}
    buckets = {name: {str(key): n for key, n, _selected in values} for name, values in raw.items()}

    def taxonomy(model, name):
        rows = model.objects.filter(slug__in=list(buckets[name])).order_by("sort_order", "name")
        return [{"value": row.slug, "label": row.name, "count": buckets[name][row.slug]} for row in rows]

    kind_labels = dict(Kind.choices)
    return {
        "honour": taxonomy(Honour, "honour"),
        "decade": [
            {"value": decade, "label": f"{decade}年代", "count": n}
            for decade, n in sorted(buckets["decade"].items(), key=lambda item: int(item[0]))
        ],
        "district": taxonomy(District, "district"),
        "industry": taxonomy(Industry, "industry"),
        "kind": [
            {"value": kind, "label": kind_labels.get(kind, kind), "count": n}
            for kind, n in sorted(buckets["kind"].items())
        ],
    }


def build_honoree_search(readings: list[AnalysedQuery], filters: Filters, using="default") -> HonoreeSearch | None:
    """The candidate search for a query (or any of its readings), or None when nothing searchable is left."""
    body = any_reading_query(readings, filter_clauses(filters))
    return None if body is None else HonoreeSearch(body, using=using, index=index_alias(HONOREES))


def build_hits_search(keys: list[str], analysed: AnalysedQuery, using="default") -> Search:
    """One page of ranked honorees, whole, with their biographies highlighted."""
    search = (
        Search(using=using, index=index_alias(HONOREES))
        .query(Ids(values=keys))
        .source(excludes=SOURCE_EXCLUDES)[: len(keys)]
    )
    return with_highlight(search, "biography", analysed)


def build_page_search(
    query: str, kind: str = "", page: int = 1, page_size: int = PAGE_SIZE, using="default"
) -> Search | None:
    """Pages matching the query, counted by kind over every match; `kind` narrows only the hits."""
    analysed = analyse_query(query)
    body = ranked_query(analysed, [], pinyin=False)
    if body is None:
        return None
    start, end = _window(page, page_size)
    search = (
        Search(using=using, index=index_alias(PAGES))
        .query(body)
        .extra(track_total_hits=True)
        .source(["kind", "title", "url", "text"])
        .sort({"_score": {"order": "desc"}}, "title.raw")
    )
    search.aggs.bucket("kinds", "terms", field="kind", size=len(PAGE_KINDS) + 10)
    if kind:
        search = search.post_filter(Term(kind=kind))
    return with_highlight(search, "text", analysed)[start:end]


def suggest_reading(analysed: AnalysedQuery) -> str:
    """The whole query as one reading: Han read as a name (曾 zeng), Latin as typed (张guangy → zhangguangy)."""
    return "".join(
        part.pinyin_prefix if part.raw != part.han else read_name(part.han).pinyin.replace(" ", "")
        for part in analysed.parts
    )


def build_suggest_search(prefix: str, limit: int = 8, using="default") -> Search | None:
    """Completion on names, full pinyin and initials (张 → 张广义, zhangg, zgy), all computed at index time;
    a Han fragment also matches inside names (协和 → 北京协和医院急诊科). order_suggestions ranks the pool."""
    analysed = analyse_query(prefix)
    han, reading = analysed.han, suggest_reading(analysed)
    if analysed.is_empty or not (han or reading):
        return None
    mixed = any(part.raw != part.han for part in analysed.parts)
    completion = {"field": "suggest", "size": limit * SUGGEST_POOL, "skip_duplicates": True}
    search = Search(using=using, index=index_alias(HONOREES)).source(SUGGEST_FIELDS)[0:0]
    if han and not mixed:
        search = search.suggest("name", han, completion=completion)
        if len(han) >= 2:
            fragment = Match(name_terms={"query": " ".join(bigrams(han)), "operator": "and"})
            search = search.query(fragment)[: limit * SUGGEST_POOL]
    if reading:
        search = search.suggest("reading", reading, completion=completion)
        if not han and len(reading) >= 4:  # used only when nothing starts with what was typed
            search = search.suggest("typo", reading, completion={**completion, "fuzzy": {"fuzziness": "AUTO"}})
    return search


def _starts_with_syllables(pinyin: str, reading: str) -> bool:
    """li starts li hong on a syllable boundary, but not liu bo."""
    rest = pinyin[len(reading) :]
    return pinyin.startswith(reading) and (not rest or segment_pinyin(rest) is not None)


def order_suggestions(analysed: AnalysedQuery, pool: list[dict], typos: list[dict], limit: int) -> list[dict]:
    """The embedded engine's order: by characters, then by reading (homophones), then fragments or initials;
    shorter names first inside each way, names sharing more typed characters first."""
    han, reading = analysed.han, suggest_reading(analysed)
    found: dict[str, dict] = {}

    def take(rows: list[dict], by: str, whole_syllables: bool = False) -> None:
        rows = sorted(rows, key=lambda row: (len(row[by]), row[by]))[: limit * 3]
        rows = sorted(  # stable: shorter names stay first inside each group
            rows,
            key=lambda row: (
                whole_syllables and not _starts_with_syllables(row["pinyin_full"], reading),
                -len(set(han) & set(row["title_normalized"])),
            ),
        )
        for row in rows:
            found.setdefault(row["external_id"], row)

    def where(test) -> list[dict]:
        return [row for row in pool if test(row)]

    if han and reading and any(part.raw != part.han for part in analysed.parts):  # 张guangyi
        take(
            where(lambda r: r["title_normalized"][:1] == han[:1] and r["pinyin_full"].startswith(reading)),
            "pinyin_full",
        )
        take(where(lambda r: r["pinyin_full"].startswith(reading)), "pinyin_full")
    elif han:
        take(where(lambda r: r["title_normalized"].startswith(han)), "title_normalized")
        if reading and len(found) < limit:  # homophones: 张光 → 张广义
            take(where(lambda r: r["pinyin_full"].startswith(reading)), "pinyin_full")
        if len(han) >= 2 and len(found) < limit:
            take(where(lambda r: han in r["title_normalized"]), "title_normalized")
    elif reading:
        take(where(lambda r: r["pinyin_full"].startswith(reading)), "pinyin_full", whole_syllables=True)
        take(where(lambda r: r["initials"].startswith(reading)), "initials")
        if not found:
            for row in typos:
                found.setdefault(row["external_id"], row)
    return list(found.values())[:limit]


def _suggest_row(source: dict) -> dict:
    return {"title_normalized": "", "pinyin_full": "", "initials": "", **source}


def _window(page: int, page_size: int) -> tuple[int, int]:
    end = min(page * page_size, MAX_RESULT_WINDOW)
    return min((page - 1) * page_size, end), end


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


# --- the engine -----------------------------------------------------------------------------------


class ElasticsearchEngine:
    name = "elasticsearch"
    # What a cluster outage or refusal looks like; search.indexing logs these instead of failing a save.
    # (elasticsearch.ConnectionError and ConnectionTimeout are TransportErrors.)
    recoverable_errors: tuple = (ApiError, TransportError, BulkIndexError, ScanError)

    def __init__(self, url: str, refresh: bool | str = False):
        # Credentials may sit in the URL (https://user:password@host:9200); the client sends them as basic auth.
        try:
            self.client = Elasticsearch(url, request_timeout=REQUEST_TIMEOUT, max_retries=1, retry_on_timeout=False)
        except ValueError as error:  # e.g. no port: the client wants scheme://host:port
            raise ImproperlyConfigured(f"ELASTICSEARCH_URL is not usable: {error}") from error
        self.refresh = refresh  # tests pass True so a write is searchable at once
        self._available = False
        self._checked_at: float | None = None
        self._missing_index_logged = False

    # --- availability -----------------------------------------------------------------------------
    def is_available(self) -> bool:
        """The cluster answers and the index has been built; cached for AVAILABILITY_TTL seconds."""
        now = time.monotonic()
        if self._checked_at is not None and now - self._checked_at < AVAILABILITY_TTL:
            return self._available
        try:
            quick = self.client.options(request_timeout=PING_TIMEOUT, max_retries=0)
            self._available = bool(quick.indices.exists_alias(name=index_alias(HONOREES)))
            if not self._available and not self._missing_index_logged:
                logger.warning("Elasticsearch has no %s index yet: run manage.py search_index rebuild.", HONOREES)
                self._missing_index_logged = True
        except (ApiError, TransportError):
            self._available = False
        self._checked_at = now
        return self._available

    def _require_cluster(self) -> None:
        """Fail at once while the cluster is known to be away, rather than time out on every editor's save."""
        if not self.is_available():
            raise ClusterUnavailable("Elasticsearch is not answering or has no index; the change was not indexed.")

    def _fall_back(self, error: Exception) -> None:
        logger.warning("Elasticsearch search failed (%s); answering from the embedded engine.", error)
        self._available, self._checked_at = False, time.monotonic()

    # --- querying ---------------------------------------------------------------------------------
    def search_honorees(
        self, query: str, filters: Filters, page: int = 1, page_size: int = PAGE_SIZE
    ) -> HonoreeResults:
        analysed = analyse_query(query)
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
            self._fall_back(error)
            return embedded_engine().search_honorees(query, filters, page, page_size)
        return HonoreeResults(
            count=count, hits=hits, facets=facets, page=page, page_size=page_size, did_you_mean=did_you_mean
        )

    def _matches_without_filters(self, analysed: AnalysedQuery) -> bool:
        return build_honoree_search([analysed], Filters(), using=self.client).count() > 0

    @staticmethod
    def _rank(candidates, readings: list[AnalysedQuery]) -> list[tuple[str, int]]:
        """(key, tier) in the embedded engine's order: by name_tier's tier, real records before synthetic ones
        (示例数据) of the same tier, then name_tier's closeness, then Elasticsearch's own order."""
        tiers, synthetic = {}, set()
        for hit in candidates:
            source = hit.to_dict()
            candidate = Candidate(
                doc_id=0,
                object_id=0,
                title=source.get("title_normalized", ""),
                pinyin_full=source.get("pinyin_full", ""),
                initials=source.get("initials", ""),
                kind="honoree",
                rank=0.0,
            )
            tiers[hit.meta.id] = min(name_tier(reading, candidate) for reading in readings)
            if source.get("synthetic"):
                synthetic.add(hit.meta.id)
        # sorted() is stable: inside a tier and closeness, the score and dictionary order from the cluster stay.
        ranked = sorted(tiers.items(), key=lambda item: (item[1][0], item[0] in synthetic, item[1][1]))
        return [(key, tier[0]) for key, tier in ranked]

    def _honoree_hits(self, window: list[tuple[str, int]], analysed: AnalysedQuery) -> list[HonoreeHit]:
        if not window:
            return []
        response = build_hits_search([key for key, _ in window], analysed, using=self.client).execute()
        by_key = {hit.meta.id: hit for hit in response.hits}
        terms = analysed.highlight_terms()
        return [self._honoree_hit(by_key[key], tier, terms) for key, tier in window if key in by_key]

    @staticmethod
    def _honoree_hit(hit, tier: int, terms: list[str]) -> HonoreeHit:
        source = hit.to_dict()
        fragments = hit.meta.to_dict().get("highlight", {}).get("biography")
        if fragments:
            snippet = fragments[0]
        else:  # nothing to mark in the biography (a name or pinyin match): the start of it, or the employer
            text = source.get("biography", "") if tier == 3 else source.get("biography") or source.get("employer", "")
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
        """Names whose full pinyin is a typo or two away from the query's reading."""
        wanted = ""
        for part in analysed.parts:
            wanted += "".join(han_pinyin(part.han)) if part.han else (part.pinyin_full or part.pinyin_prefix)
        if len(wanted) < 2:
            return []
        search = (
            Search(using=self.client, index=index_alias(HONOREES))
            .query(Fuzzy(pinyin_full={"value": wanted, "fuzziness": "AUTO", "prefix_length": 1}))
            .sort("stroke_key")
            .source(["name", "url", "external_id"])[:limit]
        )
        return [{"name": hit.name, "url": hit.url, "id": hit.external_id} for hit in search.execute()]

    def search_pages(self, query: str, kind: str = "", page: int = 1, page_size: int = PAGE_SIZE) -> PageResults:
        search = build_page_search(query, kind, page, page_size, using=self.client)
        if search is None:
            return PageResults(count=0, hits=[], counts_by_kind={}, page=page, page_size=page_size)
        try:
            response = search.execute()
        except (ApiError, TransportError) as error:
            self._fall_back(error)
            return embedded_engine().search_pages(query, kind, page, page_size)
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
            self._fall_back(error)
            return embedded_engine().suggest(prefix, limit)
        suggestions = response.get("suggest", {})
        pool: dict[str, dict] = {}
        for name in ("name", "reading"):
            for entry in suggestions.get(name, []):
                for option in entry["options"]:
                    pool.setdefault(option["_id"], option["_source"])
        for hit in response.get("hits", {}).get("hits", []):
            pool.setdefault(hit["_id"], hit["_source"])
        typos = [option["_source"] for entry in suggestions.get("typo", []) for option in entry["options"]]
        rows = order_suggestions(analyse_query(prefix), [_suggest_row(r) for r in pool.values()], typos, limit)
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
    def _action(document: Document, index: str) -> dict:
        return {"_op_type": "index", "_index": index, "_id": document.meta.id, "_source": document.to_dict()}

    @staticmethod
    def _honoree_documents(honorees: Iterable[Honoree]) -> Iterator[HonoreeDocument]:
        for honoree in honorees:
            yield HonoreeDocument.from_prepared(prepare_honoree(honoree), honoree)

    @staticmethod
    def _page_documents(pages) -> Iterator[PageDocument]:
        for page in pages:
            yield PageDocument.from_prepared(prepare_page(page))

    def _write(self, document: Document, kind: str) -> None:
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
                    yield self._action(document, index)

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
        live = indexable_pages().filter(pk=page.pk).first()
        if live is None:
            self.remove_page(page.pk)
        else:
            self._write(PageDocument.from_prepared(prepare_page(live)), PAGES)

    def remove_page(self, page_pk: int) -> None:
        self._delete(page_key(page_pk), PAGES)

    # --- rebuild and check ------------------------------------------------------------------------
    def rebuild(self, stdout=None) -> dict:
        """Fill new versioned indexes, then swap the aliases in one atomic step: searches never see a gap."""
        started = timezone.now()
        honorees = self._rebuild_index(
            HONOREES,
            HonoreeDocument,
            self._honoree_documents(indexable_honorees().iterator(chunk_size=BULK_CHUNK)),
            stdout,
        )
        pages = self._rebuild_index(PAGES, PageDocument, self._page_documents(indexable_pages()), stdout)
        self._checked_at = None  # the index exists now: look again rather than trusting an old answer
        self._catch_up(started)
        return {"honorees": honorees, "pages": pages}

    def _catch_up(self, since: datetime) -> None:
        """Saves made while the new indexes were filling went to the old ones: write those records again."""
        changed = set(Honoree.objects.filter(updated_at__gte=since).values_list("pk", flat=True))
        public = set(Honoree.objects.public().filter(pk__in=changed).values_list("pk", flat=True))
        self.remove_honorees_bulk(sorted(changed - public))
        self.index_honorees_bulk(sorted(public))
        for page in indexable_pages().filter(last_published_at__gte=since):
            self.index_page(page)

    def _rebuild_index(self, kind: str, document_class: type[Document], documents: Iterator[Document], stdout) -> int:
        alias = index_alias(kind)
        new = versioned_index_name(kind)
        self.client.indices.create(index=new, **document_class._index.clone(name=new).to_dict())
        written = 0
        try:
            actions = (self._action(document, new) for document in documents)
            for _ok, _item in streaming_bulk(
                self.client.options(request_timeout=BULK_TIMEOUT), actions, chunk_size=BULK_CHUNK
            ):
                written += 1
                if stdout is not None and written % 5000 == 0:
                    stdout.write(f"  [{self.name}] {new}: {written}")
            self.client.indices.refresh(index=new)
        except self.recoverable_errors:
            self.client.options(ignore_status=404).indices.delete(index=new)  # the alias still serves the old one
            raise
        old = self._indices_behind(alias)
        actions = [{"remove": {"index": index, "alias": alias}} for index in old]
        if not old and self.client.indices.exists(index=alias):
            # An index created under the alias's own name (by hand, or by a write before the first rebuild).
            actions.append({"remove_index": {"index": alias}})
        actions.append({"add": {"index": new, "alias": alias}})
        self.client.indices.update_aliases(actions=actions)
        for index in old:
            self.client.indices.delete(index=index)
        return written

    def _indices_behind(self, alias: str) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=alias))
        except NotFoundError:
            return []

    def check(self) -> dict:
        """Public records and pages against what the indexes hold, by id and the source's update time."""
        expected = {
            honoree_key(pk): updated for pk, updated in Honoree.objects.public().values_list("pk", "updated_at")
        }
        expected.update({page_key(p.pk): p.last_published_at for p in indexable_pages()})
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

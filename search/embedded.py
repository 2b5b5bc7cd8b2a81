"""The embedded engine: full-text search in the site's own database, no server needed.

Terms come from search.text (jieba words, bigrams, pinyin); SQLite's FTS5 or PostgreSQL's GIN indexes over
term arrays find candidates; we then rank them in Python by tiers — exact name, name contains, pinyin or
homophone, then text — and by how closely they match inside a tier, then FTS5's bm25. A query that finds
nothing is read once more, more loosely (search.text.relaxed_queries).
"""

import difflib
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Prefetch, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from archive.browse import Filters, apply_filters
from archive.cache import versioned_key
from archive.models import Award, Honoree

from .documents_source import (
    PreparedDocument,
    expected_page_documents,
    honoree_key,
    indexable_honorees,
    indexable_pages,
    moment_prefix,
    page_key,
    prepare_honoree,
    prepare_page_documents,
)
from .facets import search_facets
from .highlight import highlight
from .models import SearchDocument
from .ranking import (
    TEXT_TIER,
    Candidate,
    close_readings,
    closest_first,
    did_you_mean_reading,
    name_order,
    name_tier,
    starts_on_syllable,
    suggest_reading,
)
from .results import PAGE_KINDS, PAGE_SIZE, HonoreeHit, HonoreeResults, PageHit, PageResults
from .text import HAN_RUN, AnalysedQuery, analyse_query, relaxed_queries

logger = logging.getLogger(__name__)

CANDIDATE_LIMIT = 1000
DID_YOU_MEAN_POOL = 5000  # readings starting with the query's first letter that did-you-mean compares
# Above this many matches a query is "broad": only its name matches are ranked (see _ranked_honorees).
BROAD_MATCH = 3000
BATCH = 1000
FTS_COLUMNS = {"name": "name_terms", "pinyin": "pinyin_terms", "text": "text_terms", "meta": "meta_terms"}


@dataclass(frozen=True)
class Condition:
    """All `terms` in any of `columns` (or, with prefix, a term starting with the single term)."""

    columns: tuple[str, ...]
    terms: tuple[str, ...]
    prefix: bool = False


def build_conditions(analysed: AnalysedQuery, with_prefix: bool = True) -> list[list[Condition]]:
    """A query is an AND of parts; a part is an OR of the ways it can match."""
    query = []
    for part in analysed.parts:
        options = []
        if part.name_terms:
            options.append(Condition(("name",), tuple(part.name_terms)))
        if part.pinyin_full:
            options.append(Condition(("pinyin",), (part.pinyin_full,)))
        if part.initials:
            options.append(Condition(("pinyin",), (part.initials,)))
        if part.pinyin_prefix and with_prefix and len(part.pinyin_prefix) >= 2:
            options.append(Condition(("pinyin",), (part.pinyin_prefix,), prefix=True))
        if part.text_terms:
            options.append(Condition(("text", "meta"), tuple(part.text_terms)))
        if part.english_terms:  # the English site: English words, stemmed, in the English biography or employer
            options.append(Condition(("text", "meta"), tuple(part.english_terms)))
        if options:
            query.append(options)
    return query


def names_only(conditions: list[list[Condition]]) -> list[list[Condition]]:
    """The name and pinyin ways of matching each part; parts that can only match text are left out, so this
    finds the records whose name matches (a superset, to be intersected with the full query's matches)."""
    narrowed = []
    for options in conditions:
        kept = [c for c in options if set(c.columns) <= {"name", "pinyin"}]
        if kept:
            narrowed.append(kept)
    return narrowed


class SQLiteBackend:
    """FTS5: search_fts(name, pinyin, text, meta) with rowid = SearchDocument.id."""

    def match(self, conditions: list[list[Condition]]) -> tuple[str, list]:
        return self.match_any([conditions])

    def match_ids(self, conditions: list[list[Condition]]) -> tuple[str, list]:
        return self.match_ids_any([conditions])

    def match_any(self, alternatives: list[list[list[Condition]]]) -> tuple[str, list]:
        """Documents matching any of several readings of a query (see text.relaxed_queries)."""
        return (
            "SELECT rowid AS doc_id, bm25(search_fts, 10.0, 5.0, 1.0, 2.0) AS rank FROM search_fts WHERE search_fts MATCH %s",
            [self.expression_any(alternatives)],
        )

    def match_ids_any(self, alternatives: list[list[list[Condition]]]) -> tuple[str, list]:
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [self.expression_any(alternatives)]

    @classmethod
    def expression_any(cls, alternatives: list[list[list[Condition]]]) -> str:
        if len(alternatives) == 1:
            return cls.expression(alternatives[0])
        return " OR ".join("(" + cls.expression(conditions) + ")" for conditions in alternatives)

    @staticmethod
    def expression(conditions: list[list[Condition]]) -> str:
        def quoted(term):
            return '"' + term.replace('"', '""') + '"'

        def render(condition: Condition) -> str:
            columns = "{" + " ".join(condition.columns) + "}"
            if condition.prefix:
                return f"{columns} : {quoted(condition.terms[0])} *"
            return f"{columns} : (" + " AND ".join(quoted(t) for t in condition.terms) + ")"

        return " AND ".join("(" + " OR ".join(render(c) for c in options) + ")" for options in conditions)

    def write(self, cursor, rows: list[tuple[int, PreparedDocument]]) -> None:
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(doc_id,) for doc_id, _ in rows])
        cursor.executemany(
            "INSERT INTO search_fts (rowid, name, pinyin, text, meta) VALUES (%s, %s, %s, %s, %s)",
            [
                (
                    doc_id,
                    " ".join(doc.name_terms),
                    " ".join(doc.pinyin_terms),
                    " ".join(doc.text_terms),
                    " ".join(doc.meta_terms),
                )
                for doc_id, doc in rows
            ],
        )

    def delete(self, cursor, doc_ids: list[int]) -> None:
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(doc_id,) for doc_id in doc_ids])

    def clear(self, cursor) -> None:
        cursor.execute("DELETE FROM search_fts")


class PostgresBackend:
    """GIN indexes over string_to_array(<terms>, ' '): containment finds documents holding every term."""

    def where(self, conditions: list[list[Condition]]) -> tuple[str, list]:
        clauses, params = [], []
        for options in conditions:
            rendered = []
            for condition in options:
                for column in condition.columns:
                    field = FTS_COLUMNS[column]
                    if condition.prefix:
                        rendered.append("(pinyin_full LIKE %s OR initials LIKE %s)")
                        pattern = _like_prefix(condition.terms[0])
                        params += [pattern, pattern]
                        break
                    rendered.append(f"string_to_array({field}, ' ') @> %s::text[]")
                    params.append(list(condition.terms))
            clauses.append("(" + " OR ".join(rendered) + ")")
        return " AND ".join(clauses), params

    def where_any(self, alternatives: list[list[list[Condition]]]) -> tuple[str, list]:
        clauses, params = [], []
        for conditions in alternatives:
            where, where_params = self.where(conditions)
            clauses.append(f"({where})")
            params += where_params
        return " OR ".join(clauses), params

    def match(self, conditions: list[list[Condition]]) -> tuple[str, list]:
        return self.match_any([conditions])

    def match_ids(self, conditions: list[list[Condition]]) -> tuple[str, list]:
        return self.match_ids_any([conditions])

    def match_any(self, alternatives: list[list[list[Condition]]]) -> tuple[str, list]:
        where, params = self.where_any(alternatives)
        return f"SELECT id AS doc_id, 0.0 AS rank FROM site_search_searchdocument WHERE {where}", params

    def match_ids_any(self, alternatives: list[list[list[Condition]]]) -> tuple[str, list]:
        where, params = self.where_any(alternatives)
        return f"SELECT id FROM site_search_searchdocument WHERE {where}", params

    def write(self, cursor, rows) -> None:  # the term columns on SearchDocument are the index
        return None

    def delete(self, cursor, doc_ids) -> None:
        return None

    def clear(self, cursor) -> None:
        return None


def starts_with(field: str, prefix: str) -> Q:
    """`field` begins with `prefix`, in a form the column's index can answer.

    SQLite's LIKE ignores ASCII case, so it cannot use an ordinary index and `__startswith` reads every row
    (about 90 ms at 100,000 records); a range over the binary order can. PostgreSQL's `__startswith` already
    uses the pattern-ops index Django creates for indexed text columns."""
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "\U0010ffff"})
    return Q(**{f"{field}__startswith": prefix})


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class EmbeddedEngine:
    name = "embedded"
    recoverable_errors: tuple = ()  # database errors must surface: the transaction is broken anyway

    def __init__(self):
        self.backend = SQLiteBackend() if connection.vendor == "sqlite" else PostgresBackend()

    # --- querying ---------------------------------------------------------------------------------
    def _candidates(self, alternatives, kinds: tuple[str, ...], limit: int = CANDIDATE_LIMIT) -> list[Candidate]:
        """The best matches of any of the query's readings (each a build_conditions list), by bm25."""
        match_sql, params = self.backend.match_any(alternatives)
        placeholders = ", ".join(["%s"] * len(kinds))
        sql = (
            "SELECT d.id, d.object_id, d.title_normalized, d.pinyin_full, d.initials, d.kind, m.rank "
            f"FROM ({match_sql}) m JOIN site_search_searchdocument d ON d.id = m.doc_id "
            f"WHERE d.kind IN ({placeholders}) ORDER BY m.rank LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *kinds, limit])
            return [Candidate(*row) for row in cursor.fetchall()]

    def _matching_honorees(self, alternatives, filters: Filters):
        # A plain IN over the index's ids (no ranking): SQLite runs this without touching every row.
        match_sql, params = self.backend.match_ids_any(alternatives)
        ids_sql = (
            f"SELECT d.object_id FROM site_search_searchdocument d WHERE d.kind = 'honoree' AND d.id IN ({match_sql})"
        )
        return apply_filters(Honoree.objects.public().filter(pk__in=RawSQL(ids_sql, params)), filters)

    def _matching_ids(self, alternatives, filters: Filters) -> tuple[list[int], set[int]]:
        """Every matching public honoree's id — real records first, each group in dictionary (stroke) order —
        and the ids of the synthetic ones among them.

        Read with a bare cursor: a broad query matches most of the archive, and building a model row for each
        of 75,000 ids costs more than the match itself."""
        sql, params = (
            self._matching_honorees(alternatives, filters).values_list("pk", "is_synthetic").query.sql_with_params()
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        synthetic = {pk for pk, is_synthetic in rows if is_synthetic}
        return [pk for pk, _ in rows if pk not in synthetic] + [pk for pk, _ in rows if pk in synthetic], synthetic

    def search_honorees(
        self, query: str, filters: Filters, page: int = 1, page_size: int = PAGE_SIZE, english: bool = False
    ) -> HonoreeResults:
        analysed = analyse_query(query, english=english)
        conditions = build_conditions(analysed)
        if not conditions:
            return HonoreeResults(count=0, hits=[], facets={}, page=page, page_size=page_size)
        cache_key = versioned_key("search", analysed.text, english, *sorted(filters.active.items()))
        cached = cache.get(cache_key)
        if cached is None:
            readings, alternatives = [analysed], [conditions]
            # The matching ids are read once: counting, filtering candidates and the facet queries then
            # use the list instead of running the full-text match again each time.
            ids, synthetic = self._matching_ids(alternatives, filters)
            if not ids and not (filters.active and self._matching_honorees(alternatives, Filters()).exists()):
                relaxed = self._first_matching_reading(analysed)
                if relaxed is not None:  # nothing at all: words run together, read as separate words
                    alternatives = [build_conditions(relaxed)]
                    ids, synthetic = self._matching_ids(alternatives, filters)
                    readings.append(relaxed)
            order = self._ranked_honorees(alternatives, readings, ids, synthetic) if ids else []
            facets = search_facets(ids) if ids else {}
            cached = (len(ids), order, facets)
            cache.set(cache_key, cached, 300)
        count, order, facets = cached
        window = order[(page - 1) * page_size : page * page_size]
        hits = self._honoree_hits(window, analysed)
        did_you_mean = self.did_you_mean(analysed) if count == 0 else []
        return HonoreeResults(
            count=count, hits=hits, facets=facets, page=page, page_size=page_size, did_you_mean=did_you_mean
        )

    def _ranked_honorees(self, alternatives, readings, ids: list[int], synthetic: set[int]) -> list[tuple[int, int]]:
        """(honoree id, tier) for the best CANDIDATE_LIMIT matches: by name tier, real records before synthetic
        ones (示例数据) of the same tier, then closeness, then bm25.

        A broad query (more than BROAD_MATCH records, e.g. "劳动模范" in every biography) ranks only its name
        matches — bm25 over tens of thousands of biographies costs more than it tells — and follows them with
        the other matches in dictionary order, as the dictionary lists them."""
        broad = len(ids) > BROAD_MATCH
        searched = [names_only(conditions) for conditions in alternatives] if broad else alternatives
        searched = [conditions for conditions in searched if conditions]
        candidates = self._candidates(searched, ("honoree",)) if searched else []
        allowed = set(ids)
        candidates = [c for c in candidates if c.object_id in allowed]
        tiers = {c.doc_id: min(name_tier(reading, c) for reading in readings) for c in candidates}
        ranked = sorted(
            candidates,
            key=lambda c: (
                tiers[c.doc_id][0],
                c.object_id in synthetic,
                tiers[c.doc_id][1],
                name_order(tiers[c.doc_id], c),
                c.rank,
                c.object_id,
            ),
        )
        order = [(c.object_id, tiers[c.doc_id][0]) for c in ranked]
        if broad:
            seen = {object_id for object_id, _ in order}
            order += [(pk, TEXT_TIER) for pk in ids[: CANDIDATE_LIMIT + len(seen)] if pk not in seen]
            order = order[:CANDIDATE_LIMIT]
        return order

    def _first_matching_reading(self, analysed: AnalysedQuery) -> AnalysedQuery | None:
        """The most plausible relaxed reading that finds any public record (each check is one FTS lookup)."""
        for reading in relaxed_queries(analysed):
            conditions = build_conditions(reading)
            if conditions and self._matching_honorees([conditions], Filters()).exists():
                return reading
        return None

    def _honoree_hits(self, window: list[tuple[int, int]], analysed: AnalysedQuery) -> list[HonoreeHit]:
        honorees = Honoree.objects.filter(pk__in=[pk for pk, _ in window]).prefetch_related(
            Prefetch("awards", queryset=Award.objects.select_related("honour"))
        )
        by_pk = {h.pk: h for h in honorees}
        terms = analysed.highlight_terms()
        hits = []
        for pk, tier in window:
            honoree = by_pk.get(pk)
            if honoree is None:
                continue
            biography = honoree.biography_en if analysed.english and honoree.biography_en else honoree.biography
            source = biography if tier == 3 else (biography or honoree.display_employer)
            hits.append(
                HonoreeHit(
                    id=honoree.external_id,
                    name=honoree.name,
                    url=honoree.get_absolute_url(),
                    honors=[{"year": a.year, "honor": a.honour.name} for a in honoree.awards.all()],
                    highlight=highlight(source, terms),
                    tier=tier,
                    synthetic=honoree.is_synthetic,
                    employer=honoree.employer,
                )
            )
        return hits

    def did_you_mean(self, analysed: AnalysedQuery, limit: int = 3) -> list[dict]:
        """Names that sound like the query (by pinyin), for the no-results page: the closest first."""
        wanted = did_you_mean_reading(analysed)
        if len(wanted) < 2:
            return []
        pool = SearchDocument.objects.filter(starts_with("pinyin_full", wanted[0]), kind="honoree").values_list(
            "object_id", "pinyin_full"
        )[:DID_YOU_MEAN_POOL]
        close = close_readings(wanted, (pinyin for _, pinyin in pool))
        reading_of = {object_id: pinyin for object_id, pinyin in pool if pinyin in close}
        honorees = Honoree.objects.public().filter(pk__in=reading_of)
        ranked = closest_first(wanted, [(reading_of[h.pk], (h.stroke_key, h.external_id), h) for h in honorees], limit)
        return [{"name": h.name, "url": h.get_absolute_url(), "id": h.external_id} for h in ranked]

    def search_pages(self, query: str, kind: str = "", page: int = 1, page_size: int = PAGE_SIZE) -> PageResults:
        analysed = analyse_query(query)
        conditions = build_conditions(analysed, with_prefix=False)
        if not conditions:
            return PageResults(count=0, hits=[], counts_by_kind={}, page=page, page_size=page_size)
        candidates = self._candidates([conditions], tuple(PAGE_KINDS))
        counts: dict[str, int] = {}
        for candidate in candidates:
            counts[candidate.kind] = counts.get(candidate.kind, 0) + 1
        if kind:
            candidates = [c for c in candidates if c.kind == kind]
        han = analysed.han
        candidates.sort(key=lambda c: (0 if han and han == c.title else 1 if han and han in c.title else 2, c.rank))
        window = candidates[(page - 1) * page_size : page * page_size]
        documents = SearchDocument.objects.in_bulk([c.doc_id for c in window])
        terms = analysed.highlight_terms()
        hits = [
            PageHit(
                kind=c.kind,
                title=documents[c.doc_id].title,
                url=documents[c.doc_id].url,
                highlight=highlight(documents[c.doc_id].plain_text, terms),
            )
            for c in window
            if c.doc_id in documents
        ]
        return PageResults(count=len(candidates), hits=hits, counts_by_kind=counts, page=page, page_size=page_size)

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        """Names as you type: by characters, by pinyin (so homophones and zhangg work), by initials.

        Shorter names first inside each way, so a complete name comes before the longer ones it begins.
        """
        analysed = analyse_query(prefix)
        if analysed.is_empty:
            return []
        han = analysed.han
        reading = suggest_reading(analysed)
        docs = SearchDocument.objects.filter(kind="honoree")
        found: list[int] = []

        def take(queryset, by: str, whole_syllables: bool = False):
            rows = queryset.order_by(Length(by), by, "object_id").values_list("object_id", by, "title_normalized")[
                : limit * 3
            ]
            rows = sorted(  # stable: the SQL order stays inside each group
                rows,
                key=lambda row: (
                    # li: 李红 (li hong) before 刘博 (liu bo)
                    whole_syllables and not starts_on_syllable(row[1], reading),
                    # 张广意: 张广义 (two characters typed) before 张光义 and 章广毅 (one)
                    -len(set(han) & set(row[2])),
                ),
            )
            for object_id, _, _ in rows:
                if object_id not in found:
                    found.append(object_id)

        if not han:
            take(docs.filter(starts_with("pinyin_full", reading)), "pinyin_full", whole_syllables=True)
            take(docs.filter(starts_with("initials", reading)), "initials")
            if not found and len(reading) >= 4:  # a typo: the closest full pinyin spellings
                pool = list(
                    docs.filter(starts_with("pinyin_full", reading[0])).values_list("pinyin_full", "object_id")[
                        :DID_YOU_MEAN_POOL
                    ]
                )
                close = set(difflib.get_close_matches(reading, [p for p, _ in pool], n=limit, cutoff=0.75))
                found.extend(object_id for pinyin, object_id in pool if pinyin in close)
        elif any(part.raw != part.han for part in analysed.parts):  # Han and Latin: 张guangyi, 张gy
            leading = HAN_RUN.match(analysed.text)
            if leading:  # the surname as typed, before its homophones (张guangyi: 张广义 before 章广毅)
                take(
                    docs.filter(starts_with("title_normalized", leading.group()), starts_with("pinyin_full", reading)),
                    "pinyin_full",
                )
            take(docs.filter(starts_with("pinyin_full", reading)), "pinyin_full")
            initials = "".join(part.initials for part in analysed.parts)
            if leading and initials and len(analysed.parts) == 1:
                take(
                    docs.filter(starts_with("title_normalized", leading.group()), starts_with("initials", initials)),
                    "initials",
                )
        else:
            take(docs.filter(starts_with("title_normalized", han)), "title_normalized")
            if len(found) < limit:  # homophones: 张光 → 张广义
                take(docs.filter(starts_with("pinyin_full", reading)), "pinyin_full")
            if len(han) >= 2 and len(found) < limit:  # a fragment: 协和 → 北京协和医院急诊科
                take(docs.filter(title_normalized__contains=han), "title_normalized")
        found = found[:limit]
        honorees = {h.pk: h for h in Honoree.objects.public().filter(pk__in=found)}
        return [
            {
                "id": h.external_id,
                "name": h.name,
                "pinyin": h.pinyin_display,
                "url": h.get_absolute_url(),
                "synthetic": h.is_synthetic,
            }
            for h in (honorees.get(pk) for pk in found)
            if h is not None
        ]

    # --- indexing ---------------------------------------------------------------------------------
    def _write(self, prepared: list[PreparedDocument]) -> None:
        if not prepared:
            return
        with transaction.atomic():
            existing = dict(SearchDocument.objects.filter(key__in=[p.key for p in prepared]).values_list("key", "id"))
            objects = [self._document(p, existing.get(p.key)) for p in prepared]
            new = [o for o in objects if o.pk is None]
            old = [o for o in objects if o.pk is not None]
            SearchDocument.objects.bulk_create(new, batch_size=BATCH)
            if old:
                SearchDocument.objects.bulk_update(old, [f for f in DOCUMENT_FIELDS if f != "key"], batch_size=BATCH)
            if any(o.pk is None for o in new):  # backends that do not return ids on bulk insert
                ids = dict(SearchDocument.objects.filter(key__in=[o.key for o in new]).values_list("key", "id"))
                for o in new:
                    o.pk = ids[o.key]
            with connection.cursor() as cursor:
                self.backend.write(cursor, [(o.pk, p) for o, p in zip(objects, prepared, strict=True)])

    @staticmethod
    def _document(prepared: PreparedDocument, pk: int | None) -> SearchDocument:
        return SearchDocument(
            pk=pk,
            key=prepared.key,
            kind=prepared.kind,
            object_id=prepared.object_id,
            title=prepared.title[:255],
            url=prepared.url[:500],
            title_normalized=prepared.title_normalized[:255],
            pinyin_full=prepared.pinyin_full[:255],
            initials=prepared.initials[:60],
            plain_text=prepared.plain_text,
            name_terms=" ".join(prepared.name_terms),
            pinyin_terms=" ".join(prepared.pinyin_terms),
            text_terms=" ".join(prepared.text_terms),
            meta_terms=" ".join(prepared.meta_terms),
            source_updated_at=prepared.source_updated_at,
        )

    def _remove_keys(self, keys: list[str]) -> None:
        with transaction.atomic():
            ids = list(SearchDocument.objects.filter(key__in=keys).values_list("id", flat=True))
            if ids:
                with connection.cursor() as cursor:
                    self.backend.delete(cursor, ids)
                SearchDocument.objects.filter(id__in=ids).delete()

    def index_honoree(self, honoree) -> None:
        if honoree.is_public:
            fresh = indexable_honorees().filter(pk=honoree.pk).first()
            if fresh is not None:
                self._write([prepare_honoree(fresh)])
                return
        self.remove_honoree(honoree.pk)

    def index_honorees_bulk(self, pks: list[int]) -> None:
        for start in range(0, len(pks), BATCH):
            chunk = pks[start : start + BATCH]
            self._write([prepare_honoree(h) for h in indexable_honorees().filter(pk__in=chunk)])

    def remove_honoree(self, honoree_pk: int) -> None:
        self._remove_keys([honoree_key(honoree_pk)])

    def remove_honorees_bulk(self, pks: list[int]) -> None:
        for start in range(0, len(pks), BATCH):
            self._remove_keys([honoree_key(pk) for pk in pks[start : start + BATCH]])

    def index_page(self, page) -> None:
        live = indexable_pages().filter(pk=page.pk).first()
        if live is None:
            self.remove_page(page.pk)
            return
        documents = prepare_page_documents(live)
        with transaction.atomic():
            self._write(documents)
            kept = {document.key for document in documents}
            self._remove_keys([key for key in self._moment_keys(page.pk) if key not in kept])

    def remove_page(self, page_pk: int) -> None:
        self._remove_keys([page_key(page_pk), *self._moment_keys(page_pk)])

    @staticmethod
    def _moment_keys(page_pk: int) -> list[str]:
        return list(SearchDocument.objects.filter(key__startswith=moment_prefix(page_pk)).values_list("key", flat=True))

    def rebuild(self, stdout=None) -> dict:
        with transaction.atomic():
            with connection.cursor() as cursor:
                self.backend.clear(cursor)
            SearchDocument.objects.all().delete()
            honorees = pages = moments = 0
            batch: list[PreparedDocument] = []
            for honoree in indexable_honorees().iterator(chunk_size=BATCH):
                batch.append(prepare_honoree(honoree))
                honorees += 1
                if len(batch) >= BATCH:
                    self._write(batch)
                    batch = []
            for page in indexable_pages():
                documents = prepare_page_documents(page)
                batch.extend(documents)
                pages += 1
                moments += len(documents) - 1
            self._write(batch)
        return {"honorees": honorees, "pages": pages, "moments": moments}

    def check(self) -> dict:
        expected = {
            honoree_key(pk): updated for pk, updated in Honoree.objects.public().values_list("pk", "updated_at")
        }
        expected.update(expected_page_documents())
        indexed = dict(SearchDocument.objects.values_list("key", "source_updated_at"))
        missing = sorted(set(expected) - set(indexed))
        extra = sorted(set(indexed) - set(expected))
        stale = sorted(key for key in set(expected) & set(indexed) if expected[key] != indexed[key])
        return {"expected": len(expected), "indexed": len(indexed), "missing": missing, "stale": stale, "extra": extra}


DOCUMENT_FIELDS = [
    "key",
    "kind",
    "object_id",
    "title",
    "url",
    "title_normalized",
    "pinyin_full",
    "initials",
    "plain_text",
    "name_terms",
    "pinyin_terms",
    "text_terms",
    "meta_terms",
    "source_updated_at",
]

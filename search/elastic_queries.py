"""Request bodies for the Elasticsearch engine (search/elastic.py), and the shaping of what comes back.

Queries are built only from search.text's analysed parts, with term, match, prefix and fuzzy queries on
the terms we prepared at index time: what a visitor types is never parsed as query syntax. A query is an
AND of parts and a part an OR of the ways it can match, exactly as in embedded.build_conditions; ranking
follows the embedded engine's tiers (exact name, name, pinyin/homophone, text) through boosted clauses,
with relevance inside a tier and dictionary order (stroke_key) between equal scores.
"""

from collections.abc import Iterable

from elasticsearch_dsl import FacetedSearch, Search, TermsFacet
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
from archive.models import District, Honour, Industry, Kind

from .documents import index_alias
from .documents_source import page_key
from .highlight import SNIPPET_CHARS
from .ranking import Candidate, name_tier, starts_on_syllable, suggest_reading
from .results import PAGE_KINDS, PAGE_SIZE
from .text import AnalysedQuery, QueryPart, analyse_query, bigrams

HONOREES, PAGES = "honorees", "pages"
# Tier bonuses, far apart so a tier always outranks the one below whatever the relevance inside it.
EXACT_NAME_BOOST = 1_000_000
NAME_TIER_BOOST = 100_000
PINYIN_TIER_BOOST = 10_000
# Weights of the ways one part can match (the embedded engine's bm25 weights: name 10, pinyin 5, meta 2, text 1).
NAME_BOOST, PINYIN_BOOST, META_BOOST = 10, 5, 2
ENGLISH_FIELDS = ["biography_en", f"employer_en^{META_BOOST}"]  # analysed by the index's `english` analyzer

MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default index.max_result_window
FACET_SIZE = 200
SOURCE_EXCLUDES = ["name_terms", "pinyin_terms", "text_terms", "meta_terms", "suggest", "awards"]
ENGLISH_HIGHLIGHT = "biography_en"
CANDIDATE_LIMIT = 1000  # as in the embedded engine: the best thousand matches are ranked by name tier
CANDIDATE_FIELDS = ["title_normalized", "pinyin_full", "initials", "synthetic"]
SUGGEST_POOL = 10  # suggestions fetched per one shown, for order_suggestions to choose from
SUGGEST_FIELDS = ["external_id", "name", "pinyin_display", "url", *CANDIDATE_FIELDS]
DID_YOU_MEAN_POOL = 200  # near readings fetched for ranking.closest_first to choose the closest from
DID_YOU_MEAN_FIELDS = ["external_id", "name", "url", "pinyin_full", "stroke_key"]


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
    if part.english_terms:  # the English site: the words as typed, stemmed by the cluster's English analyzer
        options["text"].append(MultiMatch(query=part.raw, fields=ENGLISH_FIELDS, type="cross_fields", operator="and"))
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


def ranked_query(
    analysed: AnalysedQuery, filters: list[Query], pinyin: bool = True, with_prefix: bool | None = None
) -> Bool | None:
    """AND across parts, OR across one part's options; tier bonuses as optional clauses; filters not scored."""
    parts = [
        (part, options)
        for part in analysed.parts
        if any(
            (
                options := part_options(part, with_prefix=pinyin if with_prefix is None else with_prefix, pinyin=pinyin)
            ).values()
        )
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
    """One page of ranked honorees, whole, with their biographies highlighted (on the English site the English
    biography too, with the words as typed: the field's analyzer stems them as it stemmed the text)."""
    search = (
        Search(using=using, index=index_alias(HONOREES))
        .query(Ids(values=keys))
        .source(excludes=SOURCE_EXCLUDES)[: len(keys)]
    )
    search = with_highlight(search, "biography", analysed)
    if analysed.english and (words := " ".join(p.raw for p in analysed.parts if p.english_terms)):
        search = search.highlight(
            ENGLISH_HIGHLIGHT,
            fragment_size=SNIPPET_CHARS,
            number_of_fragments=1,
            highlight_query=Match(**{ENGLISH_HIGHLIGHT: words}).to_dict(),
        ).highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])
    return search


def moments_of_page(page_pk: int, keep: Iterable[str] = ()) -> dict:
    """The moments of one page (core/moments.py: an interview's segments), except the documents in `keep`; the
    page's own document is never one of them."""
    return Bool(filter=[Term(page=page_pk)], must_not=[Ids(values=[page_key(page_pk), *keep])]).to_dict()


def build_page_search(
    query: str, kind: str = "", page: int = 1, page_size: int = PAGE_SIZE, using="default"
) -> Search | None:
    """Pages matching the query, counted by kind over every match; `kind` narrows only the hits."""
    analysed = analyse_query(query)
    # Pinyin as whole readings only (no prefixes): pages have none, moments have the names said in them.
    body = ranked_query(analysed, [], pinyin=True, with_prefix=False)
    if body is None:
        return None
    start, end = page_window(page, page_size)
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


def build_suggest_search(prefix: str, limit: int = 8, using="default") -> Search | None:
    """Completion on names, full pinyin and initials (张 → 张广义, zhangg, zgy), all computed at index time;
    a Han fragment also matches inside names (协和 → 北京协和医院急诊科). order_suggestions ranks the pool.

    Every person is a suggestion of their own: completion's skip_duplicates would keep one of each suggestion
    text, and namesakes (三位王建国) and homophones (张广义, 张光义, 章广毅 are all zhangguangyi, zgy) share
    theirs. The pool is de-duplicated by id instead."""
    analysed = analyse_query(prefix)
    han, reading = analysed.han, suggest_reading(analysed)
    if analysed.is_empty or not (han or reading):
        return None
    mixed = any(part.raw != part.han for part in analysed.parts)
    completion = {"field": "suggest", "size": limit * SUGGEST_POOL}
    search = Search(using=using, index=index_alias(HONOREES)).source(SUGGEST_FIELDS)
    hits = 0  # the fragment query's hits; completion options come in their own part of the response
    if han and not mixed:
        search = search.suggest("name", han, completion=completion)
        if len(han) >= 2:
            search = search.query(Match(name_terms={"query": " ".join(bigrams(han)), "operator": "and"}))
            hits = limit * SUGGEST_POOL
    if reading:
        search = search.suggest("reading", reading, completion=completion)
        if not han and len(reading) >= 4:  # used only when nothing starts with what was typed
            search = search.suggest("typo", reading, completion={**completion, "fuzzy": {"fuzziness": "AUTO"}})
    # One slice: since elasticsearch-dsl 8.15 a second slice narrows the first ([0:0][:80] is still size 0).
    return search[:hits]


def build_did_you_mean_search(wanted: str, using="default") -> Search:
    """Names whose full pinyin is within two edits of the query's reading, for ranking.closest_first to order."""
    return (
        Search(using=using, index=index_alias(HONOREES))
        .query(Fuzzy(pinyin_full={"value": wanted, "fuzziness": "AUTO", "prefix_length": 1}))
        .source(DID_YOU_MEAN_FIELDS)[:DID_YOU_MEAN_POOL]
    )


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
                whole_syllables and not starts_on_syllable(row["pinyin_full"], reading),
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


def suggest_row(source: dict) -> dict:
    return {"title_normalized": "", "pinyin_full": "", "initials": "", **source}


def page_window(page: int, page_size: int) -> tuple[int, int]:
    end = min(page * page_size, MAX_RESULT_WINDOW)
    return min((page - 1) * page_size, end), end

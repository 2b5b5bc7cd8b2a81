"""Elasticsearch documents: public honorees and live public pages, built from search.documents_source.

Every record is analysed once, in Python (search.text): names, pinyin, jieba words and bigrams arrive here
as space-separated terms and are indexed with a whitespace analyzer, so a term matches in Elasticsearch
exactly as it matches in the embedded engine — no pinyin or Chinese plugin needed on the cluster. Running
text (biographies, pages) is also indexed with Elasticsearch's built-in `cjk` analyzer for highlighting,
or with smartcn / IK when settings.LAOMO_ES_ANALYZER says the cluster has that plugin. English biographies and
employers get the built-in `english` analyzer (stop words, possessives, Porter stemming), which the English
site's searches match against.

Index names carry settings.LAOMO_INDEX_PREFIX (one prefix per environment). Searches and writes go to an
alias, `<prefix>-honorees`; each rebuild fills a new `<prefix>-honorees-<timestamp>` and swaps the alias.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from elasticsearch_dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    Nested,
    Object,
    Text,
    analyzer,
)

from archive.models import Honoree
from archive.names import MIDDLE_DOTS

from .documents_source import PreparedDocument

# Our own terms, already normalised and segmented in Python: split on spaces only, never re-analysed.
term_analyzer = analyzer("laomo_terms", tokenizer="whitespace", filter=["lowercase"])
# Whole values (a name, its full pinyin, its initials) for as-you-type completion.
whole_value_analyzer = analyzer("laomo_whole_value", tokenizer="keyword", filter=["lowercase"])

# settings.LAOMO_ES_ANALYZER → how running text is analysed. smartcn and IK need a cluster plugin (README).
TEXT_ANALYZERS = {
    "cjk": {"analyzer": "cjk"},
    "smartcn": {"analyzer": "smartcn"},
    "ik_max_word": {"analyzer": "ik_max_word", "search_analyzer": "ik_smart"},
}


def text_analysis() -> dict:
    name = settings.LAOMO_ES_ANALYZER
    if name not in TEXT_ANALYZERS:
        raise ImproperlyConfigured(f"LAOMO_ES_ANALYZER must be one of {', '.join(TEXT_ANALYZERS)}, not {name!r}.")
    return dict(TEXT_ANALYZERS[name])


class ChineseText(Text):
    """Running Chinese text, analysed as settings.LAOMO_ES_ANALYZER says when the index is created."""

    def to_dict(self) -> dict:
        return {**super().to_dict(), **text_analysis()}


def term_field() -> Text:
    return Text(analyzer=term_analyzer)


INDEX_SETTINGS = {
    "number_of_shards": 1,  # ~15,000 small documents: one shard is fastest
    "auto_expand_replicas": "0-1",  # no replica on a single development node, one on a cluster
}


def index_alias(kind: str) -> str:
    """The alias searches and writes use, e.g. laomo-honorees (read at call time: tests change the prefix)."""
    return f"{settings.LAOMO_INDEX_PREFIX}-{kind}"


def versioned_index_name(kind: str, now: datetime | None = None) -> str:
    """A new concrete index behind the alias, e.g. laomo-honorees-20250301120000123456."""
    return f"{index_alias(kind)}-{(now or datetime.now(UTC)):%Y%m%d%H%M%S%f}"


class HonoreeDocument(Document):
    external_id = Keyword()
    kind = Keyword()
    name = Text(analyzer="cjk", fields={"raw": Keyword()})
    title_normalized = Keyword()
    title_without_dots = Keyword()  # 阿依古丽买买提 typed without the middle dot is still the exact name
    pinyin_full = Keyword()
    initials = Keyword()
    pinyin_display = Keyword(index=False)
    name_terms = term_field()
    pinyin_terms = term_field()
    text_terms = term_field()
    meta_terms = term_field()
    suggest = Completion(analyzer=whole_value_analyzer)
    # Facets and filters.
    honours = Keyword()
    honour_names = Keyword()
    levels = Keyword()
    decades = Integer()
    years = Integer()
    district = Keyword()
    industry = Keyword()
    synthetic = Boolean()
    initial = Keyword()
    surname_strokes = Integer()
    # One entry per award, so "honour X in decade Y" holds for one and the same award (archive.browse).
    awards = Nested(properties={"honour": Keyword(), "level": Keyword(), "year": Integer(), "decade": Integer()})
    # English, for the English site's searches: "repairing pens" finds "repaired a pen".
    biography_en = Text(analyzer="english")
    employer_en = Text(analyzer="english")
    # Display.
    biography = ChineseText()
    url = Keyword(index=False)
    employer = Keyword(index=False)
    stroke_key = Keyword()  # dictionary order (按姓氏笔画) breaks ties between equal scores
    honors = Object(enabled=False)
    source_updated_at = Date()

    class Index:
        name = index_alias("honorees")
        settings = INDEX_SETTINGS

    @classmethod
    def from_prepared(cls, prepared: PreparedDocument, honoree: Honoree) -> "HonoreeDocument":
        """The indexed form of a public honoree. Only these fields reach the cluster: nothing private."""
        facets = prepared.facets
        awards = [
            {
                "honour": award.honour.slug,
                "level": award.honour.level,
                "year": award.year,
                "decade": award.year // 10 * 10 if award.year else None,
            }
            for award in honoree.awards.all()
        ]
        return cls(
            meta={"id": prepared.key},
            external_id=facets["external_id"],
            kind=facets["kind"],
            name=prepared.title,
            title_normalized=prepared.title_normalized,
            title_without_dots="".join(char for char in prepared.title_normalized if char not in MIDDLE_DOTS),
            pinyin_full=prepared.pinyin_full,
            initials=prepared.initials,
            pinyin_display=honoree.pinyin_display,
            name_terms=" ".join(prepared.name_terms),
            pinyin_terms=" ".join(prepared.pinyin_terms),
            text_terms=" ".join(prepared.text_terms),
            meta_terms=" ".join(prepared.meta_terms),
            suggest={
                "input": _unique([prepared.title_normalized, prepared.pinyin_full, prepared.initials]),
                # Completion returns the heaviest first: shorter names, as the embedded engine lists them.
                "weight": max(1, 100 - len(prepared.title_normalized)),
            },
            honours=facets["honours"],
            honour_names=facets["honour_names"],
            levels=facets["levels"],
            decades=facets["decades"],
            years=facets["years"],
            district=facets["district"],
            industry=facets["industry"],
            synthetic=facets["synthetic"],
            initial=honoree.initial,
            surname_strokes=honoree.surname_strokes,
            awards=awards,
            biography_en=facets["biography_en"],
            employer_en=facets["employer_en"],
            biography=prepared.plain_text,
            url=prepared.url,
            employer=facets["employer"],
            stroke_key=facets["stroke_key"],
            honors=facets["honors"],
            source_updated_at=prepared.source_updated_at,
        )


class PageDocument(Document):
    """A live public page, or one of its moments (core/moments.py): an interview's segment at its second."""

    kind = Keyword()
    page = Integer()  # the page itself, or the page a moment belongs to
    pinyin_terms = term_field()  # moments: the names said in them, as pinyin and initials
    title = ChineseText(fields={"raw": Keyword()})
    title_normalized = Keyword()
    url = Keyword(index=False)
    text = ChineseText()
    name_terms = term_field()
    text_terms = term_field()
    meta_terms = term_field()
    source_updated_at = Date()

    class Index:
        name = index_alias("pages")
        settings = INDEX_SETTINGS

    @classmethod
    def from_prepared(cls, prepared: PreparedDocument) -> "PageDocument":
        return cls(
            meta={"id": prepared.key},
            kind=prepared.kind,
            page=prepared.object_id,
            pinyin_terms=" ".join(prepared.pinyin_terms),
            title=prepared.title,
            title_normalized=prepared.title_normalized,
            url=prepared.url,
            text=prepared.plain_text,
            name_terms=" ".join(prepared.name_terms),
            text_terms=" ".join(prepared.text_terms),
            meta_terms=" ".join(prepared.meta_terms),
            source_updated_at=prepared.source_updated_at,
        )


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))

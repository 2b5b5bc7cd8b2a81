"""The one interface the rest of the site uses for search; engines live behind it.

`get_engine()` returns the Elasticsearch engine when ELASTICSEARCH_URL is set and the cluster answers,
otherwise the embedded engine (the database's own full-text machinery). If Elasticsearch stops answering,
search falls back to the embedded engine and logs a warning once.
"""

import logging
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings

from archive.browse import Filters

logger = logging.getLogger(__name__)

# Result tabs: the kind stored with every indexed document, and its label.
PAGE_KINDS = {
    "exhibition": "展览",
    "story": "故事",
    "film": "微电影",
    "lesson": "课堂",
    "page": "其他页面",
}
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass
class HonoreeHit:
    id: str  # external id
    name: str
    url: str
    honors: list[dict]  # [{"year": 2020, "honor": "全国劳动模范"}]
    highlight: str  # safe HTML: escaped text with <mark> around matches
    tier: int = 3  # 0 exact name, 1 name contains, 2 pinyin/homophone, 3 text
    synthetic: bool = False
    employer: str = ""


@dataclass
class HonoreeResults:
    count: int
    hits: list[HonoreeHit]
    facets: dict[str, list[dict]]
    page: int = 1
    page_size: int = PAGE_SIZE
    did_you_mean: list[dict] = field(default_factory=list)  # [{"name", "url"}] when nothing matched


@dataclass
class PageHit:
    kind: str
    title: str
    url: str
    highlight: str


@dataclass
class PageResults:
    count: int
    hits: list[PageHit]
    counts_by_kind: dict[str, int]
    page: int = 1
    page_size: int = PAGE_SIZE


class SearchEngine(Protocol):
    name: str

    def search_honorees(
        self, query: str, filters: Filters, page: int = 1, page_size: int = PAGE_SIZE
    ) -> HonoreeResults: ...

    def search_pages(self, query: str, kind: str = "", page: int = 1, page_size: int = PAGE_SIZE) -> PageResults: ...

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]: ...

    def index_honoree(self, honoree) -> None: ...

    def remove_honoree(self, honoree_pk: int) -> None: ...

    def index_page(self, page) -> None: ...

    def remove_page(self, page_pk: int) -> None: ...

    def rebuild(self, stdout=None) -> dict: ...

    def check(self) -> dict: ...


_embedded = None
_elastic = None
_fallback_warned = False


def embedded_engine():
    global _embedded
    if _embedded is None:
        from .embedded import EmbeddedEngine

        _embedded = EmbeddedEngine()
    return _embedded


def elasticsearch_engine():
    global _elastic
    if _elastic is None:
        from .elastic import ElasticsearchEngine

        _elastic = ElasticsearchEngine(settings.LAOMO_ELASTICSEARCH_URL)
    return _elastic


def get_engine() -> SearchEngine:
    """The configured engine, or the embedded one when Elasticsearch is not configured or not answering."""
    global _fallback_warned
    if not settings.LAOMO_ELASTICSEARCH_URL:
        return embedded_engine()
    engine = elasticsearch_engine()
    if engine.is_available():
        _fallback_warned = False
        return engine
    if not _fallback_warned:
        logger.warning(
            "Elasticsearch at %s is not answering; searching with the embedded engine.",
            settings.LAOMO_ELASTICSEARCH_URL,
        )
        _fallback_warned = True
    return embedded_engine()


def reset_engines() -> None:
    """Forget cached engine objects (tests switch settings)."""
    global _embedded, _elastic, _fallback_warned
    _embedded = _elastic = None
    _fallback_warned = False

"""The one interface the rest of the site uses for search; engines live behind it.

`get_engine()` returns the Elasticsearch engine when ELASTICSEARCH_URL is set and the cluster answers,
otherwise the embedded engine (the database's own full-text machinery). If Elasticsearch stops answering,
search falls back to the embedded engine and logs a warning once.

The engines know nothing of each other: both return the types in search/results.py and rank with
search/ranking.py, and the Elasticsearch engine is handed the embedded one to fall back on.
"""

import logging
from typing import Protocol

from django.conf import settings

from archive.browse import Filters

from .elastic import ElasticsearchEngine
from .embedded import EmbeddedEngine
from .results import MAX_PAGE_SIZE, PAGE_KINDS, PAGE_SIZE, HonoreeHit, HonoreeResults, PageHit, PageResults

__all__ = [
    "MAX_PAGE_SIZE",
    "PAGE_KINDS",
    "PAGE_SIZE",
    "HonoreeHit",
    "HonoreeResults",
    "PageHit",
    "PageResults",
    "SearchEngine",
    "elasticsearch_engine",
    "embedded_engine",
    "get_engine",
    "reset_engines",
]

logger = logging.getLogger(__name__)


class SearchEngine(Protocol):
    name: str

    def search_honorees(
        self, query: str, filters: Filters, page: int = 1, page_size: int = PAGE_SIZE, english: bool = False
    ) -> HonoreeResults: ...

    def search_pages(self, query: str, kind: str = "", page: int = 1, page_size: int = PAGE_SIZE) -> PageResults: ...

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]: ...

    def index_honoree(self, honoree) -> None: ...

    def remove_honoree(self, honoree_pk: int) -> None: ...

    def index_page(self, page) -> None: ...

    def remove_page(self, page_pk: int) -> None: ...

    def rebuild(self, stdout=None) -> dict: ...

    def check(self) -> dict: ...


_embedded: EmbeddedEngine | None = None
_elastic: ElasticsearchEngine | None = None
_fallback_warned = False


def embedded_engine() -> EmbeddedEngine:
    global _embedded
    if _embedded is None:
        _embedded = EmbeddedEngine()
    return _embedded


def elasticsearch_engine() -> ElasticsearchEngine:
    global _elastic
    if _elastic is None:
        _elastic = ElasticsearchEngine(settings.LAOMO_ELASTICSEARCH_URL, fallback=embedded_engine())
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
            engine.display_url,
        )
        _fallback_warned = True
    return embedded_engine()


def reset_engines() -> None:
    """Forget cached engine objects (tests switch settings)."""
    global _embedded, _elastic, _fallback_warned
    _embedded = _elastic = None
    _fallback_warned = False

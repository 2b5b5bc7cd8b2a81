"""Keep the search indexes right as content changes: after the transaction commits, never blocking a save.

Changes are collected per transaction and applied in one batch when it commits, so a bulk delete of
thousands of records costs a few queries, not thousands. The embedded index is always written (it is the
fallback when Elasticsearch is away); Elasticsearch too when ELASTICSEARCH_URL is set.
"""

import logging
import threading
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .engine import elasticsearch_engine, embedded_engine

logger = logging.getLogger(__name__)
_pending = threading.local()


def _engines():
    yield embedded_engine()
    if settings.LAOMO_ELASTICSEARCH_URL:
        yield elasticsearch_engine()


def reindex_honorees_by_pk(pks: Iterable[int]) -> None:
    """Index the public ones among these honorees and drop the rest. Also used after bulk writes."""
    from archive.models import Honoree

    pks = set(pks)
    if not pks:
        return
    public = set(Honoree.objects.public().filter(pk__in=pks).values_list("pk", flat=True))
    for engine in _engines():
        try:
            engine.remove_honorees_bulk(sorted(pks - public))
            engine.index_honorees_bulk(sorted(public))
        except engine.recoverable_errors as error:  # a search outage must never block an editor's save
            logger.warning("Search index %s: reindexing honorees failed: %s", engine.name, error)


def reindex_pages_by_pk(pks: Iterable[int]) -> None:
    from wagtail.models import Page

    for pk in set(pks):
        page = Page.objects.filter(pk=pk).first()
        for engine in _engines():
            try:
                if page is None:
                    engine.remove_page(pk)
                else:
                    engine.index_page(page.specific)
            except engine.recoverable_errors as error:
                logger.warning("Search index %s: reindexing page %s failed: %s", engine.name, pk, error)


def _queue(kind: str, pk: int | None) -> None:
    if pk is None:
        return
    queue = getattr(_pending, "queue", None)
    # A queue whose flush is no longer waiting belongs to a transaction that rolled back: start afresh.
    waiting = connection.in_atomic_block and any(entry[1] is _flush for entry in connection.run_on_commit)
    first = queue is None or not waiting
    if first:
        queue = _pending.queue = {"honoree": set(), "page": set()}
    queue[kind].add(pk)
    if first:  # outside a transaction on_commit runs at once, so register only after adding
        transaction.on_commit(_flush)


def _flush() -> None:
    queue = getattr(_pending, "queue", None)
    _pending.queue = None
    if queue:
        reindex_honorees_by_pk(queue["honoree"])
        reindex_pages_by_pk(queue["page"])


def _on_honoree_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue("honoree", instance.pk)


def _on_award_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue("honoree", instance.honoree_id)


def _on_page_changed(sender, instance, **kwargs):
    _queue("page", instance.pk)


def _on_page_moved(sender, instance, **kwargs):
    for pk in instance.get_descendants(inclusive=True).values_list("pk", flat=True):
        _queue("page", pk)


def _on_honorees_imported(sender, created=(), changed=(), **kwargs):
    """Imports write in bulk (no post_save); they announce what they wrote once committed."""
    reindex_honorees_by_pk([*created, *changed])


def connect() -> None:
    from wagtail.models import Page

    from archive.importing import honorees_imported
    from archive.models import Award, Honoree

    honorees_imported.connect(_on_honorees_imported, dispatch_uid="search-honorees-imported")
    post_save.connect(_on_honoree_changed, sender=Honoree, dispatch_uid="search-honoree-saved")
    post_delete.connect(_on_honoree_changed, sender=Honoree, dispatch_uid="search-honoree-deleted")
    post_save.connect(_on_award_changed, sender=Award, dispatch_uid="search-award-saved")
    post_delete.connect(_on_award_changed, sender=Award, dispatch_uid="search-award-deleted")
    page_published.connect(_on_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_on_page_changed, dispatch_uid="search-page-unpublished")
    post_delete.connect(_on_page_changed, sender=Page, dispatch_uid="search-page-deleted")
    post_page_move.connect(_on_page_moved, dispatch_uid="search-page-moved")

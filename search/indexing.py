"""Keep the search indexes right as content changes: after the transaction commits, never blocking a save, and
never losing work to a crash.

Every change is written to the outbox (laomo/outbox.py) in its own transaction — one entry per engine — and the
engine is updated once the transaction commits, in one batch, so a bulk delete of thousands of records costs a
few queries, not thousands. Whatever a crash (or an Elasticsearch outage) leaves undone stays in the outbox:
the next served process applies it, and so does `manage.py search_index sync`. The embedded index is always
written (it is the fallback when Elasticsearch is away); Elasticsearch too when ELASTICSEARCH_URL is set.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from archive.models import Award, Honoree
from core import outbox

from . import rebuilding
from .documents_source import indexable_pages, prepare_page_documents
from .engine import elasticsearch_engine, embedded_engine
from .models import SearchDocument

logger = logging.getLogger(__name__)

HONOREES = "archive.honoree"  # outbox kinds: what changed
PAGES = "wagtailcore.page"


def _engines():
    yield embedded_engine()
    if settings.LAOMO_ELASTICSEARCH_URL:
        yield elasticsearch_engine()


def _reindex_honorees(engine, pks: set[int]) -> None:
    public = set(Honoree.objects.public().filter(pk__in=pks).values_list("pk", flat=True))
    engine.remove_honorees_bulk(sorted(pks - public))
    engine.index_honorees_bulk(sorted(public))


def _reindex_pages(engine, pks: set[int]) -> None:
    pages = {page.pk: page for page in Page.objects.filter(pk__in=pks).specific()}
    for pk in sorted(pks):
        if pk in pages:
            engine.index_page(pages[pk])
        else:
            engine.remove_page(pk)


def queue_pages_changed_by_the_date() -> list[int]:
    """Pages whose public text depends on the day (an interview closed until a date: `search_depends_on_date`)
    change when the day comes, with nobody publishing them. Those whose documents differ from the embedded index
    (always written) are queued for every engine; `search_index sync`, run daily, calls this."""
    models = [model for model in get_page_models() if getattr(model, "search_depends_on_date", False)]
    if not models:
        return []
    pages = list(indexable_pages().type(*models))
    indexed: dict[int, set] = {}
    documents = SearchDocument.objects.filter(object_id__in=[page.pk for page in pages]).exclude(kind="honoree")
    for object_id, key, text in documents.values_list("object_id", "key", "plain_text"):
        indexed.setdefault(object_id, set()).add((key, text))
    changed = [
        page.pk
        for page in pages
        if {(document.key, document.plain_text) for document in prepare_page_documents(page)}
        != indexed.get(page.pk, set())
    ]
    with transaction.atomic():
        outbox.record(PAGES, changed)
    return changed


def reindex_honorees_by_pk(pks: Iterable[int]) -> None:
    """Index the public ones among these honorees in every engine and drop the rest (after bulk writes)."""
    pks = set(pks)
    for engine in _engines():
        if pks:
            try:
                _reindex_honorees(engine, pks)
            except engine.recoverable_errors as error:  # a search outage must never block an editor's save
                logger.warning("Search index %s: reindexing honorees failed: %s", engine.name, error)


def _outbox_handler(get_engine, reindex, kept_during_rebuild: bool):
    """The outbox task for one engine: an outage keeps the work in the outbox for the next sync; so does a rebuild
    of the engine's indexes under way, whose replay then writes it into the new ones (search/rebuilding.py)."""

    def handle(pks: set[int]) -> None:
        engine = get_engine()
        # Asked before writing: a rebuild that ends after this answer has swapped its aliases before it replays.
        rebuild_under_way = kept_during_rebuild and rebuilding.under_way(engine.name)
        try:
            reindex(engine, pks)
        except engine.recoverable_errors as error:
            logger.warning(
                "Search index %s: %d changes not indexed (%s); kept for `manage.py search_index sync`",
                engine.name,
                len(pks),
                error,
            )
            raise outbox.Retry from error
        if rebuild_under_way:
            logger.info("Search index %s: %d changes kept for the rebuild under way to replay", engine.name, len(pks))
            raise outbox.Retry

    return handle


def _on_honoree_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        outbox.record(HONOREES, [instance.pk])


def _on_award_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        outbox.record(HONOREES, [instance.honoree_id])


def _on_page_changed(sender, instance, **kwargs):
    outbox.record(PAGES, [instance.pk])


def _on_page_moved(sender, instance, **kwargs):
    outbox.record(PAGES, instance.get_descendants(inclusive=True).values_list("pk", flat=True))


def connect() -> None:
    def elasticsearch_configured() -> bool:
        return bool(settings.LAOMO_ELASTICSEARCH_URL)

    # The embedded engine rebuilds in one transaction; Elasticsearch fills new indexes behind its aliases.
    for name, get_engine, active, kept_during_rebuild in (
        ("embedded", embedded_engine, None, False),
        ("elasticsearch", elasticsearch_engine, elasticsearch_configured, True),
    ):
        for kind, changes, reindex in (("honorees", HONOREES, _reindex_honorees), ("pages", PAGES, _reindex_pages)):
            handler = _outbox_handler(get_engine, reindex, kept_during_rebuild)
            outbox.subscribe(changes, rebuilding.outbox_task(name, kind), handler, active)
    post_save.connect(_on_honoree_changed, sender=Honoree, dispatch_uid="search-honoree-saved")
    post_delete.connect(_on_honoree_changed, sender=Honoree, dispatch_uid="search-honoree-deleted")
    post_save.connect(_on_award_changed, sender=Award, dispatch_uid="search-award-saved")
    post_delete.connect(_on_award_changed, sender=Award, dispatch_uid="search-award-deleted")
    page_published.connect(_on_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_on_page_changed, dispatch_uid="search-page-unpublished")
    post_delete.connect(_on_page_changed, sender=Page, dispatch_uid="search-page-deleted")
    post_page_move.connect(_on_page_moved, dispatch_uid="search-page-moved")

"""Wagtail's own search index (the admin's search boxes) follows the archive: an import, whose bulk writes send no
post_save, and a record withdrawn or unpublished, which saving alone would only skip."""

import logging

from django.db import DatabaseError, transaction
from django.db.models.signals import post_save

from wagtail.search import index
from wagtail.search.backends import get_search_backends

from archive.models import Honoree
from archive.signals import honorees_imported

logger = logging.getLogger(__name__)

CHUNK = 500  # records read and handed to the backend per call


def index_imported_honorees(sender, created: list[int], changed: list[int], **kwargs) -> None:
    """Add the records an import created or changed (``sender`` is their model) to every auto-updated backend.

    The import has committed: a backend that fails is logged once and left for `update_index`, never raised.
    WAGTAILSEARCH_BACKENDS names the database backend, whose failures are DatabaseErrors."""
    pks = [*created, *changed]
    for backend in get_search_backends(with_auto_update=True):
        try:
            for start in range(0, len(pks), CHUNK):
                # A savepoint, so that a failing index write leaves the connection usable inside a transaction.
                with transaction.atomic():
                    records = list(sender.get_indexed_objects().filter(pk__in=pks[start : start + CHUNK]))
                    backend.add_bulk(sender, records)
        except DatabaseError:
            logger.exception("Indexing %d imported honorees in Wagtail's search failed; run update_index", len(pks))


def drop_from_index_unless_public(sender, instance, **kwargs) -> None:
    """A withdrawn or unpublished record leaves the index at once."""
    if not instance.is_public:
        index.remove_object(instance)


def connect() -> None:
    honorees_imported.connect(index_imported_honorees, dispatch_uid="search-wagtail-index-imports")
    post_save.connect(drop_from_index_unless_public, sender=Honoree, dispatch_uid="search-wagtail-index-drop")

"""An index rebuild under way, as every process sees it, and what becomes of the changes made meanwhile.

While a rebuild fills new Elasticsearch indexes, searches and writes still go through the aliases to the old
ones. A change made then is written to the old index as usual, but its outbox entry (laomo/outbox.py) is kept
rather than deleted; once the aliases point at the new indexes, the rebuild replays every kept entry. The outbox
tasks read the database when they run, so a replay writes saves and deletes what was withdrawn, unpublished,
moved away or deleted during the fill. A rebuild that dies leaves its marker behind; it counts as over after
STALE_AFTER, and the kept entries are then applied like any others.
"""

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.utils import timezone

from core import outbox
from core.state import OutboxEntry

from .models import IndexRebuild

STALE_AFTER = timedelta(hours=6)  # far longer than a rebuild of 100,000 records takes
KINDS = ("honorees", "pages")


class RebuildUnderWay(Exception):
    """Another rebuild of the same engine is filling its indexes: two at once would delete each other's."""


def outbox_task(engine_name: str, kind: str) -> str:
    """The outbox task that keeps one engine's index of one kind in step, e.g. search.elasticsearch.pages."""
    return f"search.{engine_name}.{kind}"


def under_way(engine_name: str) -> bool:
    return IndexRebuild.objects.filter(engine=engine_name, started_at__gte=timezone.now() - STALE_AFTER).exists()


@contextmanager
def catching_up(engine_name: str) -> Iterator[None]:
    """Tell every process a rebuild of this engine is under way while the block runs; then, however the block
    ended, replay what was kept meanwhile (what reached a swapped index must reach its new one)."""
    now = timezone.now()
    marker, created = IndexRebuild.objects.get_or_create(
        engine=engine_name, defaults={"started_at": now, "started_by": _who()}
    )
    if not created:
        if marker.started_at >= now - STALE_AFTER:
            raise RebuildUnderWay(f"{marker.started_by} has been rebuilding since {marker.started_at:%H:%M:%S}")
        IndexRebuild.objects.filter(pk=engine_name).update(started_at=now, started_by=_who())
    try:
        yield
    finally:
        IndexRebuild.objects.filter(pk=engine_name).delete()
        replay(engine_name)


def replay(engine_name: str) -> int:
    """Apply the entries kept during the fill (and any other this engine owes); returns how many were applied.
    Entries another process has claimed are taken over: applying one twice does no harm."""
    tasks = [outbox_task(engine_name, kind) for kind in KINDS]
    kept = list(OutboxEntry.objects.filter(task__in=tasks).values_list("pk", flat=True))
    return outbox.apply(kept, take_over=True)


def _who() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"

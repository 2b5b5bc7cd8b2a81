"""Crash-safe follow-up work: what must happen after a change commits (reindex records, refresh walls) is written
to a table in the same transaction as the change, and done after the commit.

Apps subscribe a task to a kind of change (`subscribe("archive.honoree", "walls", refresh)`); whoever changes
records says so with `record("archive.honoree", pks)` inside its transaction. Each active task gets one row
(state.OutboxEntry) holding the ids; when the transaction commits its rows are applied and deleted. If the
process dies first, or a task cannot run now (a handler raises `Retry`, say because Elasticsearch is away), the
rows stay: the next served process applies them on its first request, and `manage.py search_index sync` applies
them at once. Handlers must be idempotent: an entry may be applied twice (two processes after a crash), never
lost.
"""

import datetime
import logging
import os
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.signals import request_started
from django.db import connections
from django.db.models import Q
from django.utils import timezone

from . import versions
from .oncommit import OnCommitBatch
from .state import OutboxEntry

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 600  # longer than any task takes; a claim this old belongs to a process that died


class Retry(Exception):
    """Raised by a handler that cannot do its work now (and has logged why): the entries stay for later."""


@dataclass(frozen=True)
class Task:
    name: str
    kind: str
    handler: Callable[[set[int]], None]
    active: Callable[[], bool] | None


_tasks: dict[str, Task] = {}


def subscribe(
    kind: str, name: str, handler: Callable[[set[int]], None], active: Callable[[], bool] | None = None
) -> None:
    """Run `handler(ids)` after every committed change of this kind; `active()`, if given, says whether the task
    is wanted at the time of the change (an Elasticsearch task only while ELASTICSEARCH_URL is set)."""
    _tasks[name] = Task(name, kind, handler, active)


def record(kind: str, ids: Iterable[int | None]) -> None:
    """These records of this kind changed in the current transaction: owe every subscribed task the work."""
    ids = sorted({int(pk) for pk in ids if pk is not None})
    tasks = [task for task in _tasks.values() if task.kind == kind and (task.active is None or task.active())]
    if not ids or not tasks:
        return
    entries = [OutboxEntry.objects.create(task=task.name, ids=ids) for task in tasks]
    _after_commit.add(entry.pk for entry in entries)


def apply(entry_ids: Iterable[int] | None = None, *, take_over: bool = False) -> int:
    """Apply these entries (or every one waiting), claiming them first; returns how many were applied.

    `take_over` also takes entries another process has claimed and not finished (an operator's sync after a
    crash, without waiting CLAIM_SECONDS); applying one twice does no harm.
    """
    if entry_ids is not None:
        entry_ids = list(entry_ids)
        if not entry_ids:
            return 0
    token = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
    now = timezone.now()
    claimable = OutboxEntry.objects.all()
    if entry_ids is not None:
        claimable = claimable.filter(pk__in=entry_ids)
    if not take_over:
        stale = now - datetime.timedelta(seconds=CLAIM_SECONDS)
        claimable = claimable.filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
    if not claimable.exists():  # the usual answer at a process start: no write, no lock
        return 0
    claimable.update(claimed_by=token, claimed_at=now)  # one statement: two processes cannot both claim a row

    by_task: dict[str, list[OutboxEntry]] = defaultdict(list)
    for entry in OutboxEntry.objects.filter(claimed_by=token).order_by("pk"):
        by_task[entry.task].append(entry)
    applied = 0
    for name, entries in by_task.items():
        pks = [entry.pk for entry in entries]
        task = _tasks.get(name)
        if task is None:  # a task no longer subscribed (an app removed): nothing will ever do it
            logger.warning("Outbox: dropping %d entries of unknown task %s", len(pks), name)
            OutboxEntry.objects.filter(pk__in=pks).delete()
            continue
        try:
            task.handler({pk for entry in entries for pk in entry.ids})
        except Retry:
            OutboxEntry.objects.filter(pk__in=pks).update(claimed_by="", claimed_at=None)
            continue
        OutboxEntry.objects.filter(pk__in=pks).delete()
        applied += len(pks)
    return applied


def pending() -> int:
    return OutboxEntry.objects.count()


def apply_leftovers(*, take_over: bool = False) -> int:
    """Apply what processes that died left behind. They died before bumping the versions too, so when there was
    anything, every version moves on: no process goes on serving what was cached before their changes."""
    applied = apply(take_over=take_over)
    if applied:
        versions.bump_all()
    return applied


_after_commit = OnCommitBatch(apply, robust=True)  # an indexing failure is logged; the commit stands


# --- Leftovers of a process that died: applied once per served process, on its first request -------------------

_started = threading.Event()


def _leftovers_thread() -> None:
    try:
        applied = apply_leftovers()
        if applied:
            logger.info("Outbox: applied %d entries left by an earlier process", applied)
    finally:
        connections.close_all()  # this thread's own connections


def _on_first_request(**kwargs) -> None:
    if _started.is_set():
        return
    _started.set()
    # In the background: after a crash during a large import the work can take longer than a request may.
    threading.Thread(target=_leftovers_thread, name="laomo-outbox-leftovers", daemon=True).start()


def apply_leftovers_when_serving() -> None:
    """Called by the WSGI entry point only: tests and management commands never start this thread."""
    request_started.connect(_on_first_request, dispatch_uid="laomo-outbox-leftovers")

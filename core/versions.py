"""Version counters that every process reads the same way: cached things put a version in their key, so one
increment retires them all at once — in this process, the other app workers, a management command, the shell.

The counters live in a database table (state.VersionCounterRow), the one store every process always sees,
whether or not a shared cache is configured; a cache outage cannot lose or fake them. A request reads them all
with one small query, the first time it needs one, and keeps them for the rest of the request; outside a request
(commands, the shell) every read asks the database. A bump is written when the transaction commits, never
before: a page fetched by another process meanwhile is keyed by the old version and retired by the bump. Until
then the thread that made the change reads a private version of its own (it sees its uncommitted change; nothing
it caches meanwhile can be served to anyone else).

A bump moves a counter to the clock (in microseconds) when that is ahead of counter + 1: after a database
restore the counters go on from past every value used before, never back to keys cached before the restore.
"""

import threading
import time

from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Greatest

from .oncommit import OnCommitBatch
from .state import VersionCounterRow

_request = threading.local()
_READ_ALL = f"SELECT name, value FROM {VersionCounterRow._meta.db_table}"


def _clock() -> int:
    return time.time_ns() // 1000


def _read_all() -> dict[str, int]:
    # Every request runs this, cached page or not: plain SQL, without building a queryset each time.
    with connection.cursor() as cursor:
        cursor.execute(_READ_ALL)
        return dict(cursor.fetchall())


def _values() -> dict[str, int]:
    values = getattr(_request, "values", None)
    if values is None:
        values = _read_all()
        if getattr(_request, "active", False):
            _request.values = values
    return values


def _bump_now(keys: set[str]) -> None:
    clock = _clock()
    for key in sorted(keys):  # one order everywhere: two bumping processes never wait on each other in a circle
        updated = VersionCounterRow.objects.filter(name=key).update(value=Greatest(F("value") + 1, Value(clock)))
        if not updated:
            VersionCounterRow.objects.get_or_create(name=key, defaults={"value": clock})
    _request.values = None  # this request reads its own bump at once


_bumps = OnCommitBatch(_bump_now, robust=True)  # a failed bump is logged; the commit it follows stands


_counters: dict[str, "VersionCounter"] = {}


class VersionCounter:
    def __init__(self, key: str):
        self.key = key
        _counters[key] = self

    def current(self) -> int:
        pending = _bumps.pending()
        if pending is not None and self.key in pending.tokens:
            return -pending.tokens[self.key]  # private to this uncommitted transaction (see the module docstring)
        values = _values()
        if self.key not in values:
            row, _created = VersionCounterRow.objects.get_or_create(name=self.key, defaults={"value": _clock()})
            values[self.key] = row.value
        return values[self.key]

    def bump(self, **signal_kwargs) -> None:
        """Usable as a signal receiver; takes effect when the current transaction commits."""
        _bumps.add([self.key])


def snapshot() -> str:
    """Every counter's current value, in a fixed order: keys that must change whenever anything changes."""
    return ":".join(str(_counters[key].current()) for key in sorted(_counters))


def bump_all() -> None:
    """Retire everything cached anywhere (after a restore, say): every counter moves on."""
    _bumps.add(_read_all())


def _request_started(**kwargs) -> None:
    _request.active, _request.values = True, None


def _request_finished(**kwargs) -> None:
    _request.active, _request.values = False, None


def connect() -> None:
    request_started.connect(_request_started, dispatch_uid="laomo-versions-request-started")
    request_finished.connect(_request_finished, dispatch_uid="laomo-versions-request-finished")

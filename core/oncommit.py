"""Work collected while a transaction runs and done once when it commits (at once outside a transaction)."""

import secrets
import threading
from collections.abc import Callable, Hashable, Iterable

from django.db import connection, transaction


class Round:
    """The items one transaction has added so far; run once, by whichever of its callbacks runs first."""

    def __init__(self):
        self.done = False
        # Each item's token is new at every add() of that item: it names the item as it stands in this round
        # (core.versions' private versions), so adding one item leaves the others' tokens alone.
        self.tokens: dict[Hashable, int] = {}

    @property
    def items(self) -> set:
        return set(self.tokens)


class _Callback:
    def __init__(self, owner: "OnCommitBatch", round_: Round):
        self.owner = owner
        self.round = round_

    def __call__(self) -> None:
        if not self.round.done:
            self.round.done = True
            self.owner.run(self.round.items)


class OnCommitBatch:
    """`add()` items during a transaction; `run(items)` is called once with all of them after the commit.

    Every add() registers a callback of its own (the first to run does the work, the others find it done), so
    a savepoint rolled back after some adds leaves the earlier ones to run; a transaction rolled back as a whole
    drops them all, and the next add() starts a new round.
    """

    def __init__(self, run: Callable[[set], None], robust: bool = False):
        self.run = run
        self.robust = robust  # robust: an exception is logged by Django and the other callbacks still run
        self._local = threading.local()

    def pending(self) -> Round | None:
        """This thread's round in a transaction that has not committed yet, if any."""
        latest = getattr(self._local, "latest", None)
        if latest is None or latest.round.done or not connection.in_atomic_block:
            return None
        # From the end: our latest callback is usually among the last few registered.
        if any(entry[1] is latest for entry in reversed(connection.run_on_commit)):
            return latest.round
        return None

    def add(self, items: Iterable[Hashable]) -> None:
        round_ = self.pending() or Round()
        for item in items:
            round_.tokens[item] = secrets.randbits(62)
        callback = self._local.latest = _Callback(self, round_)
        transaction.on_commit(callback, robust=self.robust)  # outside a transaction: runs at once

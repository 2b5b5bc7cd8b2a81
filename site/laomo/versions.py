"""Version counters in the shared cache: cached things put the version in their key, so one increment
invalidates them all at once, in every process.

A counter that disappears (evicted, cache restarted) starts again from the clock, never from 1: a restart
from 1 would bring back keys — and per-process tables — from before the last change.
"""

import time

from django.core.cache import cache


class VersionCounter:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, time.time_ns() // 1000, timeout=None)
            version = cache.get(self.key)
        return version

    def bump(self, **signal_kwargs) -> None:
        """Usable as a signal receiver."""
        try:
            cache.incr(self.key)
        except ValueError:  # not set yet, or evicted
            cache.add(self.key, time.time_ns() // 1000, timeout=None)

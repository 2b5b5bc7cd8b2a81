"""Django's Redis cache, failing soft: when Redis is away every read is a miss and every write is skipped, so pages
are rendered instead of cached — never a 500. Used for CACHES when REDIS_URL is set (settings/base.py).

One warning per WARN_SECONDS per process says so (not one per request). After a failure the process leaves
Redis alone for RETRY_SECONDS, so an outage costs no connection attempt (or timeout) on every cache call. Nothing
correct depends on the cache: version counters live in the database (core/versions.py).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

WARN_SECONDS = 60
RETRY_SECONDS = 5
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)  # refused, reset, timed out, still loading its data


class _Health:
    """Per process and per server, whatever number of cache objects Django makes (one per thread or context)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.warned_at = float("-inf")


_health: dict[tuple, _Health] = {}
_health_lock = threading.Lock()


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        with _health_lock:
            self._health = _health.setdefault(tuple(self._servers), _Health())

    def _call(self, method, fallback, *args, **kwargs):
        if time.monotonic() < self._health.down_until:
            return fallback()
        try:
            return method(*args, **kwargs)
        except UNAVAILABLE as error:
            self._failed(error)
            return fallback()

    def _failed(self, error: Exception) -> None:
        health, now = self._health, time.monotonic()
        with health.lock:
            health.down_until = now + RETRY_SECONDS
            if now - health.warned_at < WARN_SECONDS:
                return
            health.warned_at = now
        logger.warning(
            "The cache server is not answering (%s): pages are rendered without it; next warning in %d s at most.",
            error,
            WARN_SECONDS,
        )

    # Each call falls back to what an empty cache would answer; a skipped write reports "not stored" where the
    # method reports at all, and add() says "stored" so that a caller using it as a lock goes on with its work.

    def get(self, key, default=None, version=None):
        return self._call(super().get, lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, dict, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, lambda: False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, lambda: None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, lambda: True, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, lambda: list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, lambda: False, key, timeout, version)

    def incr(self, key, delta=1, version=None):
        return self._call(super().incr, lambda: _missing(key), key, delta, version)

    def delete(self, key, version=None):
        return self._call(super().delete, lambda: False, key, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, lambda: None, keys, version)

    def clear(self):
        return self._call(super().clear, lambda: False)


def _missing(key):
    raise ValueError(f"Key {key!r} not found (the cache server is not answering).")  # as Django says for incr

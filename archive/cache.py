"""A version number for archive data: cached lists and counts include it, so any change invalidates them."""

import hashlib

from django.core.cache import cache

VERSION_KEY = "archive:data-version"


def data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, timeout=None)
    return version


def bump_data_version(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.set(VERSION_KEY, 2, timeout=None)


def versioned_key(*parts) -> str:
    """A cache key safe for every backend (short, ASCII, no spaces), whatever the parts contain."""
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()
    return f"archive:{data_version()}:{digest}"

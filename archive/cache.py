"""A version number for archive data: cached lists and counts include it, so any change invalidates them."""

import hashlib

from core.versions import VersionCounter

VERSION_KEY = "archive:data-version"
_counter = VersionCounter(VERSION_KEY)


def data_version() -> int:
    return _counter.current()


def bump_data_version(**kwargs) -> None:
    _counter.bump()


def versioned_key(*parts) -> str:
    """A cache key safe for every backend (short, ASCII, no spaces), whatever the parts contain."""
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()
    return f"archive:{data_version()}:{digest}"

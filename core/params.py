"""Reading request parameters that must never raise: numbers and return addresses. One parser for every view."""

import re

from django.utils.http import url_has_allowed_host_and_scheme

# ASCII digits only. str.isdigit() and isdecimal() accept "²", "①" or "１２" (full width): int() refuses the first
# two (a 500) and reads the last, which no link of ours writes. Signs, spaces and exponents are refused as well.
_DIGITS = re.compile(r"[0-9]+")
_MAX_DIGITS = 18  # beyond any id or count; int() on 10,000 digits is slow, and past 4,300 it raises
_UNSAFE_IN_PATH = re.compile(r"[\x00-\x20\x7f\\]")  # browsers drop tabs and newlines and read "\" as "/"
MAX_NEXT_LENGTH = 2000


def parse_int(value: object, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """The number ``value`` spells in ASCII digits, if it lies within [minimum, maximum]; otherwise None.

    Anything else — None, a list, "", " 2", "+2", "-2", "2.0", "²", "①", "１２", 10,000 digits — is None, never an
    exception, so a view can answer "not found" or ignore the parameter."""
    if not isinstance(value, str) or len(value) > _MAX_DIGITS or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None
    return number


def same_site_path(target: object, default: str = "/") -> str:
    """``target`` if it is a path on this site ("/dictionary/?page=2"), else ``default``.

    Only absolute paths: no scheme or host ("https://evil.com", "javascript:…"), no protocol-relative "//evil.com",
    no backslash or control character a browser might turn into one ("/\\evil.com", "/\\t/evil.com"), and no bare
    word, which Django's redirect() would try to reverse as a URL name (NoReverseMatch, a 500)."""
    if (
        not isinstance(target, str)
        or not target.startswith("/")
        or target.startswith("//")
        or len(target) > MAX_NEXT_LENGTH
        or _UNSAFE_IN_PATH.search(target)
        or not url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    ):
        return default
    return target

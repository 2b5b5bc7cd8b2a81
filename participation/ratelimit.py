"""Counting submissions per visitor address and for the whole site, in the cache (fixed hourly and daily windows).

With REDIS_URL the counts are shared by all app processes; without it each process counts on its own, which
still stops a single script hammering one process.
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

PREFIX = "laomo:corrections:rate"


def client_address(request) -> str:
    """The visitor's address: REMOTE_ADDR, or the header the trusted proxy sets (LAOMO_CLIENT_IP_HEADER).

    An IPv6 visitor is counted by their /64 network, which one household or phone usually gets whole.
    """
    raw = ""
    header = settings.LAOMO_CLIENT_IP_HEADER
    if header:
        raw = request.headers.get(header, "").split(",")[0].strip()
    raw = raw or request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw or "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _windows(address: str) -> list[tuple[str, int, int]]:
    """(cache key, limit, seconds) for every window that applies to this address."""
    now = int(time.time())
    # The address is hashed so the cache never holds visitors' addresses in clear.
    who = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:24]
    return [
        (f"{PREFIX}:h:{who}:{now // 3600}", settings.LAOMO_CORRECTIONS_PER_HOUR, 3600),
        (f"{PREFIX}:d:{who}:{now // 86400}", settings.LAOMO_CORRECTIONS_PER_DAY, 86400),
        (f"{PREFIX}:site:{now // 3600}", settings.LAOMO_CORRECTIONS_SITE_PER_HOUR, 3600),
    ]


def is_limited(request) -> bool:
    """True when this visitor (or the whole site) has sent as many submissions as the limits allow."""
    windows = _windows(client_address(request))
    counts = cache.get_many([key for key, _, _ in windows])
    return any(counts.get(key, 0) >= limit for key, limit, _ in windows)


def count_submission(request) -> None:
    for key, _, seconds in _windows(client_address(request)):
        if not cache.add(key, 1, seconds + 60):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, seconds + 60)

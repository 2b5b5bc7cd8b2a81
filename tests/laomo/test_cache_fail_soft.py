"""Issue 14, finding 2: a cache outage is not a site outage. With REDIS_URL on a port nothing answers, pages
render uncached (200), every cache call answers like an empty cache, and one warning is logged, not thousands."""

import logging
import socket

from django.core.cache import cache

import pytest

from core import cachebackend


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_away(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cachebackend.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.LAOMO_PAGE_CACHE_SECONDS = 60


def warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "core.cachebackend" and r.levelno == logging.WARNING]


def test_every_cache_call_answers_like_an_empty_cache(redis_away, caplog):
    caplog.set_level(logging.WARNING)
    assert cache.get("k", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("k") is False
    assert cache.set("k", 1) is None
    assert cache.add("k", 1) is True
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("k") is False
    assert cache.touch("k") is False
    with pytest.raises(ValueError):
        cache.incr("k")
    assert cache.get_or_set("k", 5) == 5
    assert len(warnings(caplog)) == 1


@pytest.mark.django_db
def test_pages_render_while_the_cache_server_is_away_with_one_warning(redis_away, client, caplog):
    caplog.set_level(logging.WARNING)
    for _ in range(4):  # well within WARN_SECONDS even on a busy machine
        for path in ("/", "/dictionary/", "/dictionary/SRC-0002/", "/search/?q=wang", "/api/honorees/"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert response["X-Cache"] == "miss"
    assert len(warnings(caplog)) == 1


def test_the_warning_comes_again_after_the_interval_and_redis_is_tried_again(redis_away, caplog, monkeypatch):
    caplog.set_level(logging.WARNING)
    clock = [1000.0]
    monkeypatch.setattr(cachebackend.time, "monotonic", lambda: clock[0])
    cache.get("k")
    assert len(warnings(caplog)) == 1
    tried = []
    monkeypatch.setattr(cachebackend.RedisCache, "get", lambda *args: tried.append(args))
    clock[0] += cachebackend.RETRY_SECONDS - 1
    cache.get("k")
    assert tried == []  # within RETRY_SECONDS of a failure Redis is left alone
    monkeypatch.undo()
    monkeypatch.setattr(cachebackend.time, "monotonic", lambda: clock[0])
    clock[0] += cachebackend.WARN_SECONDS
    cache.get("k")
    assert len(warnings(caplog)) == 2

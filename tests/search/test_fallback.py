"""Elasticsearch configured but not answering: search falls back to the embedded engine and saves still work."""

import io
import logging
import socket
import time

from django.core.management import call_command

import pytest

from archive.browse import parse_filters
from search.elastic import ElasticsearchEngine
from search.embedded import EmbeddedEngine
from search.engine import get_engine, reset_engines
from search.models import SearchDocument
from tests.archive.factories import HonoreeFactory


def closed_port_url() -> str:
    """A local port nothing listens on: bind one, note its number, close it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def unreachable_elasticsearch(settings):
    settings.LAOMO_ELASTICSEARCH_URL = closed_port_url()
    reset_engines()
    yield settings.LAOMO_ELASTICSEARCH_URL
    reset_engines()


def warnings_from(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "search.engine" and r.levelno == logging.WARNING]


def test_search_falls_back_to_the_embedded_engine_and_warns_once(unreachable_elasticsearch, caplog):
    caplog.set_level(logging.WARNING)
    started = time.monotonic()
    engine = get_engine()
    assert time.monotonic() - started < 2
    assert isinstance(engine, EmbeddedEngine)
    assert warnings_from(caplog) == [
        f"Elasticsearch at {unreachable_elasticsearch} is not answering; searching with the embedded engine."
    ]

    assert isinstance(get_engine(), EmbeddedEngine)
    assert len(warnings_from(caplog)) == 1  # not once per request


def test_availability_is_answered_quickly_and_remembered(unreachable_elasticsearch):
    engine = ElasticsearchEngine(unreachable_elasticsearch)
    started = time.monotonic()
    assert engine.is_available() is False
    assert time.monotonic() - started < 2
    started = time.monotonic()
    for _ in range(50):
        assert engine.is_available() is False
    assert time.monotonic() - started < 0.1  # cached: no request at all


@pytest.mark.django_db
def test_saving_works_while_elasticsearch_is_down(unreachable_elasticsearch, committed, caplog):
    caplog.set_level(logging.WARNING)
    honoree = committed(
        lambda: HonoreeFactory(external_id="T-FALLBACK-1", name="钟离修表", biography="在鼓楼修了四十年手表。")
    )
    document = SearchDocument.objects.get(key=f"honoree:{honoree.pk}")  # the embedded index still follows
    assert "手表" in document.text_terms.split()
    assert any(
        r.name == "search.indexing" and "elasticsearch" in r.getMessage() for r in caplog.records
    )  # the Elasticsearch failure is logged, not raised

    hits = get_engine().search_honorees("钟离修表", parse_filters({})).hits
    assert [hit.id for hit in hits] == ["T-FALLBACK-1"]

    honoree.withdrawn = True
    committed(honoree.save)
    assert not SearchDocument.objects.filter(key=f"honoree:{honoree.pk}").exists()


@pytest.mark.django_db
def test_search_index_command_works_on_the_embedded_engine_alone(unreachable_elasticsearch):
    out = io.StringIO()
    call_command("search_index", "rebuild", "--engine", "embedded", stdout=out)
    call_command("search_index", "check", "--engine", "embedded", stdout=out)
    assert "[embedded] 已重建" in out.getvalue()
    assert "缺失 0，过期 0，多余 0" in out.getvalue()
    assert "[elasticsearch]" not in out.getvalue()

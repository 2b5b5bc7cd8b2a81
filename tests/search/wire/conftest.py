"""Fixtures for the tests on the wire: a stand-in cluster on loopback, the engine pointed at it, and a check
of every request it received against the Elasticsearch 8 specification."""

import pytest

from search.engine import elasticsearch_engine, reset_engines

from .cluster import Cluster
from .spec import violations

HONOREES_INDEX = "laomo-honorees-20250101000000000000"
PAGES_INDEX = "laomo-pages-20250101000000000000"


@pytest.fixture
def cluster(settings):
    stand_in = Cluster().start()
    settings.LAOMO_ELASTICSEARCH_URL = stand_in.url
    settings.LAOMO_INDEX_PREFIX = "laomo"
    reset_engines()
    yield stand_in
    reset_engines()
    stand_in.stop()
    problems = [problem for request in stand_in.requests for problem in violations(request)]
    assert not problems, "requests the specification does not allow:\n" + "\n".join(problems)


@pytest.fixture
def built(cluster):
    """The stand-in as after a first rebuild: both aliases point at an index."""
    cluster.add_index(HONOREES_INDEX, "laomo-honorees")
    cluster.add_index(PAGES_INDEX, "laomo-pages")
    return cluster


@pytest.fixture
def engine(built):
    """The engine search.indexing writes through, so saves reach the stand-in too."""
    search_engine = elasticsearch_engine()
    search_engine.refresh = True
    return search_engine

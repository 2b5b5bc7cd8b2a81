"""Issue 14, finding 1: version counters live in the database, move when the change commits (never before), and
every request reads them afresh — so a change made by any process retires cached pages everywhere."""

from django.db import transaction
from django.db.models import F

import pytest

from archive.cache import VERSION_KEY, data_version
from archive.models import Honoree
from core.state import VersionCounterRow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.LAOMO_PAGE_CACHE_SECONDS = 60


def stored(key=VERSION_KEY) -> int:
    return VersionCounterRow.objects.get(name=key).value


def test_a_change_moves_the_version_only_when_it_commits(django_capture_on_commit_callbacks):
    before = data_version()
    honoree = Honoree.objects.get(external_id="SRC-0002")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        honoree.withdrawn = True
        honoree.save()
        private = data_version()
        assert private != before  # the changing thread sees its own change…
        assert stored() == before  # …but nothing other processes read has moved
        honoree.biography += "。"
        honoree.save()
        assert data_version() not in (before, private)  # each further change is new again
    assert stored() == before
    for callback in callbacks:  # the commit
        callback()
    assert stored() > before
    assert data_version() == stored()


def test_a_rolled_back_change_moves_nothing():
    before = data_version()
    honoree = Honoree.objects.get(external_id="SRC-0002")
    try:
        with transaction.atomic():
            honoree.withdrawn = True
            honoree.save()
            assert data_version() != before
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert data_version() == before == stored()


def test_a_change_written_by_another_process_is_served_on_the_next_request(client):
    """Another process commits a withdrawal and its bump: this process's cached page is not served again."""
    assert client.get("/dictionary/SRC-0002/")["X-Cache"] == "miss"
    assert client.get("/dictionary/SRC-0002/")["X-Cache"] == "hit"
    # What another process leaves in the database (no signal reaches this one):
    Honoree.objects.filter(external_id="SRC-0002").update(withdrawn=True)
    VersionCounterRow.objects.filter(name=VERSION_KEY).update(value=F("value") + 1)
    assert client.get("/dictionary/SRC-0002/").status_code == 404


def test_a_cached_page_costs_one_small_query_for_all_versions(client, django_assert_num_queries):
    client.get("/dictionary/SRC-0002/")
    with django_assert_num_queries(1):
        assert client.get("/dictionary/SRC-0002/")["X-Cache"] == "hit"


def test_a_counter_missing_from_the_table_starts_from_the_clock_not_from_one():
    VersionCounterRow.objects.filter(name=VERSION_KEY).delete()
    assert data_version() > 1_700_000_000_000_000  # microseconds since 1970: past any value used before

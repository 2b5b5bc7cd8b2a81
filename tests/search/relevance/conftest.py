"""The relevance fixture records, created once per module and indexed by the engine under test.

The records live inside one transaction opened for the whole module and rolled back at its end (each test
runs in a savepoint inside it), so 165 records are saved and indexed once, not once per test.
"""

import os
import uuid

from django.db import transaction
from django.test import override_settings

import pytest

from archive.models import Award, District, Honoree, Honour, Industry
from search.engine import elasticsearch_engine, embedded_engine, reset_engines

from .records import RECORDS

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ENGINES = ["embedded", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


def create_records() -> list[int]:
    honours = {h.name: h for h in Honour.objects.all()}
    districts = {d.name: d for d in District.objects.all()}
    industries = {i.name: i for i in Industry.objects.all()}
    pks = []
    for record in RECORDS:
        honoree = Honoree(
            external_id=record["external_id"],
            kind=record["kind"],
            name=record["name"],
            gender=record["gender"],
            ethnicity=record["ethnicity"],
            birth_year=record["birth_year"],
            employer=record["employer"],
            title=record["title"],
            district=districts[record["district"]],
            industry=industries[record["industry"]],
            biography=record["biography"],
            live=True,
        )
        honoree.save()  # computes pinyin, initials and stroke keys
        Award.objects.bulk_create(
            Award(honoree=honoree, honour=honours[honour], year=year) for year, honour in record["awards"]
        )
        honoree.refresh_first_award_year()
        pks.append(honoree.pk)
    return pks


@pytest.fixture(scope="module")
def relevance_records(django_db_setup, django_db_blocker):
    """Create the fixture records (demo records stay too) for the module; roll them back afterwards."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield create_records()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module", params=ENGINES)
def engine(request, relevance_records, django_db_blocker):
    """The engine under test with every public record indexed: embedded always, Elasticsearch when configured."""
    if request.param == "embedded":
        with django_db_blocker.unblock():
            search_engine = embedded_engine()
            search_engine.rebuild()
        yield search_engine
        return
    if not ELASTICSEARCH_URL:
        pytest.skip("ELASTICSEARCH_URL not set: the relevance suite runs on the embedded engine only")
    prefix = f"laomo-test-relevance-{uuid.uuid4().hex[:8]}"
    with (
        override_settings(LAOMO_ELASTICSEARCH_URL=ELASTICSEARCH_URL, LAOMO_INDEX_PREFIX=prefix),
        django_db_blocker.unblock(),
    ):
        reset_engines()
        search_engine = elasticsearch_engine()
        search_engine.refresh = True
        search_engine.rebuild()
        try:
            yield search_engine
        finally:
            # Deleting by wildcard is refused by default since Elasticsearch 8 (action.destructive_requires_name).
            for index in search_engine.client.options(ignore_status=404).indices.get(index=f"{prefix}-*"):
                search_engine.client.indices.delete(index=index)
            reset_engines()

"""Shared fixtures: the demo content is loaded once into the test database and rolled back after each test."""

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

import pytest

# Whole folders in which nothing depends on the database: translations and their catalogues, and the requests
# sent to Elasticsearch (a stand-in cluster). CI's PostgreSQL leg would only repeat them.
SAME_ON_EVERY_DATABASE = ("tests/i18n/", "tests/i18n_apps/", "tests/search/wire/")


def pytest_collection_modifyitems(config, items):
    """Tests marked same_on_every_database, and the folders above, run once, on SQLite."""
    from django.db import connections

    if connections["default"].vendor == "sqlite":
        return
    skip = pytest.mark.skip(reason="nothing here depends on the database: proven on the SQLite leg")
    for item in items:
        where = item.nodeid.replace("\\", "/")
        if item.get_closest_marker("same_on_every_database") or where.startswith(SAME_ON_EVERY_DATABASE):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, stdout=_devnull())


def _devnull():
    import io

    return io.StringIO()


@pytest.fixture(autouse=True)
def chinese_to_begin_with():
    """Every test starts in Chinese. A request to /en/ leaves English active in its thread (LocaleMiddleware
    activates a language and never deactivates it), which would change what a later test in the same worker reads."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached counts and pages must not outlive the database rollback between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    from laomo.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def make_user(db):
    from django.contrib.auth.models import Group, User

    def make(username, *groups, superuser=False):
        user = User.objects.create_user(username=username, password="correct horse battery", is_superuser=superuser)
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run an action and then what would happen when its transaction commits (search indexing, …).

    Tests run inside a transaction that never commits, so on_commit work is captured and executed here.
    """

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run

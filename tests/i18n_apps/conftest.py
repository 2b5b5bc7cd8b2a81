"""The English interface of the hall, films, walls and participation: fixtures shared by these tests."""

from django.utils import translation

import pytest

from .walls import small_wall


@pytest.fixture(autouse=True)
def default_language():
    """A request under /en/ activates English for the thread: no test may inherit it from another."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def wall(db):
    return small_wall("i18n-wall")


def html_of(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()

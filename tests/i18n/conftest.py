"""The English site's tests: each test starts and ends in the site's own language."""

from django.utils import translation

import pytest


@pytest.fixture(autouse=True)
def default_language():
    """A request under /en/ activates English for the thread; later tests (and their Chinese expectations,
    computed outside any request) must not inherit it."""
    translation.deactivate()
    yield
    translation.deactivate()


def html_of(client, url: str, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()

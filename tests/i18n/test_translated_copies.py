"""An editor's English copy of a film is the same film: entry pages list it once."""

from wagtail.models import Locale

import pytest

from media.models import FilmPage

from .test_pages import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


def test_a_translated_film_is_listed_once_on_the_entry(client, english):
    film = FilmPage.objects.live().filter(honorees__isnull=False).first()
    honoree = film.public_honorees()[0]
    translate(film, english, "A film in English")
    html = client.get(honoree.get_absolute_url()).content.decode()
    assert html.count(f'href="{film.url}"') >= 1
    assert "A film in English" not in html

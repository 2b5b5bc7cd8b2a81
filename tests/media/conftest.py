"""Fixtures for films: the demo's films index and a helper that publishes a film under it."""

import pytest

from media.models import FilmIndexPage, FilmPage


@pytest.fixture
def film_index(db):
    return FilmIndexPage.objects.get()


@pytest.fixture
def make_film(film_index):
    def make(title, slug, *, themes=(), honorees=(), publish=True, **fields):
        fields.setdefault("summary", f"{title}的简介。")
        if not fields.get("video"):
            fields.setdefault("embed_url", "https://www.bilibili.com/video/BV1xx411c7mD")
        film = FilmPage(title=title, slug=slug, **fields)
        film.themes = list(themes)
        film.honorees = list(honorees)
        film.live = publish
        film_index.add_child(instance=film)
        revision = film.save_revision()
        if publish:
            revision.publish()
        return film

    return make

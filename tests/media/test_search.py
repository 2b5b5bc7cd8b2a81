"""The site search finds a film by words said in it (its transcript), under the 微电影 tab."""

import pytest

from search.engine import embedded_engine

pytestmark = pytest.mark.django_db


def test_a_phrase_only_in_the_transcript_finds_the_film(committed, make_film):
    film = make_film("檐下的灯", "lamp-under-eaves", publish=False, transcript="00:03 银杏叶落在修表师傅的工作台上")
    engine = embedded_engine()
    assert engine.search_pages("银杏叶", kind="film").count == 0  # unpublished: not in the index

    committed(lambda: film.save_revision().publish())

    results = engine.search_pages("银杏叶", kind="film")
    assert [(hit.kind, hit.title, hit.url) for hit in results.hits] == [
        ("film", "檐下的灯", "/films/lamp-under-eaves/")
    ]
    assert results.counts_by_kind.get("film") == 1

    film.refresh_from_db()
    committed(lambda: film.unpublish())
    assert engine.search_pages("银杏叶", kind="film").count == 0


def test_demo_films_are_found_by_transcript_and_by_the_people_in_them():
    engine = embedded_engine()
    assert "守护小汤山的灯火" in [hit.title for hit in engine.search_pages("复工复产用电需求", kind="film").hits]
    assert "新时代的大国工匠" in [hit.title for hit in engine.search_pages("陶建伟", kind="film").hits]


def test_a_film_is_found_by_the_name_of_an_honoree_it_portrays(committed, make_film):
    from archive.models import Honoree

    honoree = Honoree.objects.get(external_id="SRC-0008")
    film = make_film("超级工程", "super-projects", publish=False, honorees=[honoree], summary="钢结构。")
    committed(lambda: film.save_revision().publish())
    titles = [hit.title for hit in embedded_engine().search_pages("朱忠义", kind="film").hits]
    assert "超级工程" in titles

"""The films index: filters by theme, year and honoree with counts, clean query strings, no JavaScript."""

import re

import pytest

from archive.models import Honoree
from media.models import FilmPage, FilmTheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(make_film, film_index):
    for film in FilmPage.objects.child_of(film_index):
        film.unpublish()  # start from a known set
    craft = FilmTheme.objects.get(slug="da-guo-gong-jiang")
    front = FilmTheme.objects.get(slug="kang-yi-yi-xian")
    wang = Honoree.objects.get(external_id="SRC-0002")
    zeng = Honoree.objects.get(external_id="SRC-0004")
    make_film("电力工匠", "power", year=2020, themes=[craft, front], honorees=[wang])
    make_film("流调一线", "flow", year=2020, themes=[front], honorees=[zeng])
    make_film("老手艺", "old-craft", year=2016, themes=[craft])
    make_film("草稿影片", "draft", year=2016, themes=[craft], publish=False)
    return film_index


def titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/films/[^"]+/">([^<]+)</a></h3>', html)


def option(html: str, label: str) -> str:
    match = re.search(
        rf'<li><a href="([^"]*)"( aria-current="true")?><span class="option-label">{label}</span> <span class="count">(\d+)',
        html,
    )
    assert match, f"no option {label}"
    return match.group(1).replace("&amp;", "&"), bool(match.group(2)), int(match.group(3))


def test_everything_with_counts(client, catalogue):
    html = client.get("/films/").content.decode()
    assert titles(html) == ["流调一线", "电力工匠", "老手艺"]  # newest year, then newest first; drafts never
    assert "全部影片：共 3 部" in html
    assert option(html, "大国工匠") == ("/films/?theme=da-guo-gong-jiang", False, 2)
    assert option(html, "抗疫一线") == ("/films/?theme=kang-yi-yi-xian", False, 2)
    assert option(html, "2020年") == ("/films/?year=2020", False, 2)
    assert option(html, "2016年") == ("/films/?year=2016", False, 1)
    assert option(html, "王月鹏") == ("/films/?honoree=SRC-0002", False, 1)


def test_filters_combine_and_counts_follow(client, catalogue):
    html = client.get("/films/?year=2020&theme=da-guo-gong-jiang").content.decode()
    assert titles(html) == ["电力工匠"]
    assert "筛选结果：共 1 部" in html
    # Each option counts what clicking it would show, given the other filters; the chosen one toggles off.
    assert option(html, "大国工匠") == ("/films/?year=2020", True, 1)
    assert option(html, "抗疫一线") == ("/films/?theme=kang-yi-yi-xian&year=2020", False, 2)
    assert option(html, "2016年") == ("/films/?theme=da-guo-gong-jiang&year=2016", False, 1)
    assert 'href="/films/?theme=da-guo-gong-jiang">年份：2020年' in html  # remove one filter, keep the other
    assert '<a class="clear-filters" href="/films/">' in html


def test_honoree_filter(client, catalogue):
    html = client.get("/films/?honoree=SRC-0004").content.decode()
    assert titles(html) == ["流调一线"]
    assert "片中劳模：曾晓岚" in html


def test_unknown_values_are_reported_and_ignored(client, catalogue):
    response = client.get("/films/?theme=no-such-theme&year=20x0&honoree=NOPE")
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(html) == ["流调一线", "电力工匠", "老手艺"]
    assert "没有名为“no-such-theme”的主题。" in html
    assert "年份“20x0”应为四位数字，如 2020。" in html
    assert "没有编号为“NOPE”的公开劳模条目。" in html


def test_a_year_without_films_is_an_empty_result(client, catalogue):
    html = client.get("/films/?year=1999").content.decode()
    assert titles(html) == []
    assert "没有符合这些条件的影片" in html


def test_withdrawn_honorees_are_not_offered(client, catalogue):
    Honoree.objects.filter(external_id="SRC-0004").update(withdrawn=True)
    html = client.get("/films/").content.decode()
    assert "曾晓岚" not in html


def test_index_queries_do_not_grow_with_films(client, catalogue, make_film, django_assert_max_num_queries):
    client.get("/films/")  # warm renditions and caches
    for n in range(6):
        make_film(f"批量影片{n}", f"bulk-{n}", year=2018)
    with django_assert_max_num_queries(40):
        assert client.get("/films/").status_code == 200


# A NUL never reaches these filters: the middleware refuses it first (tests/security/test_nul_characters.py).
@pytest.mark.parametrize("year", ["9" * 10_000, "²", "²²²²", "２０２０"])
def test_hostile_years_are_reported_not_server_errors(client, catalogue, year):
    response = client.get("/films/", {"year": year})
    assert response.status_code == 200
    assert "应为四位数字，如 2020。" in response.content.decode()


@pytest.mark.parametrize("value", ["a-b", "张" * 10_000])
def test_hostile_honoree_ids_never_reach_the_database(client, catalogue, value):
    response = client.get("/films/", {"honoree": value})
    assert response.status_code == 200
    assert "的公开劳模条目。" in response.content.decode()

"""The search page and the search API: results, tabs, facets, highlights, and input that is never syntax."""

import pytest

from search.engine import embedded_engine

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    "a" * 2000,
    '"',
    "'",
    "*",
    ":",
    "(",
    ")",
    "name:张* OR 1=1; DROP TABLE archive_honoree;--",
    "AND OR NOT",
    "\\",
    "😀👍",
    "%",
    "_",
    "{near}",
    "张^2~",
]


@pytest.fixture(autouse=True)
def index(db):
    embedded_engine().rebuild()


def test_results_page_finds_a_name_and_highlights(client):
    html = client.get("/search/", {"q": "张广义"}).content.decode()
    assert "/dictionary/SRC-0001/" in html
    assert "<mark>张广义</mark>" in html
    assert 'aria-current="page"' in html  # the 劳模 tab


def test_results_page_tabs_show_pages(client):
    html = client.get("/search/", {"q": "劳模精神", "tab": "exhibition"}).content.decode()
    assert "/hall/glory-to-workers/" in html


def test_no_results_page_is_helpful(client):
    response = client.get("/search/", {"q": "完全不存在的词语"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "没有找到" in html and "/dictionary/" in html


def test_facet_links_filter_results(client):
    html = client.get("/search/", {"q": "王月鹏"}).content.decode()
    assert "2020年代" in html and "decade=2020" in html
    filtered = client.get("/search/", {"q": "王月鹏", "decade": "1950"}).content.decode()
    assert "/dictionary/SRC-0002/" not in filtered


@pytest.mark.parametrize("query", NASTY)
def test_any_input_is_a_page(client, query):
    response = client.get("/search/", {"q": query, "page": "x", "tab": "<script>"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>", 1)[1].replace(
        '<script type="application/ld+json">', ""
    )


@pytest.mark.parametrize("query", NASTY)
def test_any_input_to_the_api_is_200_or_400(client, query):
    response = client.get("/api/honorees/search/", {"q": query})
    assert response.status_code in (200, 400), response.content[:300]
    if response.status_code == 200:
        assert {"count", "results", "facets"} <= response.json().keys()
    response = client.get("/api/search/suggest/", {"q": query[:200]})
    assert response.status_code in (200, 400)


def test_search_api_shape_and_ranking(client):
    data = client.get("/api/honorees/search/", {"q": "zhangguangyi"}).json()
    assert data["count"] >= 1
    first = data["results"][0]
    assert first["id"] == "SRC-0001" and first["name"] == "张广义"
    assert first["url"].endswith("/dictionary/SRC-0001/")
    assert {"year": None, "honor": "北京市劳动模范"} in first["honors"]
    assert "highlight" in first


def test_search_api_filters_and_errors(client):
    assert (
        client.get("/api/honorees/search/", {"q": "王月鹏", "honor": "quan-guo-lao-dong-mo-fan"}).json()["count"] == 1
    )
    bad = client.get("/api/honorees/search/", {"q": "王", "decade": "1955"})
    assert bad.status_code == 400
    assert "年代" in bad.json()["errors"]["decade"]
    assert client.get("/api/honorees/search/", {"q": "王", "page": "0"}).status_code == 400


def test_suggest_by_pinyin_prefix(client):
    names = [item["name"] for item in client.get("/api/search/suggest/", {"q": "zhangg"}).json()["results"]]
    assert "张广义" in names
    assert client.get("/api/search/suggest/", {"q": "王月"}).json()["results"][0]["name"] == "王月鹏"


def test_search_is_documented_in_openapi(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/honorees/search/" in paths and "/api/search/suggest/" in paths

"""One rule for NUL characters in URLs, everywhere (laomo/middleware.py): 400 with a Chinese message, before any view."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/search/", "/dictionary/", "/walls/", "/corrections/new/", "/films/", "/en/dictionary/"]
API = ["/api/honorees/", "/api/honorees/search/", "/api/search/suggest/", "/api/walls/"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("query", ["q=a%00b", "page=1%00", "%00=1", "x=%00&q=ok"])
def test_pages_refuse_a_nul_in_any_parameter(client, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert response.content.decode() == "参数中不能含有空字符（%00）。"


@pytest.mark.parametrize("path", API)
def test_the_api_refuses_it_in_its_own_error_format(client, path):
    response = client.get(f"{path}?q=a%00b")
    assert response.status_code == 400
    assert response.json() == {"detail": "参数有误", "errors": {"q": "参数中不能含有空字符（%00）。"}}


@pytest.mark.parametrize("path", ["/dictionary/SRC-0001%00/", "/api/honorees/SRC-0001%00/", "/walls/%00/"])
def test_a_nul_in_the_path_is_refused_too(client, path):
    assert client.get(path).status_code == 400


def test_a_percent_sign_that_is_not_a_nul_is_just_text(client):
    assert client.get("/search/?q=100%25").status_code == 200
    assert client.get("/search/?q=%2500").status_code == 200  # "%00" as typed text, not a NUL

"""Small things every browser asks for: the site icon, and compressed pages."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_self_hosted_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].startswith("/static/laomo/img/favicon") and response["Location"].endswith(".ico")


def test_every_page_names_its_icons(client):
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html and 'rel="apple-touch-icon"' in html


def test_pages_are_gzipped_for_clients_that_accept_it(client):
    plain = client.get("/dictionary/")
    compressed = client.get("/dictionary/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 3


@pytest.mark.parametrize(
    ("content_type", "compressed"), [("image/png", False), ("video/mp4", False), ("text/html; charset=utf-8", True)]
)
def test_only_text_is_gzipped(rf, content_type, compressed):
    from django.http import HttpResponse

    from core.middleware import TextGZipMiddleware

    request = rf.get("/", HTTP_ACCEPT_ENCODING="gzip")
    response = HttpResponse(b"0" * 2000, content_type=content_type)
    result = TextGZipMiddleware(lambda r: response).process_response(request, response)
    assert (result.get("Content-Encoding") == "gzip") is compressed

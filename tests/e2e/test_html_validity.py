"""The HTML the server sends for every kind of page passes the W3C Nu Html Checker (vnu.jar) without errors."""

import pytest

from .checks import html_errors
from .pages import PAGES

pytestmark = pytest.mark.django_db


def test_pages_are_valid_html(desktop, tmp_path):
    files = []
    for name, path in PAGES.items():
        response = desktop.goto(path)
        assert response.status == 200, path
        # The response body as sent, before any script changed the document.
        body = response.body()
        assert body.lstrip().lower().startswith(b"<!doctype html>"), path
        file = tmp_path / f"{name}.html"
        file.write_bytes(body)
        files.append(file)

    errors = html_errors(files)

    report = "\n".join(f"{name}:\n  " + "\n  ".join(messages) for name, messages in errors.items())
    assert not errors, f"the Nu Html Checker found errors:\n{report}"

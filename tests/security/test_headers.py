"""Security headers on public pages: a CSP that never lets inline scripts run, and the browser hardening headers."""

import pytest

from archive.models import Honoree

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def public_urls() -> list[str]:
    entry = Honoree.objects.public().order_by("external_id").first()
    return ["/", entry.get_absolute_url(), "/dictionary/", "/search/?q=劳模"]


def test_public_pages_send_a_csp_without_inline_scripts(client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]


def test_public_pages_send_the_hardening_headers(client):
    for url in public_urls():
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url


def test_public_pages_have_no_inline_script_or_event_handler(client):
    """The CSP would block them in the browser, so a page that has one is broken for visitors."""
    import re

    for url in public_urls():
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/ld+json"' in tag, (url, tag)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), url
        assert "javascript:" not in html.lower(), url


def test_admin_pages_keep_the_csp_and_deny_framing(client, make_user):
    user = make_user("editor-headers", "编辑")
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"

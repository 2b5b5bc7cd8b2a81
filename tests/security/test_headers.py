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


def test_the_signed_in_admin_alone_allows_wagtails_inline_scripts(client, make_user):
    """Wagtail 8 starts its widgets with inline scripts; only the signed-in admin may run them (README, 安全)."""
    login = client.get("/admin/login/")
    assert directives(login)["script-src"] == ["'self'"]
    user = make_user("editor-headers", "编辑")
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in policy["script-src"] and not any("nonce-" in s for s in policy["script-src"])
    assert policy["object-src"] == ["'none'"] and policy["connect-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    for url in public_urls():  # signed in or not, public pages stay strict
        assert directives(client.get(url))["script-src"] == ["'self'"], url


def test_the_admin_never_calls_home(client, make_user):
    """No update check (it fetches releases.wagtail.org) and no gravatar images, even for a superuser."""
    client.force_login(make_user("admin-no-update-check", superuser=True))
    html = client.get("/admin/").content.decode()
    assert "w-upgrade" not in html and "gravatar.com" not in html

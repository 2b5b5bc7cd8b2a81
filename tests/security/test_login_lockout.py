"""Admin login rate limit (django-axes): five wrong passwords for one username from one address lock that pair out."""

from django.conf import settings

import pytest
from axes.models import AccessAttempt

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wagtail_login_goes_through_axes(client, make_user):
    assert settings.AUTHENTICATION_BACKENDS[0].startswith("axes.backends.")
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    make_user("editor-login", "编辑")
    response = attempt(client, "editor-login", "wrong password")
    assert response.status_code == 200  # the login form again, with Wagtail's error
    failures = AccessAttempt.objects.get(username="editor-login")
    assert failures.failures_since_start == 1 and failures.ip_address == "203.0.113.7"


def test_sixth_attempt_is_locked_out_with_a_chinese_page_even_with_the_right_password(client, make_user):
    make_user("editor-lock", "编辑")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "editor-lock", "wrong password").status_code == 200
    fifth = attempt(client, "editor-lock", "wrong password")
    assert fifth.status_code == 429
    response = attempt(client, "editor-lock", "correct horse battery")
    assert response.status_code == 429
    html = response.content.decode()
    assert "登录已暂时锁定" in html and "连续 5 次输入了错误的密码" in html
    assert "_auth_user_id" not in client.session
    # The lockout page is a public page like any other: same CSP, no inline script.
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_lockout_is_per_username_and_address(client, make_user):
    make_user("editor-a", "编辑")
    make_user("editor-b", "编辑")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "editor-a", "wrong password")
    assert attempt(client, "editor-a", "correct horse battery").status_code == 429
    # A colleague at the same office address, and the same user elsewhere, can still sign in.
    response = attempt(client, "editor-b", "correct horse battery")
    assert response.status_code == 302 and client.session["_auth_user_id"]
    client.logout()
    response = attempt(client, "editor-a", "correct horse battery", address="198.51.100.20")
    assert response.status_code == 302


def test_a_right_password_clears_earlier_typos(client, make_user):
    make_user("editor-typo", "编辑")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "editor-typo", "wrong password")
    assert attempt(client, "editor-typo", "correct horse battery").status_code == 302
    client.logout()
    assert not AccessAttempt.objects.filter(username="editor-typo").exists()
    assert attempt(client, "editor-typo", "wrong password").status_code == 200


def test_lockout_counts_the_address_the_proxy_reports(client, make_user, settings):
    settings.LAOMO_CLIENT_IP_HEADER = "X-Real-IP"
    make_user("editor-proxy", "编辑")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN, {"username": "editor-proxy", "password": "nope"}, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="192.0.2.9"
        )
    assert AccessAttempt.objects.get(username="editor-proxy").ip_address == "192.0.2.9"
    other_visitor = client.post(
        LOGIN,
        {"username": "editor-proxy", "password": "correct horse battery"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_REAL_IP="192.0.2.10",
    )
    assert other_visitor.status_code == 302
    client.logout()
    junk = client.post(
        LOGIN, {"username": "editor-proxy", "password": "nope"}, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="<junk>"
    )
    assert junk.status_code == 200  # a header that is no address is ignored, never a server error


def test_ipv6_visitors_are_counted_by_their_network(client, make_user):
    """A phone's IPv6 address changes within its /64; the lockout must not reset with each new address."""
    make_user("editor-v6", "编辑")
    for host in range(1, settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "editor-v6", "wrong password", address=f"2001:db8:1:2::{host}")
    assert attempt(client, "editor-v6", "correct horse battery", address="2001:db8:1:2::99").status_code == 429
    assert attempt(client, "editor-v6", "correct horse battery", address="2001:db8:9:9::1").status_code == 302

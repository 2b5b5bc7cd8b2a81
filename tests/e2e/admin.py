"""Helpers for the admin journeys: signing in as a user of one of the editorial groups."""

import re

from playwright.sync_api import expect

PASSWORD = "correct horse battery"  # tests/conftest.py make_user


def log_in(page, username: str, password: str = PASSWORD):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def sign_in(context, base_url: str, user):
    """Give a browser context the session of `user`, made on the server side: no trip through the login form.

    For tests about what a signed-in user does; the login form itself is what `log_in` goes through."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])
    return context

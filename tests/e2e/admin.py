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


def allow_autosave_refusals(page, console_watch):
    """Let Wagtail's autosave be refused without failing the test, and nothing else.

    Wagtail 8 saves the edit form in the background half a second after each change (WAGTAIL_AUTOSAVE_INTERVAL).
    The server answers such a save with 400 and a JSON error when the form is caught half-filled (a new inline row
    before its honour is chosen: `validation_error`) or when a save or publish clicked in the meantime made it stale
    (`invalid_revision`); the indicator shows it and nothing is lost, but Chromium logs every 400 as a console
    error. Both happen only now and then, depending on timing. Autosaves are the POSTs that ask for JSON; any other
    400 in this page's browser context is still reported.
    """
    console_watch.expect(r"the server responded with a status of 400 \(Bad Request\)")

    def check(response):
        if response.status != 400:
            return
        request = response.request
        if request.method == "POST" and "application/json" in request.headers.get("accept", ""):
            return
        console_watch.problems.append(f"400 Bad Request from {request.method} {response.url}")

    page.context.on("response", check)

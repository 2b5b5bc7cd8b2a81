"""Real-browser tests: the system Chromium driven by Playwright against a live server holding the demo content.

Run with the rest of the suite (`make test`) or alone: `.venv/bin/python -m pytest tests/e2e -q`.
Screenshots go to var/screenshots/<name>-{phone,desktop}.png for people to look at.

Every page of every context opened here is watched: a console error, an uncaught exception or a Content Security
Policy violation fails the test that caused it (`console_watch`; the few allowed messages are in ALLOWED_CONSOLE).
"""

import io
import os
import re
import shutil
from pathlib import Path

from django.core.management import call_command

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 1,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1440, "height": 900}},
}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    reason = None
    if os.environ.get("LAOMO_SKIP_BROWSER"):
        reason = "LAOMO_SKIP_BROWSER is set: the browser suite runs on another CI leg"
    elif CHROMIUM is None:
        reason = "Chromium is not installed (apt-get install chromium); .ci/run installs it"
    if reason:
        for item in items:
            if here in item.path.parents:
                item.add_marker(pytest.mark.skip(reason=reason))


# Console messages that are not faults, each with its reason. Keep this list short: anything else fails the test.
ALLOWED_CONSOLE = [
    # A test that asks for a missing page on purpose gets a 404, and Chromium logs every failed load as an error.
    (re.compile(r"Failed to load resource: the server responded with a status of 404"), "deliberate 404 pages"),
]

# Runs in every document before the page's own scripts (Playwright injects it, so the page's CSP does not apply).
REPORT_POLICY_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


class ConsoleWatch:
    """Collects console errors, page errors and policy violations from every page of the contexts it watches."""

    def __init__(self):
        self.problems: list[str] = []
        self.expected: list[re.Pattern] = []

    def watch(self, context):
        context.add_init_script(REPORT_POLICY_VIOLATIONS)
        context.on("console", lambda message: self._console(message))
        context.on("weberror", lambda error: self.problems.append(f"uncaught error: {error.error}"))

    def expect(self, pattern: str):
        """Allow a console error this test causes on purpose (a regular expression)."""
        self.expected.append(re.compile(pattern))

    def _console(self, message):
        if message.type != "error":
            return
        text = message.text
        if any(pattern.search(text) for pattern, _reason in ALLOWED_CONSOLE):
            return
        if any(pattern.search(text) for pattern in self.expected):
            return
        location = message.location
        self.problems.append(f"{text} ({location.get('url', '')}:{location.get('lineNumber', '')})")


@pytest.fixture
def console_watch():
    """Fails the test, after it ran, on any console error or policy violation in the pages it opened."""
    watch = ConsoleWatch()
    yield watch
    if watch.problems:
        pytest.fail("console errors or policy violations:\n  " + "\n  ".join(dict.fromkeys(watch.problems)))


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module: Playwright's loop then runs only while these tests do."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API keeps an asyncio loop running in the main thread, and Django refuses ORM calls from a
        # thread with a running loop. The calls here are plain synchronous test code, so the guard does not apply.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # The system Chromium, never a downloaded one; no sandbox because CI runs as root.
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield browser
        browser.close()


@pytest.fixture
def english_demo(settings, db):
    """The demo as `make run` makes it: with its English pages (the shared test database leaves them out)."""
    settings.LAOMO_DEMO_ENGLISH = True
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def live(db):
    """The site, served from inside this test's transaction (see server.py)."""
    from .server import shared_connection_server

    with shared_connection_server() as server:
        yield server


@pytest.fixture
def open_context(browser, live, console_watch):
    """Open a browser context (own cookies) at a viewport: `open_context("phone")`. Closed after the test.

    Its pages are watched for console errors and policy violations (console_watch)."""
    contexts = []

    def open_(viewport="desktop", **options):
        context = browser.new_context(base_url=live.url, locale="zh-CN", **VIEWPORTS[viewport], **options)
        context.set_default_timeout(15_000)
        console_watch.watch(context)
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def phone(open_context):
    return open_context("phone").new_page()


@pytest.fixture
def desktop(open_context):
    return open_context("desktop").new_page()


def screenshot(page, name: str, viewport: str) -> Path:
    """Save a full-page screenshot for review: var/screenshots/<name>-<viewport>.png. CI, where nobody looks at
    them, sets LAOMO_E2E_SCREENSHOTS=0 and saves the time."""
    path = SCREENSHOTS / f"{name}-{viewport}.png"
    if os.environ.get("LAOMO_E2E_SCREENSHOTS", "1") == "0":
        return path
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path

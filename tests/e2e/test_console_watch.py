"""The watch that fails browser tests on console errors and policy violations really sees them."""

import pytest

from .conftest import ConsoleWatch

pytestmark = pytest.mark.django_db

INJECT_INLINE_SCRIPT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.inlineRan = true";
  document.body.append(script);
  return window.inlineRan === true;
}"""


def watched_page(browser, live):
    watch = ConsoleWatch()
    context = browser.new_context(base_url=live.url)
    watch.watch(context)
    return watch, context, context.new_page()


def test_an_inline_script_on_a_public_page_is_blocked_and_reported(browser, live):
    watch, context, page = watched_page(browser, live)
    page.goto("/")
    assert page.evaluate(INJECT_INLINE_SCRIPT) is False  # the policy refused it
    page.wait_for_timeout(200)  # the violation event is dispatched asynchronously
    context.close()
    assert any("securitypolicyviolation: script-src" in problem for problem in watch.problems), watch.problems


def test_a_script_error_is_reported_and_an_expected_one_is_not(browser, live):
    watch, context, page = watched_page(browser, live)
    page.goto("/")
    page.evaluate("() => console.error('deliberate failure')")
    page.evaluate("() => setTimeout(() => { throw new Error('uncaught in a timer'); })")
    page.wait_for_timeout(200)
    watch.expect("^deliberate")
    page.evaluate("() => console.error('deliberate and expected')")
    context.close()
    assert any("uncaught in a timer" in problem for problem in watch.problems), watch.problems
    assert not any("expected" in problem for problem in watch.problems), watch.problems

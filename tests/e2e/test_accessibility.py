"""axe-core finds no serious or critical problem on any kind of page, at phone and desktop width and in 长辈模式.

Each page is also saved as a screenshot (var/screenshots/<page>-<viewport>.png) for people to review.
"""

import pytest

from .checks import axe_violations, describe_violations
from .conftest import screenshot
from .pages import PAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def axe_page(open_context):
    def open_(viewport, **options):
        # Under the site's real policy: checks.axe_violations evaluates axe without a script tag.
        return open_context(viewport, **options).new_page()

    return open_


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(axe_page, name, viewport):
    page = axe_page(viewport)
    response = page.goto(PAGES[name])
    assert response.status == 200
    screenshot(page, name, viewport)
    violations = axe_violations(page)
    assert not violations, f"{PAGES[name]} at {viewport} width:\n{describe_violations(violations)}"


@pytest.mark.parametrize("name", [name for name in PAGES if name != "admin-login"])
def test_elder_mode_stays_accessible_and_fits_a_phone(axe_page, live, name):
    """长辈模式 (larger text, wider spacing, bigger targets) must not break the layout or the contrast on a phone."""
    context_page = axe_page("phone")
    context_page.context.add_cookies([{"name": "laomo_elder", "value": "1", "url": live.url}])
    response = context_page.goto(PAGES[name])
    assert response.status == 200
    assert context_page.evaluate("document.documentElement.classList.contains('elder')")
    screenshot(context_page, f"{name}-elder", "phone")
    overflow = context_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{PAGES[name]} scrolls sideways by {overflow}px in 长辈模式 on a 390px phone"
    violations = axe_violations(context_page)
    assert not violations, f"{PAGES[name]} in 长辈模式:\n{describe_violations(violations)}"

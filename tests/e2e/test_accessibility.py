"""axe-core finds no serious or critical problem on any kind of page, at phone and desktop width (长辈模式 and the
other widths: the layout matrix, layout.py).

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


# 长辈模式, and phones at 320, 390 and 768 px in both languages: test_layout_zh.py and test_layout_en.py.

"""The layout matrix (layout.py) on the Chinese site: every public page type at 320, 390 and 768 px, normal and
长辈模式, a test per page type. The English site has its own file, so the two run on different test workers."""

import pytest

from .layout import check_page
from .pages import PAGE_TYPES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_the_page_fits_every_screen_in_both_modes(open_context, live, name):
    problems = check_page(open_context, live, name, PAGE_TYPES[name], "zh")
    assert not problems, "\n".join(problems)

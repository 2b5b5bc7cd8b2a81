"""The layout matrix (layout.py) on the English site, with the demo's English pages as `make run` makes them
(loaded once, so every page type is walked in one test): at 320, 390 and 768 px, normal and 长辈模式."""

import pytest

from .layout import check_page
from .pages import PAGE_TYPES

pytestmark = pytest.mark.django_db


def test_every_english_page_type_fits_every_screen_in_both_modes(english_demo, open_context, live):
    problems = []
    for name, address in PAGE_TYPES.items():
        problems += check_page(open_context, live, name, address, "en")
    assert not problems, "\n".join(problems)

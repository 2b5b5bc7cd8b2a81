"""The layout matrix (layout.py) on the English site: every public page type at 320, 390 and 768 px, normal and
长辈模式. Each language has its own file so that the two halves run on different test workers."""

from .layout import page_test

test_the_page_fits_every_screen_in_both_modes = page_test("en")

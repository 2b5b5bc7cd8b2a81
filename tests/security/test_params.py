"""One parser for numbers and return addresses: bad values are refused, never raised (issue 14, finding 6)."""

import pytest

from core.params import parse_int, same_site_path


@pytest.mark.parametrize(
    "value, expected",
    [("0", 0), ("7", 7), ("0042", 42), ("2020", 2020), ("9" * 18, int("9" * 18))],
)
def test_ascii_digits_are_numbers(value, expected):
    assert parse_int(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None, "", " ", " 2", "2 ", "+2", "-2", "2.0", "1e3", "0x10", "1_000", "NaN",
        "²", "①", "１２", "٣", "१", "2²", "\x002", "2\x00", "9" * 19, "9" * 10_000, ["1"], 3,
    ],
)  # fmt: skip
def test_everything_else_is_none(value):
    assert parse_int(value) is None


def test_bounds_are_inclusive():
    assert parse_int("1", 1, 12) == 1 and parse_int("12", 1, 12) == 12
    assert parse_int("0", 1, 12) is None and parse_int("13", 1, 12) is None


@pytest.mark.parametrize("target", ["/", "/dictionary/SRC-0001/", "/en/search/?q=%E5%BC%A0&page=2", "/词典/#top"])
def test_paths_on_this_site_are_kept(target):
    assert same_site_path(target) == target


@pytest.mark.parametrize(
    "target",
    [
        None, "", "foo", "wagtail_serve", "dictionary/", "//evil.com", "//evil.com/a", "/\\evil.com", "\\\\evil.com",
        "/\t/evil.com", "/\n/evil.com", "/a\x00", "https://evil.com/", "http:/evil.com", "javascript:alert(1)",
        "JaVaScRiPt:alert(1)", "data:text/html,x", " /a", "/" + "a" * 3000, ["/a"],
    ],
)  # fmt: skip
def test_anything_else_gives_the_default(target):
    assert same_site_path(target, default="/home/") == "/home/"

"""Hostile strings and the checks that a page rendered them inert."""

import json
from html.parser import HTMLParser

from django.utils.html import escape

# Each one breaks out of a different context if it is not escaped: element text, a quoted attribute,
# a <script> block, a URL, a JavaScript string, a template engine, a comment and the <title>.
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
    "{{7*7}}{% debug %}",
    "'-alert(1)-'",
    "--><svg onload=alert(1)></title></textarea>",
]
# For fields too short for the others (民族 holds 20 characters).
SHORT = '"><svg onload=1>'
# All of them in one string, for fields rendered in many places at once (page titles, 255 characters).
COMBINED = "".join(PAYLOADS)

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
INERT_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def fit(payload: str, max_length: int | None, prefix: str = "") -> str:
    value = prefix + payload
    if max_length is None or len(value) <= max_length:
        return value
    return (prefix + SHORT)[:max_length]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.json_blocks: list[str] = []
        self._script_type: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(("javascript:", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value!r}> script URL")
            if name == "style" and "expression(" in (value or "").lower():
                self.problems.append(f"<{tag} style> expression")
        if tag == "script":
            found = dict(attrs)
            kind = (found.get("type") or "").lower()
            if "src" not in found and kind not in INERT_SCRIPT_TYPES:
                self.problems.append(f"inline <script {found}>")
            self._script_type = kind

    def handle_data(self, data):
        if self._script_type in INERT_SCRIPT_TYPES:
            self.json_blocks.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_type = None


def assert_inert_html(html: str, where: str, payloads=PAYLOADS) -> list:
    """No payload survived as markup: no event handler, script URL or inline script; JSON-LD parses.

    Returns the parsed JSON(-LD) blocks.
    """
    for payload in [*payloads, SHORT]:
        if "<" in payload or '"' in payload:
            assert payload not in html, f"{where}: raw payload {payload!r}"
    assert "<script>alert" not in html.lower(), where
    collector = _Collector()
    collector.feed(html)
    collector.close()
    assert not collector.problems, f"{where}: {collector.problems}"
    parsed = []
    for block in collector.json_blocks:
        assert "</script" not in block.lower() and "<!--" not in block, where
        parsed.append(json.loads(block))
    return parsed


def shown_escaped(text: str, html: str) -> bool:
    """The text is on the page as text (escaped the way Django escapes)."""
    return escape(text) in html


# --- Query and form parameters ---------------------------------------------------------------------------------------

# Raw (already percent-encoded) values for any parameter, each tripping a different kind of parser: digits that
# str.isdigit() accepts and int() refuses or misreads, numbers too large for a column or for int(), signs, NUL,
# broken UTF-8, very long text, Unicode controls, addresses that leave the site, and script URLs.
PARAMETER_VALUES = {
    "superscript": "%C2%B2",  # ²
    "circled": "%E2%91%A0",  # ①
    "full-width": "%EF%BC%91%EF%BC%92",  # １２
    "big": "9" * 40,
    "huge": "9" * 5_000,  # past Python's 4,300-digit int() limit
    "negative": "-1",
    "zero": "0",
    "nul": "a%00b",
    "long": "a" * 10_000,
    "unicode": "%E5%BC%B5%E5%BB%A3%E7%BE%A9%F0%9F%91%B7%E2%80%8D%E2%99%80%EF%B8%8F%E2%80%AE%E2%80%8B",
    "broken-utf8": "%FF%FE%ED%A0%80",
    "protocol-relative": "%2F%2Fevil.com",
    "backslash": "%2F%5Cevil.com",
    "javascript": "javascript%3Aalert(1)",
    "float": "1e308",
    "padded": "%201%20",
    "sql": "%27%20OR%201%3D1%20--",
    "empty": "",
    "word": "foo",  # redirect() reads a bare word as a URL name (?next=foo was a NoReverseMatch)
}
# Sent to every parameter: the values that broke parsers before (issue 14: ², isdigit() then int(); next=foo).
ALWAYS = ["superscript", "circled", "full-width", "big", "nul", "word"]
# The rest are shared out among the parameters, a few each, so that every value reaches every endpoint.
ROTATING = [name for name in PARAMETER_VALUES if name not in ALWAYS]
PER_PARAMETER_ROTATING = 1


def values_for(index: int) -> list[str]:
    """The value names the ``index``-th parameter of an endpoint gets: ALWAYS, and a rotating sample of the rest."""
    start = (index * PER_PARAMETER_ROTATING) % len(ROTATING)
    sample = [ROTATING[(start + offset) % len(ROTATING)] for offset in range(PER_PARAMETER_ROTATING)]
    return ALWAYS + sample

"""Highlighted snippets: escaped text with <mark> around the query's terms, cut around the first match."""

from django.utils.html import escape

from .text import normalize

SNIPPET_CHARS = 120


def highlight(text: str, terms: list[str], length: int = SNIPPET_CHARS) -> str:
    """Safe HTML. Matching runs on the normalised text (traditional folded, full-width narrowed)."""
    if not text:
        return ""
    folded = normalize(text)
    if len(folded) != len(text):  # normalisation changed lengths: show the folded text instead
        text = folded
    spans = _spans(folded, [t for t in terms if t])
    if not spans:
        snippet = text[:length]
        return escape(snippet) + ("…" if len(text) > length else "")
    first = spans[0][0]
    start = max(0, first - length // 4)
    end = min(len(text), start + length)
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    return ("…" if start > 0 else "") + "".join(pieces) + ("…" if end < len(text) else "")


def _spans(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping match spans, longest terms first, in text order."""
    taken: list[tuple[int, int]] = []
    for term in sorted(set(terms), key=len, reverse=True):
        position = folded.find(term)
        while position != -1:
            span = (position, position + len(term))
            if not any(s < span[1] and span[0] < e for s, e in taken):
                taken.append(span)
            position = folded.find(term, position + len(term))
    return sorted(taken)

"""Filtered lists — the dictionary, search, films, lessons — share one toolkit: the address of the same list with a
filter switched on or off, facet groups with their counts, and chips that remove an active filter.

Every listing hands its template the same shapes: a group is {name, heading, options, hint}, an option is
{value, label, count, current, url}, a chip is {label, remove_url}; includes/facet_group.html and
includes/filter_notices.html draw them. Parameter parsing (numbers, the NUL rule) lives in core/params.py and
core/middleware.py, pagination in includes/pagination.html.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode


@dataclass(frozen=True)
class FilterLinks:
    """The filters in effect on one list, and the addresses of that list with some of them changed.

    Parameters are written in one fixed order (``names``) and empty ones left out, so equal filters share one
    address (and one page-cache entry). ``keep`` goes in front of every link unchanged (the search words)."""

    path: str
    names: tuple[str, ...]
    active: dict = field(default_factory=dict)
    keep: tuple[tuple[str, str], ...] = ()

    def url(self, **changes) -> str:
        query = self.query(**changes)
        return f"{self.path}?{query}" if query else (self.path or "?")

    def query(self, **changes) -> str:
        values = {**self.active, **changes}
        return urlencode([*self.keep, *((name, values[name]) for name in self.names if values.get(name))])

    def is_current(self, name: str, value) -> bool:
        return bool(self.active.get(name)) and str(self.active[name]) == str(value)

    def toggle(self, name: str, value, **changes) -> str:
        """This option switched on, or off when it is the current one (``changes`` apply either way)."""
        return self.url(**{name: None if self.is_current(name, value) else value}, **changes)

    def option(self, name: str, value, label, count: int, **changes) -> dict:
        return {
            "value": value,
            "label": label,
            "count": count,
            "current": self.is_current(name, value),
            "url": self.toggle(name, value, **changes),
        }

    def chips(self, labels: dict) -> list[dict]:
        """The active filters that have a label, as removable chips, in the list's order."""
        return [
            {"label": labels[name], "remove_url": self.url(**{name: None})}
            for name in self.names
            if self.active.get(name) and labels.get(name)
        ]

    @property
    def cleared(self) -> str:
        return self.url(**dict.fromkeys(self.names))


def facet_group(name: str, heading, options: list[dict], hint: str = "") -> dict:
    return {"name": name, "heading": str(heading), "options": options, "hint": hint}

"""What apps add to the frame of every public page, so that base.html names no app.

An app registers a function for the ``laomo_page_parts`` hook (in its wagtail_hooks.py) returning a PageParts:
its stylesheets and scripts (static paths), and templates included, with the page's context, at these places:

- ``meta``: inside <head>, in the ``meta`` block a page may replace with its own tags (share tags);
- ``head``: inside <head>, on every page (a share picture for pages whose own tags had none);
- ``body_start``: first thing in <body> (a picture WeChat picks up when the page is shared);
- ``header_buttons``: in the site header's row on phones, before 菜单 (the 搜索 button);
- ``header_tools``: in the site header, after the navigation (the search box, the 长辈模式 switch); on phones
  inside the 菜单 menu.

Parts are collected once per process, in the order of their ``order`` (lower first); the core's own stylesheet
and scripts come before any app's.
"""

from dataclasses import dataclass, field
from functools import cache

from wagtail import hooks

PLACES = ("meta", "head", "body_start", "header_buttons", "header_tools")


@dataclass(frozen=True)
class PageParts:
    order: int = 100
    stylesheets: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()  # loaded with `defer`
    templates: dict[str, tuple[str, ...]] = field(default_factory=dict)  # place → templates

    def __post_init__(self):
        unknown = set(self.templates) - set(PLACES)
        if unknown:
            raise ValueError(f"unknown page places {sorted(unknown)}: use {PLACES}")


@cache
def _registered() -> tuple[PageParts, ...]:
    return tuple(sorted((fn() for fn in hooks.get_hooks("laomo_page_parts")), key=lambda parts: parts.order))


def stylesheets() -> list[str]:
    return [path for parts in _registered() for path in parts.stylesheets]


def scripts() -> list[str]:
    return [path for parts in _registered() for path in parts.scripts]


def templates(place: str) -> list[str]:
    if place not in PLACES:
        raise ValueError(f"unknown page place {place!r}: use {PLACES}")
    return [name for parts in _registered() for name in parts.templates.get(place, ())]

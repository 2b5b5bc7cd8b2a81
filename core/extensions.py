"""Extension points, so each app adds its own parts to shared pages without editing them.

Apps register functions in their wagtail_hooks.py:

- ``laomo_entry_sections(request, honoree)`` → an EntrySection or None: a section on a dictionary entry
  page (the stories about the honoree, the exhibitions featuring them, films, the name on the wall…), so the
  archive shows them without importing the apps that own them. ``place`` is "top" (under the key facts) or
  "related" (after the biography); sections of a place are shown in ``order``.
- ``laomo_home_blocks(request)`` → a HomeBlock or None: a block on the home page (films, name walls…).
- ``laomo_demo_content(command)`` → seeds the app's demo content; called by ``load_demo``, idempotent.
"""

from dataclasses import dataclass, field

from wagtail import hooks
from wagtail.models import Site


@dataclass
class EntrySection:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    place: str = "related"


@dataclass
class HomeBlock:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def entry_sections(request, honoree) -> dict[str, list[EntrySection]]:
    sections = [s for fn in hooks.get_hooks("laomo_entry_sections") if (s := fn(request, honoree))]
    sections.sort(key=lambda s: s.order)
    return {
        "top": [s for s in sections if s.place == "top"],
        "related": [s for s in sections if s.place != "top"],
    }


def home_blocks(request) -> list[HomeBlock]:
    blocks = [b for fn in hooks.get_hooks("laomo_home_blocks") if (b := fn(request))]
    return sorted(blocks, key=lambda b: b.order)


def load_demo_content(command) -> None:
    for fn in hooks.get_hooks("laomo_demo_content"):
        fn(command)


def site_home():
    """The default site's home page (where apps' demo content goes), or None before there is one."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None

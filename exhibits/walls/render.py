"""Panels as HTML: one stone at a time, as a grid of lines (columns or rows) of names.

The same markup serves both orientations; CSS turns a vertical wall with `writing-mode: vertical-rl`, so
column 1 stands on the right and names read top to bottom. Cells are cached per panel and layout token;
the HTML is built directly (a panel holds hundreds of names, and a template per cell would cost more than
the whole budget of a panel fetch). The only interface words in it, the lines' labels, make the cached HTML
differ per interface language, which is therefore part of the cache key.
"""

import re
from typing import NamedTuple
from urllib.parse import quote

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from archive.cache import data_version

from .arrangement import Orientation, Wall
from .placements import WallPlacement

CACHE_SECONDS = 600


class PanelCell(NamedTuple):
    """A tuple, not a dataclass: hundreds per panel go in and out of the cache on every uncached fetch."""

    column: int
    row: int
    external_id: str
    name: str
    group_label: str
    synthetic: bool


def panel_cells(wall: Wall, token: str, number: int) -> list[PanelCell]:
    """The shown names of one panel, cached until the layout or any record changes."""
    key = f"walls:panel:{wall.pk}:{token}:{data_version()}:{number}"
    cells = cache.get(key)
    if cells is None:
        rows = (
            WallPlacement.objects.filter(
                wall_id=wall.pk,
                panel=number,
                honoree__live=True,
                honoree__withdrawn=False,
                honoree__is_synthetic=wall.include_synthetic,
            )
            .order_by("column", "row")
            .values_list(
                "column", "row", "honoree__external_id", "honoree__name", "group_label", "honoree__is_synthetic"
            )
        )
        cells = [PanelCell._make(row) for row in rows]
        cache.set(key, cells, CACHE_SECONDS)
    return cells


SAFE_ID = re.compile(r"[A-Za-z0-9_.~-]+")


def entry_url_maker():
    """reverse() once, then format: a panel has hundreds of links (ids are nearly always URL-safe already)."""
    prefix, _, suffix = reverse("archive:entry", args=["__id__"]).partition("__id__")

    def url(external_id: str) -> str:
        safe = external_id if SAFE_ID.fullmatch(external_id) else quote(external_id, safe="")
        return f"{prefix}{safe}{suffix}"

    return url


def panel_grid(wall, token: str, number: int, summary: dict, highlight: str = "") -> tuple[SafeString, int]:
    """The panel's HTML and how many names it shows. Without a highlighted name it is the same for everyone,
    so it is cached as it is and an uncached fetch costs one query and one pass over the cells."""
    key = f"walls:grid:{wall.pk}:{token}:{data_version()}:{number}:{get_language()}"
    if not highlight and (cached := cache.get(key)) is not None:
        return mark_safe(cached[0]), cached[1]  # noqa: S308 - rendered (and escaped) by render_panel_grid
    cells = panel_cells(wall, token, number)
    html = render_panel_grid(wall, summary, cells, highlight)
    if not highlight:
        cache.set(key, (str(html), len(cells)), CACHE_SECONDS)
    return html, len(cells)


def line_word(wall: Wall) -> str:
    return gettext("列") if wall.orientation == Orientation.VERTICAL else gettext("行")


def line_label(wall: Wall) -> str:
    """The label of a line of names, with %(line)s for its number: 第 3 列 (vertical) or 第 3 行."""
    if wall.orientation == Orientation.VERTICAL:
        return gettext("第 %(line)s 列")
    return gettext("第 %(line)s 行")


def render_panel_grid(wall: Wall, summary: dict, cells: list[PanelCell], highlight: str = "") -> SafeString:
    """The stone: its groups (a label, then their lines), each line a list of names in wall order."""
    vertical = wall.orientation == Orientation.VERTICAL
    capacity = wall.rows_per_column if vertical else wall.columns_per_panel
    by_line: dict[int, dict[int, PanelCell]] = {}
    for cell in cells:
        line, position = (cell.column, cell.row) if vertical else (cell.row, cell.column)
        by_line.setdefault(line, {})[position] = cell
    url = entry_url_maker()
    line_name = escape(line_label(wall))  # escaped once; only a number goes into it
    highlighted_once = False
    out = ['<div class="wall-stone">']
    for label, first_line, last_line in summary["groups"]:
        out.append(f'<div class="wall-group"><p class="wall-group-label">{escape(label)}</p><ol class="wall-lines">')
        for line in range(first_line, last_line + 1):
            names = by_line.get(line, {})
            out.append(f'<li class="wall-line"><ol class="wall-names" aria-label="{line_name % {"line": line}}">')
            last = max(names, default=0)
            for position in range(1, min(last, capacity) + 1):
                cell = names.get(position)
                if cell is None:  # a withdrawn record keeps its place on a frozen wall but is never shown
                    out.append('<li class="wall-blank" aria-hidden="true"></li>')
                    continue
                name = escape(cell.name)
                if highlight and cell.external_id == highlight:
                    anchor = "" if highlighted_once else ' id="highlighted"'
                    highlighted_once = True
                    out.append(
                        f'<li class="is-highlighted"><a{anchor} href="{url(cell.external_id)}" aria-current="true">'
                        f"<mark>{name}</mark></a></li>"
                    )
                else:
                    out.append(f'<li><a href="{url(cell.external_id)}">{name}</a></li>')
            out.append("</ol></li>")
        out.append("</ol></div>")
    out.append("</div>")
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped

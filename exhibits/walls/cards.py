"""Pictures on the printable card (寻名卡): a QR code back to the entry and a map of the panel, both inline SVG."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.qr import qr_svg

from .arrangement import Orientation, Wall

CELL = 10  # SVG units per cell of the panel map


def qr_code_svg(url: str, label: str) -> SafeString:
    """A QR code as inline SVG (no image request, prints sharply): the site's one drawer, with the standard
    four-module quiet zone (core/qr.py)."""
    return mark_safe(qr_svg(url, label))  # noqa: S308 - drawn from a URL; qr_svg escapes the label


def panel_map_svg(wall: Wall, summary: dict, placement) -> SafeString:
    """The panel as a grid with the name's cell marked; column 1 on the right of a vertical wall."""
    vertical = wall.orientation == Orientation.VERTICAL
    lines = summary["lines"]
    capacity = wall.rows_per_column if vertical else wall.columns_per_panel
    columns, rows = (lines, capacity) if vertical else (capacity, lines)
    width, height = columns * CELL, rows * CELL
    x_index = columns - placement.column if vertical else placement.column - 1
    x, y = x_index * CELL, (placement.row - 1) * CELL
    grid = [f"M{i * CELL} 0V{height}" for i in range(1, columns)]
    grid += [f"M0 {i * CELL}H{width}" for i in range(1, rows)]
    first_column_x = width - CELL / 2 if vertical else CELL / 2
    label = gettext("第 %(panel)s 块的示意图：共 %(columns)s 列 %(rows)s 行，标出的是第 %(column)s 列第 %(row)s 行") % {
        "panel": placement.panel,
        "columns": columns,
        "rows": rows,
        "column": placement.column,
        "row": placement.row,
    }
    text = 'font-size="8" fill="#1f1f1f"'
    parts = [
        f'<svg class="panel-map" role="img" aria-label="{escape(label)}" viewBox="-16 -14 {width + 18} {height + 16}"'
        f' xmlns="http://www.w3.org/2000/svg">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f4efe4" stroke="#595959" stroke-width="1"/>',
        f'<path d="{" ".join(grid)}" stroke="#c9c1b0" stroke-width="0.5" fill="none"/>',
        f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="#9e1b1f"/>',
        # Numbers to count by: column 1 and the marked column on top, the marked row on the left.
        f'<text x="{first_column_x}" y="-4" text-anchor="middle" {text}>1</text>',
        f'<text x="{x + CELL / 2}" y="-4" text-anchor="middle" {text}>{placement.column}</text>'
        if placement.column != 1
        else "",
        f'<text x="-3" y="{y + CELL - 2}" text-anchor="end" {text}>{placement.row}</text>',
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - numbers and an escaped label only

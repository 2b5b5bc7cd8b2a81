"""What the rest of the site may ask the name walls: is this page a wall, and where does a name stand on it.

The walls' public API. Other apps import this module, never the walls' views, layout or tables, so the room
can be rearranged behind it.
"""

from dataclasses import dataclass

from wagtail.models import Page

from archive.models import Honoree

from .layout import place_label
from .models import NameWallPage
from .pages import spot_url
from .placements import WallPlacement


@dataclass(frozen=True)
class NamePlace:
    """One place of a name on a wall."""

    panel: int
    label: str  # 第 3 块 · 第 12 列 · 第 5 行, in the interface language
    path: str  # the wall page at this panel with the name highlighted


def is_name_wall(page: Page) -> bool:
    return isinstance(page, NameWallPage)


def name_place(wall: NameWallPage, honoree: Honoree, panel: int | None = None) -> NamePlace | None:
    """Where the honoree stands on the wall: on `panel` if the name is there (a name may stand on a wall more
    than once), else its first place; None when the name is not on this wall."""
    placements = list(WallPlacement.objects.filter(wall=wall, honoree=honoree).order_by("sequence"))
    if not placements:
        return None
    chosen = next((p for p in placements if p.panel == panel), placements[0])
    return NamePlace(
        panel=chosen.panel,
        label=place_label(chosen.panel, chosen.column, chosen.row),
        path=spot_url(wall.url or "", chosen.panel, honoree.external_id),
    )

"""How a wall is arranged: the choices an editor makes on its page, and what the walls' code reads from a wall.

The bottom of the walls' room: it imports nothing of it. The layout, the locator and pages.py read a wall
through the two protocols below, so they never import the page model (exhibits.walls.models), which calls them.
"""

from typing import Any, Protocol

from django.db import models


class Orientation(models.TextChoices):
    VERTICAL = "vertical", "竖排（从右向左，第 1 列在最右）"
    HORIZONTAL = "horizontal", "横排（从左向右，第 1 行在最上）"


class Convention(models.TextChoices):
    SURNAME = "surname", "姓氏笔画：单名按空一格计（田富在田大利之前）"
    FULL_NAME = "full_name", "姓名笔画：逐字比较，不加空格（田大利在田富之前）"


class Grouping(models.TextChoices):
    YEAR = "year", "一年一块：每个表彰年份另起一块，同年的各项荣誉依次排列"
    HONOUR_YEAR = "honour_year", "每项荣誉的每个年份另起一块"
    CONTINUOUS = "continuous", "连续排列：荣誉或年份变化时只另起一列（行）"


class Repeats(models.TextChoices):
    FIRST = "first", "每人只刻一次（刻在首次获得本墙荣誉的年份）"
    EACH = "each", "每次表彰各刻一次"


class Wall(Protocol):
    """What the panel, card and locate views read: the page (NameWallPage) or its cached snapshot (WallInfo)."""

    pk: int
    slug: str
    title: str
    include_synthetic: bool
    orientation: str
    columns_per_panel: int
    rows_per_column: int
    entrances: Any  # the page's related manager, or the snapshot's tuple of entrances

    def get_url(self, request=None) -> str | None: ...


class WallPage(Wall, Protocol):
    """What laying a wall out reads besides: only the page itself has it."""

    convention: str
    grouping: str
    repeats: str
    frozen: bool
    honours: Any  # the page's honours in wall order (WallHonour)

    @property
    def honour_ids(self) -> list[int]: ...

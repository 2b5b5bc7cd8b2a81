"""A wall's layout: which names, in what order, on which panel (stone), column and row.

Names are grouped by honour and year of award and ordered inside a group the way official Chinese name lists
are (按姓氏笔画, archive.names.stroke_sort_key, in the wall's convention). A group starts a new column (a new
row on a horizontal wall); the wall's grouping decides when it also starts a new panel.

An unfrozen wall is recomputed from the dictionary as a whole. A frozen wall (carved in stone) never moves a
placement: records that become eligible later are appended to addendum panels after the last panel, and
withdrawn records keep their placement but are never shown (the views filter on Honoree.objects.public()).
"""

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.models import Page

from archive.cache import bump_data_version
from archive.models import Award, Kind
from archive.names import stroke_sort_key

from .arrangement import Convention, Grouping, Orientation, Repeats, Wall, WallPage
from .placements import WallLayoutState, WallPlacement

logger = logging.getLogger(__name__)

# How often (per process) a wall checks that its layout still matches the dictionary, for bulk writes that
# send no signals (raw SQL, queryset.update). Saves, deletes and imports recompute at once (walls.signals).
CHECK_SECONDS = 60
MISSING_NAMES_SHOWN = 20
WRITE_BATCH = 2000
PLACEMENT_FIELDS = (
    "wall",
    "honoree",
    "honour",
    "year",
    "sequence",
    "panel",
    "column",
    "row",
    "group_label",
    "sort_key",
    "is_addendum",
)


@dataclass
class Entry:
    """One name to place: an honoree for one of the wall's honours in one year."""

    honoree_id: int
    honour_id: int
    year: int | None
    sort_key: str
    group_label: str
    order: tuple

    @property
    def key(self) -> tuple:
        return (self.honoree_id, self.honour_id, self.year)


@dataclass
class Cell:
    entry_key: tuple
    panel: int
    column: int
    row: int
    group_label: str
    sort_key: str
    is_addendum: bool
    sequence: int


@dataclass
class Eligible:
    entries: list[Entry]
    fingerprint: str
    missing: list[dict] = field(default_factory=list)


@dataclass
class LayoutReport:
    mode: str  # "full", "addendum" or "unchanged"
    names: int
    panels: int
    placed: int = 0  # placements written
    added: int = 0  # new names (addendum)
    seconds: float = 0.0
    summaries: list[dict] = field(default_factory=list)

    def __str__(self) -> str:
        if self.mode == "unchanged":
            return f"排列未变：{self.names} 个名字，{self.panels} 块"
        if self.mode == "addendum":
            return f"已固定：新增 {self.added} 个名字排在补刻块；共 {self.names} 个名字，{self.panels} 块"
        return f"已重新排列：{self.names} 个名字，{self.panels} 块（{self.seconds:.2f} 秒）"


def group_label(year: int | None, honour_name: str) -> str:
    return f"{year}年 {honour_name}" if year else f"年份待考 {honour_name}"


def panel_label(group_labels: list[str]) -> str:
    """A panel's name in the navigation: its year and honours ('1989年 北京市劳动模范、北京市先进工作者')."""
    labels = list(dict.fromkeys(group_labels))
    years = list(dict.fromkeys(label.split(" ", 1)[0] for label in labels))
    if len(years) > 1:
        return f"{labels[0]} 至 {labels[-1]}"
    honours = [label.split(" ", 1)[1] for label in labels]
    shown = "、".join(honours) if len(honours) <= 2 else f"{honours[0]} 等 {len(honours)} 项荣誉"
    return f"{years[0]} {shown}"


def place_label(panel: int, column: int, row: int) -> str:
    return gettext("第 %(panel)s 块 · 第 %(column)s 列 · 第 %(row)s 行") % {
        "panel": panel,
        "column": column,
        "row": row,
    }


def settings_signature(wall: WallPage) -> str:
    """Everything on the page that shapes the layout; part of the fingerprint, so a change is noticed."""
    honours = ",".join(str(pk) for pk in wall.honour_ids)
    return (
        f"{honours}|{wall.convention}|{wall.grouping}|{wall.repeats}|{wall.orientation}|"
        f"{wall.columns_per_panel}x{wall.rows_per_column}|{int(wall.include_synthetic)}|{int(wall.frozen)}"
    )


def _eligible_awards(wall: WallPage):
    return Award.objects.filter(
        honour_id__in=wall.honour_ids,
        honoree__live=True,
        honoree__withdrawn=False,
        honoree__is_synthetic=wall.include_synthetic,
    )


def _fingerprint(wall: WallPage, count: int, last_pk, last_update) -> str:
    stamp = last_update.isoformat() if last_update else "-"
    return f"{count}:{last_pk or 0}:{stamp}:{settings_signature(wall)}"[:120]


def current_fingerprint(wall: WallPage) -> str:
    figures = _eligible_awards(wall).aggregate(count=Count("pk"), last_pk=Max("pk"), last=Max("honoree__updated_at"))
    return _fingerprint(wall, figures["count"], figures["last_pk"], figures["last"])


def eligible_entries(wall: WallPage, honoree_ids: Iterable[int] | None = None) -> Eligible:
    """The names the wall carries now, in wall order: one query, sort keys computed in the wall's convention."""
    links = list(wall.honours.select_related("honour"))
    honour_order = {link.honour_id: position for position, link in enumerate(links)}
    honour_names = {link.honour_id: link.honour.name for link in links}
    blank_single_given = wall.convention == Convention.SURNAME
    by_year = wall.grouping == Grouping.YEAR
    awards = _eligible_awards(wall)
    if honoree_ids is not None:
        awards = awards.filter(honoree_id__in=list(honoree_ids))
    rows = awards.values_list(
        "pk",
        "honoree_id",
        "honour_id",
        "year",
        "honoree__name",
        "honoree__kind",
        "honoree__external_id",
        "honoree__missing_strokes",
        "honoree__updated_at",
    )
    keys: dict[int, str] = {}
    entries: list[Entry] = []
    missing: dict[str, dict[int, tuple[str, str]]] = {}
    count, last_pk, last_update = 0, 0, None
    for pk, honoree_id, honour_id, year, name, kind, external_id, missing_chars, updated_at in rows:
        count += 1
        last_pk = max(last_pk, pk)
        last_update = updated_at if last_update is None or updated_at > last_update else last_update
        sort_key = keys.get(honoree_id)
        if sort_key is None:
            sort_key = keys[honoree_id] = stroke_sort_key(name, kind == Kind.PERSON, blank_single_given)
            for char in missing_chars:
                missing.setdefault(char, {})[honoree_id] = (external_id, name)
        undated = year is None
        rank = honour_order[honour_id]
        order = (undated, year or 0, rank) if by_year else (rank, undated, year or 0)
        entries.append(
            Entry(
                honoree_id=honoree_id,
                honour_id=honour_id,
                year=year,
                sort_key=sort_key,
                group_label=group_label(year, honour_names[honour_id]),
                order=(*order, sort_key, external_id),
            )
        )
    if wall.repeats == Repeats.FIRST:
        entries = _first_award_only(entries, honour_order)
    entries.sort(key=lambda entry: entry.order)
    report = [
        {
            "char": char,
            "code": f"U+{ord(char):04X}",
            "count": len(names),
            "names": sorted(names.values())[:MISSING_NAMES_SHOWN],
        }
        for char, names in sorted(missing.items())
    ]
    return Eligible(entries=entries, fingerprint=_fingerprint(wall, count, last_pk, last_update), missing=report)


def _first_award_only(entries: list[Entry], honour_order: dict[int, int]) -> list[Entry]:
    first: dict[int, Entry] = {}
    for entry in entries:
        rank = (entry.year is None, entry.year or 0, honour_order[entry.honour_id])
        kept = first.get(entry.honoree_id)
        if kept is None or rank < (kept.year is None, kept.year or 0, honour_order[kept.honour_id]):
            first[entry.honoree_id] = entry
    return list(first.values())


@dataclass
class Cursor:
    """The last cell written: the next name goes after it."""

    panel: int
    line: int
    position: int
    group: str | None


def assign_cells(
    wall: WallPage,
    entries: list[Entry],
    cursor: Cursor | None = None,
    addendum: bool = False,
    first_sequence: int = 1,
) -> list[Cell]:
    """Pour the names into panels. A line is a column on a vertical wall and a row on a horizontal one."""
    vertical = wall.orientation == Orientation.VERTICAL
    line_capacity = wall.rows_per_column if vertical else wall.columns_per_panel
    lines_per_panel = wall.columns_per_panel if vertical else wall.rows_per_column
    grouping = Grouping.CONTINUOUS if addendum else wall.grouping

    def panel_key(entry: Entry):
        if grouping == Grouping.YEAR:
            return entry.year
        if grouping == Grouping.HONOUR_YEAR:
            return entry.group_label
        return None

    cells: list[Cell] = []
    panel, line, position, group = (
        (cursor.panel, cursor.line, cursor.position, cursor.group) if cursor else (0, 0, 0, None)
    )
    previous_panel_key = object()
    for sequence, entry in enumerate(entries, start=first_sequence):
        key = panel_key(entry)
        if panel == 0 or (grouping != Grouping.CONTINUOUS and key != previous_panel_key and cells):
            panel, line, position = panel + 1, 1, 1
        elif entry.group_label != group or position >= line_capacity:
            if line >= lines_per_panel:
                panel, line = panel + 1, 1
            else:
                line += 1
            position = 1
        else:
            position += 1
        previous_panel_key, group = key, entry.group_label
        column, row = (line, position) if vertical else (position, line)
        cells.append(
            Cell(
                entry_key=entry.key,
                panel=panel,
                column=column,
                row=row,
                group_label=entry.group_label,
                sort_key=entry.sort_key,
                is_addendum=addendum,
                sequence=sequence,
            )
        )
    return cells


def panel_summaries(wall: WallPage, cells: Iterable[tuple]) -> list[dict]:
    """Per panel: its number, its group labels with the lines they take, and how many names it holds.

    `cells` are (panel, column, row, group_label, is_addendum) in wall order.
    """
    vertical = wall.orientation == Orientation.VERTICAL
    panels: dict[int, dict] = {}
    for panel, column, row, label, is_addendum in cells:
        line = column if vertical else row
        summary = panels.setdefault(panel, {"number": panel, "addendum": is_addendum, "names": 0, "groups": []})
        summary["names"] += 1
        groups = summary["groups"]
        if groups and groups[-1][0] == label:
            groups[-1][2] = max(groups[-1][2], line)
        else:
            groups.append([label, line, line])
    for summary in panels.values():
        summary["lines"] = max(group[2] for group in summary["groups"])
        summary["label"] = panel_label([group[0] for group in summary["groups"]])
    return [panels[number] for number in sorted(panels)]


def _lock_state(wall: WallPage) -> WallLayoutState:
    """One layout computation per wall at a time (two processes could otherwise both rewrite it)."""
    WallLayoutState.objects.get_or_create(wall_id=wall.pk)  # by id: no stale state cached on the page object
    return WallLayoutState.objects.select_for_update().get(wall_id=wall.pk)


def compute_layout(wall: WallPage) -> LayoutReport:
    """Bring the wall's placements up to date with the dictionary (see the module docstring)."""
    started = time.perf_counter()
    with transaction.atomic():
        state = _lock_state(wall)
        eligible = eligible_entries(wall)
        pinned = wall.frozen and state.frozen_at is not None
        if pinned:
            report = _append_addendum(wall, eligible)
        else:
            report = _replace_all(wall, eligible)
        if report.mode != "unchanged":
            state.version += 1
            # Whole cached pages are keyed on the archive's data version (core.pagecache): retire them.
            transaction.on_commit(bump_data_version)
        if wall.frozen and state.frozen_at is None:
            state.frozen_at = timezone.now()
        elif not wall.frozen:
            state.frozen_at = None
        state.computed_at = timezone.now()
        state.names = report.names
        state.panels = report.summaries
        state.missing = eligible.missing
        state.fingerprint = eligible.fingerprint
        state.save()
    report.seconds = time.perf_counter() - started
    cache.set(_checked_key(wall, state.version), True, CHECK_SECONDS)
    logger.info("Wall %s (%s): %s", wall.slug, wall.pk, report)
    return report


def _existing(wall: WallPage) -> list[tuple]:
    return list(
        WallPlacement.objects.filter(wall=wall)
        .order_by("sequence")
        .values_list(
            "honoree_id", "honour_id", "year", "panel", "column", "row", "group_label", "sort_key", "is_addendum"
        )
    )


def _replace_all(wall: WallPage, eligible: Eligible) -> LayoutReport:
    cells = assign_cells(wall, eligible.entries)
    wanted = [
        (*cell.entry_key, cell.panel, cell.column, cell.row, cell.group_label, cell.sort_key, cell.is_addendum)
        for cell in cells
    ]
    summaries = panel_summaries(wall, ((c.panel, c.column, c.row, c.group_label, c.is_addendum) for c in cells))
    if wanted == _existing(wall):
        return LayoutReport(mode="unchanged", names=len(cells), panels=len(summaries), summaries=summaries)
    WallPlacement.objects.filter(wall=wall).delete()
    _write(wall, cells)
    return LayoutReport(mode="full", names=len(cells), panels=len(summaries), placed=len(cells), summaries=summaries)


def _append_addendum(wall: WallPage, eligible: Eligible) -> LayoutReport:
    existing = _existing(wall)
    placed = {row[:3] for row in existing}
    placed_honorees = {row[0] for row in existing}
    if wall.repeats == Repeats.FIRST:
        new = [entry for entry in eligible.entries if entry.honoree_id not in placed_honorees]
    else:
        new = [entry for entry in eligible.entries if entry.key not in placed]
    cells = []
    if new:
        vertical = wall.orientation == Orientation.VERTICAL
        addendum = [row for row in existing if row[8]]
        if addendum:
            last = addendum[-1]
            cursor = Cursor(
                panel=last[3],
                line=last[4] if vertical else last[5],
                position=last[5] if vertical else last[4],
                group=last[6],
            )
        else:
            last_panel = max((row[3] for row in existing), default=0)
            lines_per_panel = wall.columns_per_panel if vertical else wall.rows_per_column
            cursor = Cursor(panel=last_panel, line=lines_per_panel, position=0, group=None)
        cells = assign_cells(wall, new, cursor=cursor, addendum=True, first_sequence=len(existing) + 1)
        _write(wall, cells)
    everything = [(row[3], row[4], row[5], row[6], row[8]) for row in existing]
    everything += [(c.panel, c.column, c.row, c.group_label, c.is_addendum) for c in cells]
    summaries = panel_summaries(wall, everything)
    return LayoutReport(
        mode="addendum" if cells else "unchanged",
        names=len(everything),
        panels=len(summaries),
        placed=len(cells),
        added=len(cells),
        summaries=summaries,
    )


def _write(wall: WallPage, cells: list[Cell]) -> None:
    """Insert placements with one executemany: bulk_create spends most of its time building model instances and
    splitting into 90-row statements (SQLite's parameter limit), about ten times slower for 13,058 names."""
    if not cells:
        return
    meta = WallPlacement._meta
    columns = [meta.get_field(name).column for name in PLACEMENT_FIELDS]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    rows = [
        (
            wall.pk,
            *cell.entry_key,
            cell.sequence,
            cell.panel,
            cell.column,
            cell.row,
            cell.group_label,
            cell.sort_key,
            cell.is_addendum,
        )
        for cell in cells
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), WRITE_BATCH):
            cursor.executemany(sql, rows[start : start + WRITE_BATCH])


def bump_version(wall_ids: Iterable[int]) -> None:
    """Something shown on these walls changed (a name, an employer, a withdrawal): drop their caches."""
    WallLayoutState.objects.filter(wall_id__in=list(wall_ids)).update(version=F("version") + 1)


def state_token(state: WallLayoutState) -> str:
    """Changes whenever what the wall shows may have changed: keys its caches and the locator's index."""
    stamp = state.computed_at.timestamp() if state.computed_at else 0
    return f"{state.version}.{stamp:.6f}"


def _checked_key(wall: Wall, version: int) -> str:
    return f"walls:checked:{wall.pk}:{version}"


def ensure_current(wall: Wall) -> WallLayoutState:
    """The wall's layout state, recomputed first if it was never computed or the dictionary moved on unseen.

    `wall` is the page or a lookup.WallInfo snapshot; the page is loaded only when there is something to check
    (through the state's foreign key, which knows the page model without this module importing it).
    """
    state = WallLayoutState.objects.filter(wall_id=wall.pk).first()
    if state is not None and cache.get(_checked_key(wall, state.version)):
        return state
    page = wall if isinstance(wall, Page) else (state or WallLayoutState(wall_id=wall.pk)).wall
    if state is None or state.computed_at is None or state.fingerprint != current_fingerprint(page):
        compute_layout(page)
        return WallLayoutState.objects.get(wall_id=wall.pk)
    cache.set(_checked_key(wall, state.version), True, CHECK_SECONDS)
    return state

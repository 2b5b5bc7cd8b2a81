"""What the wall pages show: the wall page (a panel at a time, the finder) and the walls' index page.

The page models (exhibits.walls.models) call this module from get_context and serve; it reads the walls
through exhibits.walls.arrangement and the stored layout, never through the page model, so the imports point
one way. The panel fragment and the printable card (views.py), the API (api.py) and the entry section
(hooks.py) build on the same pieces.

Everything works without JavaScript: panels are ordinary pages (?panel=N), a highlighted name is marked on
the server and reached with the #highlighted fragment, the finder is a GET form. walls.js only fetches
panels in place, centres the highlighted name and zooms.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from core.i18n import current_language, translate_path
from core.visitor_cache import mark_for_visitors

from .arrangement import Orientation, Wall, WallPage
from .layout import ensure_current, place_label, state_token
from .locate import MAX_MATCHES, SELF_EVIDENT_TIERS, LocateResult, locate
from .placements import WallLayoutState, WallPlacement
from .render import entry_url_maker, line_word, panel_cells, panel_grid

MAX_QUERY_LENGTH = 200
INDEX_MATCHES_PER_WALL = 20


def cache_for_visitors(page, request, response, restricted: bool | None = None):
    """The site's visitor cache rule (core/visitor_cache.py) for a wall page, restricted when the page is."""
    if restricted is None:
        restricted = page.get_view_restrictions().exists()
    return mark_for_visitors(request, response, restricted=restricted)


def int_param(request, name: str) -> int | None:
    value = request.GET.get(name, "").strip()
    # isdigit() alone accepts '²' and '①', which int() refuses.
    return int(value) if value.isascii() and value.isdigit() and len(value) < 6 else None


def text_param(request, name: str, limit: int) -> str:
    return request.GET.get(name, "").strip()[:limit]


def wall_page_url(wall: Wall, request=None) -> str:
    """The wall page at the address of the visitor's language (/en/walls/… on the English site)."""
    return translate_path(wall.get_url(request) or "", current_language())


def spot_url(wall_url: str, panel: int, external_id: str) -> str:
    """The wall page at a panel with a name highlighted (and scrolled to, even without JavaScript)."""
    return f"{wall_url}?{urlencode({'panel': panel, 'highlight': external_id})}#highlighted"


def card_url(wall: Wall, external_id: str) -> str:
    return reverse("walls:card", args=[wall.slug, external_id])


def fragment_base(wall: Wall) -> str:
    """/walls/<slug>/panel/ — walls.js appends the panel number."""
    return reverse("walls:panel", args=[wall.slug, 1]).removesuffix("1/")


@dataclass
class FoundName:
    """A locator match as the templates and the API show it."""

    external_id: str
    name: str
    panel: int
    column: int
    row: int
    honour: str
    year: int | None
    employer: str
    group_label: str
    synthetic: bool
    match: str
    tier: int
    spot_url: str
    entry_url: str
    card_url: str

    @property
    def place(self) -> str:
        return place_label(self.panel, self.column, self.row)

    @property
    def explains_match(self) -> bool:
        """Whether the results say why this name matched (a homophone, pinyin…), not just the characters."""
        return self.tier not in SELF_EVIDENT_TIERS


def found_names(wall: Wall, result: LocateResult, request=None) -> list[FoundName]:
    entry_url = entry_url_maker()
    wall_url = wall_page_url(wall, request)
    card_base = card_url(wall, "__id__")
    return [
        FoundName(
            external_id=p.external_id,
            name=p.name,
            panel=p.panel,
            column=p.column,
            row=p.row,
            honour=p.honour,
            year=p.year,
            employer=p.employer,
            group_label=p.group_label,
            synthetic=p.synthetic,
            match=match.label,
            tier=match.tier,
            spot_url=spot_url(wall_url, p.panel, p.external_id),
            entry_url=entry_url(p.external_id),
            card_url=card_base.replace("__id__", quote(p.external_id, safe="")),
        )
        for match in result.matches
        for p in [match.placed]
    ]


def find_on_wall(wall: Wall, query: str, request=None, limit: int = MAX_MATCHES):
    state = ensure_current(wall)
    result = locate(wall, query, state_token(state), limit=limit)
    return result, found_names(wall, result, request)


def _highlighted_placement(wall: Wall, external_id: str, panel: int | None):
    placements = list(
        WallPlacement.objects.filter(
            wall_id=wall.pk,
            honoree__external_id=external_id,
            honoree__live=True,
            honoree__withdrawn=False,
            honoree__is_synthetic=wall.include_synthetic,
        )
        .order_by("sequence")
        .values_list("panel", "column", "row")
    )
    for placement in placements:
        if placement[0] == panel:
            return placement
    return placements[0] if placements else None


def viewer_context(
    wall: Wall, request, state, number: int, highlight: str = "", view: str = "", entrances=None
) -> dict:
    panels = state.panels
    summary = panels[number - 1]
    token = state_token(state)
    list_view = view == "list"
    word = line_word(wall)
    rows, grid = [], ""
    if list_view:
        cells = panel_cells(wall, token, number)
        shown = len(cells)
        entry_url = entry_url_maker()
        rows = [
            {
                "name": cell.name,
                "url": entry_url(cell.external_id),
                "column": cell.column,
                "row": cell.row,
                "group": cell.group_label,
                "highlighted": cell.external_id == highlight,
                "synthetic": cell.synthetic,
            }
            for cell in cells
        ]
        if wall.orientation == Orientation.HORIZONTAL:
            rows.sort(key=lambda r: (r["row"], r["column"]))
    else:
        grid, shown = panel_grid(wall, token, number, summary, highlight)
    return {
        "wall": wall,
        "panels": panels,
        "panel": summary,
        "number": number,
        "previous_number": number - 1 if number > 1 else None,
        "next_number": number + 1 if number < len(panels) else None,
        "grid": grid,
        "list_rows": rows,
        "list_view": list_view,
        "highlight": highlight,
        "shown_names": shown,
        "line_word": word,
        "vertical": wall.orientation == Orientation.VERTICAL,
        "wall_url": wall_page_url(wall, request),
        "fragment_base": fragment_base(wall),
        "entrance": nearest_entrance(wall.entrances if entrances is None else entrances, number),
    }


def nearest_entrance(entrances: list, panel: int):
    return next((e for e in entrances if e.serves(panel)), None) or next(
        (e for e in entrances if e.first_panel is None), None
    )


def wall_context(wall: WallPage, request) -> dict:
    if getattr(request, "is_preview", False):
        # A preview shows a draft's text over the published layout; it must never lay the wall out itself.
        state = WallLayoutState.objects.filter(wall_id=wall.pk).first() or WallLayoutState(wall_id=wall.pk)
    else:
        state = ensure_current(wall)
    notices = []
    number = int_param(request, "panel") or 1
    highlight = text_param(request, "highlight", 40)
    view = "list" if request.GET.get("view") == "list" else ""
    if highlight:
        placement = _highlighted_placement(wall, highlight, number)
        if placement:
            number = placement[0]
        else:
            notices.append(_("这面墙上没有找到要标出的名字：它可能已不再公开展示，或刻在另一面墙上。"))
            highlight = ""
    if state.panels and not 1 <= number <= len(state.panels):
        notices.append(
            _("这面墙共有 %(panels)s 块，没有第 %(number)s 块；下面显示第 1 块。")
            % {"panels": len(state.panels), "number": number}
        )
        number = 1
    query = text_param(request, "q", MAX_QUERY_LENGTH)
    result, found = (None, [])
    if query:
        result, found = find_on_wall(wall, query, request)
    entrances = list(wall.entrances.all())
    context = {
        "state": state,
        "notices": notices,
        "query": query,
        "result": result,
        "found": found,
        "same_names": result.same_names if result else set(),
        "entrances": entrances,
        "honour_names": [link.honour.name for link in wall.honours.select_related("honour")],
    }
    if state.panels:
        context.update(viewer_context(wall, request, state, number, highlight, view, entrances))
    return context


def index_context(index, request) -> dict:
    """The walls' index page: every wall with its layout, and a name looked for on all of them."""
    walls = list(index.walls())
    states = {}
    for wall in walls:
        states[wall.pk] = ensure_current(wall)
    query = text_param(request, "q", MAX_QUERY_LENGTH)
    results = []
    if query:
        for wall in walls:
            result, found = find_on_wall(wall, query, request, limit=INDEX_MATCHES_PER_WALL)
            if result.count:
                results.append({"wall": wall, "result": result, "found": found, "same_names": result.same_names})
    return {
        "walls": [{"wall": wall, "state": states[wall.pk]} for wall in walls],
        "query": query,
        "results": results,
    }

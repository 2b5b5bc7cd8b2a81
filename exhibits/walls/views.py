"""The walls' views outside Wagtail's page routing: one panel as a fragment (for walls.js) and the printable card.

Both read the wall's cached snapshot (NameWallPage.public_snapshot) instead of loading the page; the wall
pages themselves are rendered by the page models through pages.py.
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from archive.models import Honoree
from core.origin import absolute_url

from .arrangement import Orientation
from .cards import panel_map_svg, qr_code_svg
from .layout import ensure_current, place_label
from .lookup import WallInfo
from .models import NameWallPage
from .pages import cache_for_visitors, nearest_entrance, spot_url, text_param, viewer_context, wall_page_url
from .placements import WallPlacement


def public_wall(slug: str) -> WallInfo:
    """A published wall without view restrictions, for the views outside Wagtail's page routing."""
    wall = NameWallPage.public_snapshot(slug)
    if wall is None:
        raise Http404(_("没有这面劳模墙"))
    return wall


@require_safe
def panel_fragment(request, slug: str, number: int):
    """The viewer (navigation and one panel) alone, for walls.js to swap in without reloading the page."""
    wall = public_wall(slug)
    state = ensure_current(wall)
    if not 1 <= number <= len(state.panels):
        raise Http404(_("没有这一块"))
    highlight = text_param(request, "highlight", 40)
    view = "list" if request.GET.get("view") == "list" else ""
    context = viewer_context(wall, request, state, number, highlight, view)
    response = TemplateResponse(request, "exhibits/walls/includes/viewer.html", context)
    return cache_for_visitors(wall, request, response, restricted=False)


@require_safe
def name_card(request, slug: str, external_id: str):
    """寻名卡: a printable card to take to the wall — the place, a map of the panel, the entrance, a QR code."""
    wall = public_wall(slug)
    honoree = Honoree.objects.public().filter(external_id=external_id[:40], is_synthetic=wall.include_synthetic).first()
    if honoree is None:
        raise Http404(_("没有这位劳模的公开条目"))
    state = ensure_current(wall)
    placements = list(
        WallPlacement.objects.filter(wall_id=wall.pk, honoree=honoree).select_related("honour").order_by("sequence")
    )
    if not placements:
        raise Http404(_("这个名字不在这面墙上"))
    entry_url = absolute_url(honoree.get_absolute_url())  # printed and scanned: the public origin
    cards = []
    for placement in placements:
        summary = state.panels[placement.panel - 1] if placement.panel <= len(state.panels) else None
        cards.append(
            {
                "placement": placement,
                "place": place_label(placement.panel, placement.column, placement.row),
                "map": panel_map_svg(wall, summary, placement) if summary else "",
                "entrance": nearest_entrance(wall.entrances, placement.panel),
                "spot_url": spot_url(wall_page_url(wall, request), placement.panel, honoree.external_id),
            }
        )
    context = {
        "wall": wall,
        "wall_url": wall_page_url(wall, request),
        "honoree": honoree,
        "cards": cards,
        "entry_url": entry_url,
        "qr_code": qr_code_svg(entry_url, label=_("%(name)s的辞典条目二维码") % {"name": honoree.label_name}),
        "vertical": wall.orientation == Orientation.VERTICAL,
    }
    response = TemplateResponse(request, "exhibits/walls/card.html", context)
    return cache_for_visitors(wall, request, response, restricted=False)

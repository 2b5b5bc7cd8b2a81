"""The walls' Wagtail hooks: the entry page's 'this name on the wall', the home block, demo content, admin tools.

Imported by exhibits/wagtail_hooks.py (Wagtail only looks for hooks in an app's wagtail_hooks module).
"""

from django.db.models import Sum
from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.extensions import EntrySection, HomeBlock
from core.fallback import localized_pages, originals

from . import admin_views, demo
from .layout import compute_layout, place_label
from .models import NameWallIndexPage, NameWallPage
from .pages import card_url, spot_url, wall_page_url
from .placements import WallLayoutState, WallPlacement


@hooks.register("laomo_entry_sections")
def name_on_the_wall(request, honoree):
    walls = originals(NameWallPage.objects.live().public().filter(include_synthetic=honoree.is_synthetic))
    placements = (
        WallPlacement.objects.filter(honoree=honoree, wall__in=walls)
        .select_related("wall", "honour")
        .order_by("wall__path", "sequence")
    )
    places = [
        {
            "wall": placement.wall,
            "place": place_label(placement.panel, placement.column, placement.row),
            "group_label": placement.shown_group,
            "spot_url": spot_url(wall_page_url(placement.wall, request), placement.panel, honoree.external_id),
            "card_url": card_url(placement.wall, honoree.external_id),
        }
        for placement in placements
    ]
    if not places:
        return None
    return EntrySection(template="exhibits/walls/entry_section.html", context={"places": places}, order=20, place="top")


@hooks.register("laomo_home_blocks")
def walls_home_block(request):
    index = originals(NameWallIndexPage.objects.live().public()).first()
    if index is None:
        return None
    walls = list(index.walls())
    if not walls:
        return None
    real = [wall.pk for wall in walls if not wall.include_synthetic] or [wall.pk for wall in walls]
    names = WallLayoutState.objects.filter(wall_id__in=real).aggregate(total=Sum("names"))["total"] or 0
    if not names:
        return None
    return HomeBlock(
        template="exhibits/walls/home_block.html",
        context={"index": localized_pages([index])[0], "walls": walls, "names": names},
        order=40,
    )


@hooks.register("laomo_demo_content")
def demo_walls(command):
    demo.seed(command)


@hooks.register("after_publish_page")
def relayout_published_wall(request, page):
    """Publishing may change a wall's honours, ordering or stones, or freeze it: lay it out again."""
    if isinstance(page.specific, NameWallPage):
        compute_layout(page.specific)


@hooks.register("register_admin_urls")
def register_walls_admin_urls():
    return [path("walls/", include((admin_views.urlpatterns, "walls_admin")))]


@hooks.register("register_reports_menu_item")
def walls_report_menu_item():
    return MenuItem("劳模墙排列", reverse("walls_admin:report"), icon_name="table", order=900)

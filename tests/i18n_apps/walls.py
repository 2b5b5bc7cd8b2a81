"""A small name wall for the tests of the walls' English interface, share links and corrections."""

from archive.models import Award, Honour, Level
from exhibits.models import NameWallIndexPage, NameWallPage, WallHonour
from exhibits.walls.layout import compute_layout
from tests.archive.factories import HonoreeFactory

NAMES = ["丁一", "丁二", "丁三", "王一", "刘一"]


def small_wall(slug: str) -> tuple[NameWallPage, dict]:
    """A vertical wall of 2 columns × 2 rows a panel with five names of a test honour (1989), laid out:
    丁一 丁二 丁三 王一 on panel 1, 刘一 on panel 2. Returns the wall and the honorees by name."""
    honour = Honour.objects.create(name="测试劳模", level=Level.MUNICIPAL, slug="ce-shi-lao-mo", sort_order=900)
    people = {}
    for name in NAMES:
        people[name] = HonoreeFactory(name=name, employer="首钢集团")
        Award.objects.create(honoree=people[name], honour=honour, year=1989)
    wall = NameWallPage(slug=slug, title="测试墙", place="测试公园", columns_per_panel=2, rows_per_column=2)
    wall.honours = [WallHonour(honour=honour)]
    NameWallIndexPage.objects.get().add_child(instance=wall)
    wall.save_revision().publish()
    wall = NameWallPage.objects.get(pk=wall.pk)
    compute_layout(wall)
    return wall, people

"""Walls built for one test each, over a honour of their own so the demo records never get in the way."""

import pytest

from archive.models import Award, Honour, Level
from exhibits.models import NameWallIndexPage, NameWallPage, WallHonour
from tests.archive.factories import HonoreeFactory


@pytest.fixture
def honours(db):
    """Two test honours in wall order: 测试劳模 first, 测试先进 second."""
    return [
        Honour.objects.create(name="测试劳模", level=Level.MUNICIPAL, slug="ce-shi-lao-mo", sort_order=900),
        Honour.objects.create(name="测试先进", level=Level.MUNICIPAL, slug="ce-shi-xian-jin", sort_order=901),
    ]


@pytest.fixture
def make_wall(honours):
    index = NameWallIndexPage.objects.get()

    def make(slug="test-wall", honour_list=None, **fields):
        fields.setdefault("title", f"测试墙 {slug}")
        fields.setdefault("place", "测试公园")
        wall = NameWallPage(slug=slug, **fields)
        wall.honours = [WallHonour(honour=honour) for honour in (honour_list or honours)]
        index.add_child(instance=wall)
        wall.save_revision().publish()
        return NameWallPage.objects.get(pk=wall.pk)

    return make


@pytest.fixture
def person(honours):
    """person("张广义", 1989) → a live honoree with one award of the first test honour (or `honour=`)."""

    def make(name, year=1989, honour=None, **fields):
        honoree = HonoreeFactory(name=name, **fields)
        Award.objects.create(honoree=honoree, honour=honour or honours[0], year=year)
        return honoree

    return make

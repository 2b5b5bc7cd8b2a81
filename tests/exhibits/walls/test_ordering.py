"""Names on a wall are ordered the way official Chinese name lists are (按姓氏笔画), from the shipped stroke data."""

import pytest

from archive.names import stroke_table
from exhibits.models import WallPlacement
from exhibits.walls.arrangement import Convention
from exhibits.walls.layout import compute_layout

pytestmark = pytest.mark.django_db


def wall_order(wall) -> list[str]:
    return list(WallPlacement.objects.filter(wall=wall).order_by("sequence").values_list("honoree__name", flat=True))


# Hand-checked: stroke counts 丁 2, 王 4, 刘 孙 朱 6, 张 陈 7, 欧(阳) 8, 陶 10, 曾 12. Equal counts go by the first
# stroke in the order 横 竖 撇 点 折: 朱 starts with 撇, 刘 with 点, 孙 with 折; 张 (折横折…) before 陈 (折竖…).
# A double surname counts as the surname: 欧阳 sorts by 欧 (8), after the seven-stroke surnames.
HAND_CHECKED = ["丁一", "王月鹏", "朱忠义", "刘博强", "孙泽洲", "张广义", "陈历俊", "欧阳修", "陶建伟", "曾晓岚"]


def test_hand_checked_stroke_order(make_wall, person):
    for name in reversed(HAND_CHECKED):
        person(name)
    wall = make_wall()
    compute_layout(wall)
    assert wall_order(wall) == HAND_CHECKED


@pytest.mark.parametrize(
    "char, count", [("丁", 2), ("王", 4), ("刘", 6), ("孙", 6), ("朱", 6), ("张", 7), ("陈", 7), ("陶", 10), ("曾", 12)]
)
def test_stroke_counts_come_from_the_shipped_data_set(char, count):
    assert len(stroke_table()[char]) == count
    assert len(stroke_table()) > 20_000  # the whole data set, not a hand-typed table


def test_same_surname_then_given_name_by_strokes(make_wall, person):
    # 王 then given names: 一 (1) before 大 (3) before 月 (4); 王月明 and 王月鹏 compare their third characters.
    for name in ["王月鹏", "王大", "王月明", "王一"]:
        person(name)
    wall = make_wall()
    compute_layout(wall)
    assert wall_order(wall) == ["王一", "王大", "王月明", "王月鹏"]


@pytest.mark.parametrize(
    "convention, expected",
    [(Convention.SURNAME, ["田富", "田大利"]), (Convention.FULL_NAME, ["田大利", "田富"])],
)
def test_the_two_conventions_for_two_character_names(make_wall, person, convention, expected):
    person("田大利")
    person("田富")
    wall = make_wall(convention=convention)
    compute_layout(wall)
    assert wall_order(wall) == expected


def test_groups_by_honour_then_year_and_orders_inside_each_group(make_wall, person, honours):
    person("曾一", year=1995)
    person("丁一", year=1995)
    person("王二", year=1989, honour=honours[1])
    person("陶三", year=1989)
    person("刘四", year=None)
    wall = make_wall(grouping="honour_year")
    compute_layout(wall)
    rows = list(
        WallPlacement.objects.filter(wall=wall)
        .order_by("sequence")
        .values_list("honoree__name", "group_label", "panel")
    )
    assert rows == [
        ("陶三", "1989年 测试劳模", 1),
        ("丁一", "1995年 测试劳模", 2),
        ("曾一", "1995年 测试劳模", 2),
        ("刘四", "年份待考 测试劳模", 3),
        ("王二", "1989年 测试先进", 4),
    ]


def test_a_character_missing_from_the_data_set_is_reported_not_hidden(make_wall, person):
    strange = person("王𠀾")  # U+2003E: outside the data set (U+4E00–U+9FA5)
    person("王一")
    wall = make_wall()
    compute_layout(wall)
    assert wall.layout_state.missing == [
        {"char": "𠀾", "code": "U+2003E", "count": 1, "names": [[strange.external_id, "王𠀾"]]}
    ]
    assert wall_order(wall) == ["王一", "王𠀾"]  # placed (after the known characters), and reported

"""Panels, columns and rows; frozen walls never move a name; withdrawn and synthetic records stay off real walls."""

import pytest

from archive.models import Award, Honoree
from exhibits.models import WallLayoutState, WallPlacement
from exhibits.walls.layout import compute_layout, ensure_current
from exhibits.walls.signals import refresh_walls_for
from tests.archive.factories import HonoreeFactory

pytestmark = pytest.mark.django_db


def places(wall) -> dict[str, tuple]:
    rows = WallPlacement.objects.filter(wall=wall).values_list("honoree__name", "panel", "column", "row", "is_addendum")
    return {name: (panel, column, row, addendum) for name, panel, column, row, addendum in rows}


def fresh(wall):
    return WallLayoutState.objects.get(wall=wall)


def test_names_fill_columns_top_to_bottom_then_the_next_column_then_the_next_panel(make_wall, person):
    names = ["丁一", "丁二", "丁三", "王一", "王二", "王三", "刘一"]
    for name in names:
        person(name)
    wall = make_wall(columns_per_panel=2, rows_per_column=3)
    compute_layout(wall)
    assert places(wall) == {
        "丁一": (1, 1, 1, False),
        "丁二": (1, 1, 2, False),
        "丁三": (1, 1, 3, False),
        "王一": (1, 2, 1, False),
        "王二": (1, 2, 2, False),
        "王三": (1, 2, 3, False),
        "刘一": (2, 1, 1, False),
    }
    state = fresh(wall)
    assert state.names == 7 and [p["number"] for p in state.panels] == [1, 2]


def test_a_horizontal_wall_fills_rows_left_to_right(make_wall, person):
    for name in ["丁一", "丁二", "丁三"]:
        person(name)
    wall = make_wall(orientation="horizontal", columns_per_panel=2, rows_per_column=5)
    compute_layout(wall)
    assert places(wall) == {"丁一": (1, 1, 1, False), "丁二": (1, 2, 1, False), "丁三": (1, 1, 2, False)}


def test_one_stone_per_year_and_a_new_column_per_honour(make_wall, person, honours):
    person("丁一", year=1989)
    person("王一", year=1989, honour=honours[1])
    person("刘一", year=1995)
    wall = make_wall(grouping="year", columns_per_panel=10, rows_per_column=10)
    compute_layout(wall)
    assert places(wall) == {"丁一": (1, 1, 1, False), "王一": (1, 2, 1, False), "刘一": (2, 1, 1, False)}
    assert [p["label"] for p in fresh(wall).panels] == ["1989年 测试劳模、测试先进", "1995年 测试劳模"]


def test_continuous_walls_start_a_new_column_per_group_but_no_new_panel(make_wall, person, honours):
    person("丁一", year=1989)
    person("王一", year=1995)
    wall = make_wall(grouping="continuous", columns_per_panel=10, rows_per_column=10)
    compute_layout(wall)
    assert places(wall) == {"丁一": (1, 1, 1, False), "王一": (1, 2, 1, False)}


def test_repeated_awards_once_or_each_time(make_wall, person, honours):
    twice = person("丁一", year=1989)
    Award.objects.create(honoree=twice, honour=honours[0], year=1995)
    each = make_wall(slug="each", repeats="each")
    first = make_wall(slug="first", repeats="first")
    compute_layout(each)
    compute_layout(first)
    assert list(WallPlacement.objects.filter(wall=each).values_list("year", flat=True).order_by("sequence")) == [
        1989,
        1995,
    ]
    assert list(WallPlacement.objects.filter(wall=first).values_list("year", flat=True)) == [1989]


def test_frozen_layout_never_moves_and_later_records_go_to_an_addendum(make_wall, person):
    for name in ["王一", "王二", "刘一"]:
        person(name)
    wall = make_wall(columns_per_panel=2, rows_per_column=2, frozen=True)
    compute_layout(wall)
    pinned = places(wall)
    assert fresh(wall).frozen_at is not None
    # 丁 (2 strokes) would come first of all; on a frozen wall it goes to a new panel after the last one.
    person("丁一")
    person("丁二")
    person("丁三")
    compute_layout(wall)
    after = places(wall)
    assert {name: after[name] for name in pinned} == pinned
    assert after["丁一"] == (2, 1, 1, True)
    assert after["丁二"] == (2, 1, 2, True)
    assert after["丁三"] == (2, 2, 1, True)
    # A later addition continues the addendum where it ended.
    person("曾一")
    compute_layout(wall)
    assert places(wall)["曾一"] == (2, 2, 2, True)
    assert fresh(wall).panels[1]["addendum"] is True


def test_unfrozen_layout_takes_new_records_in_order(make_wall, person):
    person("王一")
    wall = make_wall()
    compute_layout(wall)
    person("丁一")
    compute_layout(wall)
    assert list(
        WallPlacement.objects.filter(wall=wall).order_by("sequence").values_list("honoree__name", flat=True)
    ) == ["丁一", "王一"]


def test_unfreezing_lays_everything_out_again(make_wall, person):
    person("王一")
    wall = make_wall(frozen=True)
    compute_layout(wall)
    person("丁一")
    compute_layout(wall)
    assert places(wall)["丁一"][3] is True
    wall.frozen = False
    wall.save_revision().publish()
    compute_layout(wall)
    assert places(wall) == {"丁一": (1, 1, 1, False), "王一": (1, 1, 2, False)}
    assert fresh(wall).frozen_at is None


def test_withdrawn_records_leave_an_unfrozen_wall(make_wall, person):
    first, second = person("丁一"), person("王一")
    wall = make_wall()
    compute_layout(wall)
    first.withdrawn = True
    first.save()
    compute_layout(wall)
    assert places(wall) == {"王一": (1, 1, 1, False)}
    assert second.pk in WallPlacement.objects.filter(wall=wall).values_list("honoree_id", flat=True)


def test_withdrawn_records_keep_their_place_on_a_frozen_wall_but_are_not_shown(make_wall, person, client):
    first, _ = person("丁一"), person("王一")
    wall = make_wall(frozen=True)
    compute_layout(wall)
    first.withdrawn = True
    first.save()
    compute_layout(wall)
    assert places(wall)["丁一"] == (1, 1, 1, False)  # the stone is carved; the site just does not show it
    html = client.get(wall.url).content.decode()
    assert "王一" in html and "丁一" not in html
    assert 'class="wall-blank"' in html  # the empty cell keeps 王一 in row 2
    first.withdrawn = False
    first.save()
    assert "丁一" in client.get(wall.url).content.decode()


def test_real_walls_never_show_synthetic_records_and_the_synthetic_wall_shows_only_them(make_wall, person):
    person("丁真")
    person("丁假", external_id="SYN-T-1", is_synthetic=True)
    real = make_wall(slug="real")
    synthetic = make_wall(slug="synthetic", include_synthetic=True)
    compute_layout(real)
    compute_layout(synthetic)
    assert set(places(real)) == {"丁真"}
    assert set(places(synthetic)) == {"丁假"}


def test_unpublished_records_are_not_placed(make_wall, person):
    draft = person("丁一")
    Honoree.objects.filter(pk=draft.pk).update(live=False)
    wall = make_wall()
    compute_layout(wall)
    assert places(wall) == {}


# Every change in these tests commits (in `committed`), as every request's transaction does on the site.


def test_record_changes_reach_the_wall_when_they_commit(make_wall, person, committed):
    committed(lambda: person("王一"))
    wall = make_wall()
    compute_layout(wall)
    committed(lambda: person("丁一"))
    assert places(wall) == {"丁一": (1, 1, 1, False), "王一": (1, 1, 2, False)}
    renamed = Honoree.objects.get(name="丁一")
    renamed.name = "曾一"
    committed(renamed.save)
    assert list(
        WallPlacement.objects.filter(wall=wall).order_by("sequence").values_list("honoree__name", flat=True)
    ) == ["王一", "曾一"]
    committed(renamed.delete)
    assert places(wall) == {"王一": (1, 1, 1, False)}


def test_a_frozen_wall_gains_addendum_names_when_records_commit(make_wall, person, committed):
    committed(lambda: person("王一"))
    wall = make_wall(frozen=True)
    compute_layout(wall)
    version = fresh(wall).version
    committed(lambda: person("丁一"))
    assert places(wall)["丁一"] == (2, 1, 1, True)
    assert fresh(wall).version > version


def test_an_irrelevant_change_only_refreshes_caches(make_wall, person, committed):
    someone = committed(lambda: person("王一"))
    wall = make_wall()
    compute_layout(wall)
    before = fresh(wall)
    someone.biography = "新的事迹"
    committed(someone.save)
    after = fresh(wall)
    assert after.computed_at == before.computed_at  # not recomputed
    assert after.version == before.version + 1  # but shown data may have changed (employer, …): caches retire
    assert after.fingerprint != before.fingerprint


def test_bulk_writes_without_signals_are_noticed(make_wall, person, honours):
    person("王一")
    wall = make_wall()
    compute_layout(wall)
    bulk = Honoree.objects.bulk_create([HonoreeFactory.build(name="丁一", external_id="BULK-1")])
    Award.objects.bulk_create([Award(honoree=bulk[0], honour=honours[0], year=1989)])
    state = ensure_current(wall)  # the check is cached for a minute after a layout; tests clear the cache
    assert state.names == 1
    from django.core.cache import cache

    cache.clear()
    assert ensure_current(wall).names == 2
    refresh_walls_for([bulk[0].pk])  # the import signal's path: nothing further to do
    assert fresh(wall).names == 2

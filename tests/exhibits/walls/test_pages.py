"""The wall as pages: a panel at a time, without JavaScript too; the finder; the card; the entry page; admin."""

import io
import re

from django.core.management import call_command

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from exhibits.models import NameWallIndexPage, NameWallPage, WallEntrance
from exhibits.walls.layout import compute_layout
from laomo.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def wall(make_wall, person):
    for name in ["丁一", "丁二", "丁三", "王一", "王二", "刘一"]:
        person(name, employer="首钢集团")
    wall = make_wall(slug="stones", columns_per_panel=2, rows_per_column=2, start_hint="面向墙面，从最右边数起。")
    WallEntrance.objects.create(wall=wall, name="南门", description="沿主路向北", first_panel=1, last_panel=1)
    WallEntrance.objects.create(wall=wall, name="北门", first_panel=2)
    compute_layout(wall)
    return wall


def test_the_wall_page_sends_one_panel_and_works_without_javascript(client, wall):
    response = client.get(wall.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "第 1 块" in html and "丁一" in html and "王一" in html  # 丁 丁 丁 王: four names fill panel 1
    assert "王二" not in html and "刘一" not in html  # panel 2 is not sent up front
    assert 'href="?panel=2"' in html and 'rel="next"' in html  # plain links to the next panel
    assert '<form class="wall-jump" method="get"' in html and 'name="panel"' in html
    assert '<form class="wall-finder-form" role="search"' in html and 'method="get"' in html
    assert 'class="wall-viewport wall-vertical"' in html  # CSS writing-mode: vertical-rl
    assert '<ol class="wall-names" aria-label="第 1 列">' in html
    assert "面向墙面，从最右边数起。" in html and "南门" in html
    assert response["Cache-Control"] == "public, max-age=300"
    second = client.get(wall.url, {"panel": 2}).content.decode()
    assert (
        "王二" in second
        and "刘一" in second
        and "丁一" not in second
        and 'rel="prev"' in second
        and "最近的入口：北门" in second
    )


def test_the_finder_lists_every_match_with_its_place_and_links(client, wall):
    html = client.get(wall.url, {"q": "liuyi"}).content.decode()
    assert "找到 1 处" in html
    assert "第 2 块 · 第 1 列 · 第 2 行" in html
    match = re.search(r'href="([^"]*highlight=([^"&#]+)#highlighted)"', html)
    assert match, "a link to the highlighted spot"
    assert f'href="/dictionary/{match.group(2)}/"' in html
    assert f'href="{wall.url}card/{match.group(2)}/"' in html
    nothing = client.get(wall.url, {"q": "不存在的人"}).content.decode()
    assert "没有找到“不存在的人”" in nothing


def test_a_highlighted_name_is_marked_on_its_panel_even_without_javascript(client, wall):
    from archive.models import Honoree

    liu = Honoree.objects.get(name="刘一")
    html = client.get(wall.url, {"highlight": liu.external_id}).content.decode()  # no panel given: found anyway
    assert "第 2 块" in html
    assert (
        f'<li class="is-highlighted"><a id="highlighted" href="/dictionary/{liu.external_id}/" aria-current="true"><mark>刘一</mark></a></li>'
        in html
    )
    missing = client.get(wall.url, {"highlight": "NO-SUCH-ID", "panel": "999"}).content.decode()
    assert "这面墙上没有找到要标出的名字" in missing and "没有第 999 块" in missing


def test_the_list_view_gives_the_same_names_for_screen_readers(client, wall):
    html = client.get(wall.url, {"view": "list"}).content.decode()
    assert '<table class="wall-list">' in html
    for name in ["丁一", "丁二", "丁三", "王一"]:
        assert name in html
    assert "第 2 列 · 第 1 行" in html
    assert 'class="wall-viewport' not in html


def test_panel_fragments_for_javascript(client, wall):
    response = client.get(f"{wall.url}panel/2/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="wall-viewer" id="wall-viewer"')
    assert "刘一" in html and "<html" not in html
    assert client.get(f"{wall.url}panel/3/").status_code == 404
    assert client.get(f"{wall.url}panel/0/").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"panel": "abc"},
        {"panel": "-1"},
        {"panel": "9" * 30},
        {"panel": "²①"},
        {"highlight": "x" * 500},
        {"view": "<script>"},
    ],
)
def test_bad_parameters_never_break_the_page(client, wall, params):
    assert client.get(wall.url, params).status_code == 200


def test_the_printable_card(client, wall):
    from archive.models import Honoree

    liu = Honoree.objects.get(name="刘一")
    response = client.get(f"{wall.url}card/{liu.external_id}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "寻名卡" in html and "刘一" in html
    assert "第 2 块 · 第 1 列 · 第 2 行" in html
    assert "1989年 测试劳模" in html and "首钢集团" in html
    assert "最近的入口</dt><dd>北门" in html
    assert '<svg class="panel-map" role="img"' in html  # the panel with the cell marked
    assert 'class="qr-code" role="img"' in html and "<title>刘一的辞典条目二维码</title>" in html
    assert f"http://localhost/dictionary/{liu.external_id}/" in html
    assert client.get(f"{wall.url}card/NO-SUCH-ID/").status_code == 404


def test_the_entry_page_shows_the_name_on_the_wall(client, wall):
    from archive.models import Honoree

    liu = Honoree.objects.get(name="刘一")
    html = client.get(liu.get_absolute_url()).content.decode()
    assert "这个名字在劳模墙上" in html
    assert f"{wall.url}?panel=2&amp;highlight={liu.external_id}#highlighted" in html
    assert "第 2 块 · 第 1 列 · 第 2 行" in html
    wall.unpublish()
    assert "这个名字在劳模墙上" not in client.get(liu.get_absolute_url()).content.decode()


def test_the_demo_walls_and_the_home_block(client):
    index = NameWallIndexPage.objects.get()
    slugs = set(NameWallPage.objects.child_of(index).values_list("slug", flat=True))
    assert {"national", "beijing", "examples"} <= slugs
    national = NameWallPage.objects.get(slug="national")
    assert "明城墙遗址公园" in national.place and "说法不一" in national.directions
    assert [link.honour.name for link in national.honours.all()] == ["全国劳动模范", "全国先进工作者"]
    assert NameWallPage.objects.get(slug="examples").include_synthetic
    html = client.get("/").content.decode()
    assert 'id="walls-heading"' in html and 'name="q"' in html
    examples = client.get(NameWallPage.objects.get(slug="examples").url).content.decode()
    assert "示例数据" in examples and 'name="robots" content="noindex"' in examples


def test_the_walls_index_finds_a_name_on_every_wall(client, wall):
    html = client.get(NameWallIndexPage.objects.get().url, {"q": "王月鹏"}).content.decode()
    assert "全国劳模墙" in html and "王月鹏" in html  # the demo record, on the national wall
    assert "第 1 块 · 第 1 列 · 第 1 行" in html


def test_load_demo_again_keeps_editor_changes(wall):
    national = NameWallPage.objects.get(slug="national")
    national.place = "编辑核实后的地点"
    national.save_revision().publish()
    call_command("load_demo", stdout=io.StringIO())
    assert NameWallPage.objects.get(slug="national").place == "编辑核实后的地点"
    assert NameWallPage.objects.filter(slug="national").count() == 1


def test_layout_walls_command(wall, person):
    person("丁〇")
    out = io.StringIO()
    call_command("layout_walls", "--wall", "stones", stdout=out)
    assert "测试墙 stones（stones）：已重新排列：7 个名字" in out.getvalue()
    with pytest.raises(Exception, match="没有这样的劳模墙"):
        call_command("layout_walls", "--wall", "nowhere", stdout=io.StringIO())


# --- admin -----------------------------------------------------------------------------------------------------


def test_editors_see_the_layout_status_and_missing_characters(client, make_user, make_wall, person):
    person("王𠀾")
    wall = make_wall(slug="rare")
    compute_layout(wall)
    client.force_login(make_user("editor", "编辑"))
    html = client.get(f"/admin/pages/{wall.pk}/edit/").content.decode()
    assert "排列状态" in html and "1 个名字，1 块" in html
    assert "笔画数据中缺少以下字" in html and "“𠀾”（U+2003E）" in html
    report = client.get("/admin/walls/report/").content.decode()
    assert "rare" in report or "测试墙 rare" in report
    assert "“𠀾”（U+2003E）" in report


def test_editors_can_recompute_a_layout(client, make_user, wall, person):
    person("丁〇")
    client.force_login(make_user("editor", "编辑"))
    url = f"/admin/walls/{wall.pk}/relayout/"
    assert "重新计算" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert wall.layout_state.__class__.objects.get(wall=wall).names == 7


def wall_form(wall, honour_ids=None, **changes) -> dict:
    links = list(wall.honours.all())
    honour_ids = honour_ids or [link.honour_id for link in links]
    honour_forms = [
        {"id": links[i].pk if i < len(links) else "", "honour": honour_id} for i, honour_id in enumerate(honour_ids)
    ]
    fields = {
        "title": wall.title,
        "slug": wall.slug,
        "place": wall.place,
        "description": wall.description,
        "directions": rich_text("<p>从南门进。</p>"),
        "start_hint": wall.start_hint,
        "entrances": inline_formset([]),
        "honours": inline_formset(honour_forms, initial=len(links)),
        "orientation": wall.orientation,
        "convention": wall.convention,
        "grouping": wall.grouping,
        "repeats": wall.repeats,
        "columns_per_panel": wall.columns_per_panel,
        "rows_per_column": wall.rows_per_column,
        **changes,
    }
    data = nested_form_data(fields)
    data["action-publish"] = "1"
    return data


def test_editors_freeze_a_wall_by_publishing_it_through_the_admin(client, make_user, wall, person, honours):
    from exhibits.models import WallLayoutState, WallPlacement

    client.force_login(make_user("boss", superuser=True))
    before = set(WallPlacement.objects.filter(wall=wall).values_list("honoree_id", "panel", "column", "row"))
    response = client.post(f"/admin/pages/{wall.pk}/edit/", wall_form(wall, frozen="on"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert WallLayoutState.objects.get(wall=wall).frozen_at is not None
    person("丁〇")  # would sort first of all
    compute_layout(NameWallPage.objects.get(pk=wall.pk))
    after = set(WallPlacement.objects.filter(wall=wall).values_list("honoree_id", "panel", "column", "row"))
    assert before < after and len(after - before) == 1
    assert WallPlacement.objects.get(wall=wall, honoree__name="丁〇").is_addendum


def test_publishing_new_settings_lays_the_wall_out_again(client, make_user, wall, honours):
    from exhibits.models import WallLayoutState

    client.force_login(make_user("boss", superuser=True))
    response = client.post(f"/admin/pages/{wall.pk}/edit/", wall_form(wall, columns_per_panel=10, rows_per_column=10))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert len(WallLayoutState.objects.get(wall=wall).panels) == 1


def test_a_wall_cannot_carry_the_same_honour_twice(client, make_user, wall, honours):
    client.force_login(make_user("boss", superuser=True))
    response = client.post(
        f"/admin/pages/{wall.pk}/edit/", wall_form(wall, [honours[0].pk, honours[1].pk, honours[0].pk])
    )
    assert response.status_code == 200
    assert "“测试劳模”已经在这面墙的荣誉中。" in response.content.decode()


class TestWallPageTree(WagtailPageTestCase):
    def test_walls_live_under_their_index_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, NameWallIndexPage)
        self.assertCanCreateAt(NameWallIndexPage, NameWallPage)
        self.assertCanNotCreateAt(HomePage, NameWallPage)
        self.assertCanNotCreateAt(NameWallPage, NameWallPage)


def test_previewing_a_draft_never_changes_the_published_layout(client, make_user, wall):
    from django.core.cache import cache

    from exhibits.models import WallLayoutState, WallPlacement

    before = set(WallPlacement.objects.filter(wall=wall).values_list("honoree_id", "panel", "column", "row"))
    version = WallLayoutState.objects.get(wall=wall).version
    client.force_login(make_user("boss", superuser=True))
    response = client.post(
        f"/admin/pages/{wall.pk}/edit/preview/",
        {**wall_form(wall, columns_per_panel=9, rows_per_column=9), "action-publish": ""},
    )
    assert response.status_code == 200 and response.json()["is_valid"]
    cache.clear()  # as after a minute: the wall would check its layout against the (draft) settings
    assert client.get(f"/admin/pages/{wall.pk}/edit/preview/?mode=").status_code == 200
    assert set(WallPlacement.objects.filter(wall=wall).values_list("honoree_id", "panel", "column", "row")) == before
    assert WallLayoutState.objects.get(wall=wall).version == version

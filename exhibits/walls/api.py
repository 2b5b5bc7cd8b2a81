"""The walls' part of the open API: the walls, and finding a name on one (GET /api/walls/<slug>/locate/?name=)."""

from typing import Literal

from django.conf import settings
from django.utils import translation

from ninja import Field, Query, Router, Schema, Status

from core.fallback import originals

from .arrangement import Orientation
from .layout import ensure_current
from .locate import MAX_MATCHES
from .models import NameWallPage
from .pages import find_on_wall

router = Router()

MAX_NAME_LENGTH = 200


class WallOut(Schema):
    slug: str = Field(description="网址标识，用于 /api/walls/{slug}/locate/")
    title: str = Field(description="墙的名称")
    place: str = Field(description="所在地点（各方报道说法不一，以编辑核实的为准）")
    url: str = Field(description="墙的页面的完整网址")
    names: int = Field(description="墙上排好位置的名字数（已固定的墙含撤下后不再显示的位置）")
    panels: int = Field(description="块数")
    orientation: Literal["vertical", "horizontal"] = Field(description="文字方向：vertical 竖排，horizontal 横排")
    frozen: bool = Field(description="排列是否已固定（已刻石，位置不再变化）")
    synthetic: bool = Field(description="是否为只显示示例数据的示例墙")


class LocateParams(Schema):
    name: str = Field("", max_length=MAX_NAME_LENGTH, description="姓名、拼音、首字母，或读音相同的字")


class LocateMatch(Schema):
    id: str = Field(description="劳模条目的稳定编号")
    name: str = Field(description="姓名或集体名称")
    panel: int = Field(description="第几块")
    column: int = Field(description="第几列")
    row: int = Field(description="第几行")
    place: str = Field(description="位置，如“第 3 块 · 第 12 列 · 第 5 行”")
    url: str = Field(description="墙的页面上标出这个名字的完整网址")
    entry_url: str = Field(description="劳模辞典条目的完整网址")
    card_url: str = Field(description="可打印的寻名卡的完整网址")
    honour: str = Field(description="刻在墙上的荣誉")
    year: int | None = Field(description="获奖年份；资料未载明时为 null")
    employer: str = Field(description="工作单位（用于区分同名的人）")
    group: str = Field(description="石碑上的分组，如“1989年 北京市劳动模范”")
    match: str = Field(description="为什么匹配：姓名相同、姓名包含所输入的字、读音相同、拼音或首字母相符、读音相近")
    synthetic: bool = Field(description="是否为示例数据")


class LocateOut(Schema):
    wall: str = Field(description="墙的网址标识")
    query: str = Field(description="按规范化后的查询")
    count: int = Field(description="匹配总数")
    matches: list[LocateMatch] = Field(description=f"匹配，最好的在前，最多 {MAX_MATCHES} 个")


class NotFound(Schema):
    detail: str


def _walls():
    return originals(NameWallPage.objects.live().public()).order_by("path")


@router.get(
    "/walls/",
    response=list[WallOut],
    tags=["劳模墙"],
    summary="劳模墙列表",
    description="已发布的劳模墙：名称、地点、名字数和块数。",
    url_name="wall-list",
)
def list_walls(request):
    walls = []
    for wall in _walls():
        state = ensure_current(wall)
        walls.append(
            {
                "slug": wall.slug,
                "title": wall.title,
                "place": wall.place,
                "url": request.build_absolute_uri(wall.get_url(request)),
                "names": state.names,
                "panels": len(state.panels),
                "orientation": "vertical" if wall.orientation == Orientation.VERTICAL else "horizontal",
                "frozen": state.frozen_at is not None,
                "synthetic": wall.include_synthetic,
            }
        )
    return walls


@router.get(
    "/walls/{slug}/locate/",
    response={200: LocateOut, 404: NotFound},
    tags=["劳模墙"],
    summary="寻找名字",
    description=(
        "在一面墙上找名字：可以输入汉字、拼音（zhangguangyi 或 zhang guangyi）、首字母（zgy），"
        "或读音相同、相近的字（张广意）。返回每一处匹配的位置（第几块、第几列、第几行）、荣誉、年份和工作单位，"
        "以及标出这个名字的墙面网址。找不到时 matches 为空列表。"
    ),
    url_name="wall-locate",
)
def locate_name(request, slug: str, params: Query[LocateParams]):
    wall = NameWallPage.public_snapshot(slug)
    if wall is None:
        return Status(404, {"detail": f"没有找到网址标识为 {slug[:40]} 的劳模墙。"})
    # The API answers in Chinese whatever the visitor's interface language: place and match are data here.
    with translation.override(settings.LANGUAGE_CODE):
        result, found = find_on_wall(wall, params.name, request)
        absolute = request.build_absolute_uri
        return {
            "wall": wall.slug,
            "query": result.query,
            "count": result.count,
            "matches": [
                {
                    "id": item.external_id,
                    "name": item.name,
                    "panel": item.panel,
                    "column": item.column,
                    "row": item.row,
                    "place": item.place,
                    "url": absolute(item.spot_url),
                    "entry_url": absolute(item.entry_url),
                    "card_url": absolute(item.card_url),
                    "honour": item.honour,
                    "year": item.year,
                    "employer": item.employer,
                    "group": item.group_label,
                    "match": item.match,
                    "synthetic": item.synthetic,
                }
                for item in found
            ],
        }

"""Demo walls, written from the 2020 source text and public reports. Places stay editable: reports disagree.

Seeded by the laomo_demo_content hook (python manage.py load_demo): only what is missing is created, so an
editor's changes are never overwritten.
"""

from archive.models import Honour
from core.demo_translations import english_copy
from core.extensions import site_home

from .arrangement import Grouping, Repeats
from .layout import compute_layout
from .models import NameWallIndexPage, NameWallPage, WallEntrance, WallHonour

SOURCE_FACT = (
    "资料记载，市总工会在奥林匹克森林公园和明城墙遗址公园分别设置了“劳模墙”、劳动广场，"
    "镌刻了1197名全国劳模和11861名北京市劳动模范的姓名，在北京城市中轴线的一南一北，留下劳模的印记。"
)
DISAGREE = "各方报道对哪面墙立在哪里说法不一，本页的地点与指引会在编辑核实后更新；前往之前，建议先向公园管理处确认。"

INDEX = {
    "slug": "walls",
    "title": "劳模墙",
    "intro": SOURCE_FACT
    + "在这里输入姓名，就能知道名字刻在哪面墙的第几块、第几列、第几行，还可以打印一张寻名卡带到现场。",
}

# The index's English translation (core/demo_translations.py). The walls themselves stay Chinese: a wall's
# names are placed on the Chinese page, and its English address shows that page with the note.
INDEX_EN = {
    "title": "Model Worker Walls",
    "intro": "Records say that the Beijing Federation of Trade Unions set up a “Model Worker Wall” and a Labour Square "
    "in the Olympic Forest Park and the Ming City Wall Relics Park, carving the names of 1,197 national model "
    "workers and 11,861 Beijing model workers: at the north and the south of Beijing's central axis, model workers "
    "have left their mark. Type a name here to find on which wall it is carved, on which panel, in which column "
    "and row, and print a name card to take with you.",
}

WALLS = [
    {
        "slug": "national",
        "title": "全国劳模墙",
        "place": "明城墙遗址公园（崇文门一带）",
        "description": "公开报道：刻有北京的全国劳动模范和先进工作者姓名的劳模墙共五块石碑，"
        "2016年12月28日在明城墙遗址公园（崇文门一带）揭幕。" + SOURCE_FACT,
        "directions": f"<p>{DISAGREE}</p>",
        "honours": ["全国劳动模范", "全国先进工作者"],
        "grouping": Grouping.CONTINUOUS,
        "repeats": Repeats.FIRST,
        "columns_per_panel": 24,
        "rows_per_column": 10,
    },
    {
        "slug": "beijing",
        "title": "北京市劳模墙",
        "place": "奥林匹克森林公园",
        "description": "公开报道：奥林匹克森林公园附近的石碑刻着北京市劳动模范和先进工作者的姓名，"
        "每个表彰年份一块石碑，名字“按照年代，姓氏笔划排列”。" + SOURCE_FACT,
        "directions": f"<p>{DISAGREE}</p>",
        "honours": ["北京市劳动模范", "北京市先进工作者"],
        "grouping": Grouping.YEAR,
        "repeats": Repeats.EACH,
        "columns_per_panel": 40,
        "rows_per_column": 16,
    },
    {
        "slug": "examples",
        "title": "示例劳模墙",
        "place": "（示例数据：现实中没有这面墙）",
        "description": "这面墙只显示为演示网站规模而程序生成的“示例数据”，用来试用寻找名字、分块浏览和寻名卡。"
        "真实的劳模墙上从不出现示例数据。",
        "directions": "<p>（示例）这是一面虚构的墙，下面的入口只用来演示寻名卡。</p>",
        "start_hint": "（示例）面向墙面，从最右边的石块数起为第 1 块。",
        "honours": [
            "全国劳动模范",
            "全国先进工作者",
            "全国五一劳动奖状",
            "北京市劳动模范",
            "北京市先进工作者",
            "北京市模范集体",
        ],
        "grouping": Grouping.YEAR,
        "repeats": Repeats.EACH,
        "columns_per_panel": 40,
        "rows_per_column": 16,
        "include_synthetic": True,
        "entrances": [
            ("示例南门", "（示例）进门后沿主路向北约 200 米", 1, 15),
            ("示例北门", "（示例）进门后沿湖边向南约 100 米", 16, None),
        ],
    },
]


def seed(command) -> None:
    home = site_home()
    if home is None:
        return
    index = NameWallIndexPage.objects.child_of(home).first()
    if index is None:
        index = NameWallIndexPage(slug=INDEX["slug"], title=INDEX["title"], intro=INDEX["intro"], show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    english_copy(index, **INDEX_EN)
    created = 0
    for spec in WALLS:
        wall = NameWallPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if wall is None:
            wall = _create_wall(index, spec)
            created += 1
        if not hasattr(wall, "layout_state") or wall.layout_state.computed_at is None:
            compute_layout(wall)
    command.stdout.write(f"劳模墙：新建 {created} 面")


def _create_wall(index: NameWallIndexPage, spec: dict) -> NameWallPage:
    honours = {honour.name: honour for honour in Honour.objects.filter(name__in=spec["honours"])}
    wall = NameWallPage(
        slug=spec["slug"],
        title=spec["title"],
        place=spec["place"],
        description=spec["description"],
        directions=spec["directions"],
        start_hint=spec.get("start_hint", ""),
        grouping=spec["grouping"],
        repeats=spec["repeats"],
        columns_per_panel=spec["columns_per_panel"],
        rows_per_column=spec["rows_per_column"],
        include_synthetic=spec.get("include_synthetic", False),
    )
    wall.honours = [WallHonour(honour=honours[name]) for name in spec["honours"] if name in honours]
    wall.entrances = [
        WallEntrance(name=name, description=description, first_panel=first, last_panel=last)
        for name, description, first, last in spec.get("entrances", [])
    ]
    index.add_child(instance=wall)
    wall.save_revision().publish()
    return wall

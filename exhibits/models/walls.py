"""The name walls (劳模墙): where each wall stands, how it is laid out, and where every name is on it.

A wall's place, honours, stones and ordering are editable page fields, never constants: reports disagree on
which wall stands where. The layout itself (exhibits.walls.layout) is stored as one WallPlacement per name
and kept apart from the page, so publishing a revision never rolls placements or their bookkeeping back.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from exhibits.walls.admin_panels import LayoutStatusPanel
from laomo.slugs import PinyinSlugMixin, PinyinSlugPageForm


class Orientation(models.TextChoices):
    VERTICAL = "vertical", "竖排（从右向左，第 1 列在最右）"
    HORIZONTAL = "horizontal", "横排（从左向右，第 1 行在最上）"


class Convention(models.TextChoices):
    SURNAME = "surname", "姓氏笔画：单名按空一格计（田富在田大利之前）"
    FULL_NAME = "full_name", "姓名笔画：逐字比较，不加空格（田大利在田富之前）"


class Grouping(models.TextChoices):
    YEAR = "year", "一年一块：每个表彰年份另起一块，同年的各项荣誉依次排列"
    HONOUR_YEAR = "honour_year", "每项荣誉的每个年份另起一块"
    CONTINUOUS = "continuous", "连续排列：荣誉或年份变化时只另起一列（行）"


class Repeats(models.TextChoices):
    FIRST = "first", "每人只刻一次（刻在首次获得本墙荣誉的年份）"
    EACH = "each", "每次表彰各刻一次"


class NameWallIndexPage(PinyinSlugMixin, Page):
    """劳模墙: lists the walls and finds a name on any of them."""

    intro = models.TextField("导语", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["laomo.HomePage"]
    subpage_types = ["exhibits.NameWallPage"]
    max_count = 1
    template = "exhibits/walls/index_page.html"

    class Meta:
        verbose_name = "劳模墙栏目"

    def walls(self):
        return NameWallPage.objects.child_of(self).live().public().select_related("photo").order_by("path")

    def get_context(self, request, *args, **kwargs):
        from exhibits.walls.views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        from exhibits.walls.views import cache_for_visitors

        return cache_for_visitors(self, request, super().serve(request, *args, **kwargs))


class NameWallPageForm(PinyinSlugPageForm):
    def clean(self):
        cleaned_data = super().clean()
        seen = set()
        for form in self.formsets["honours"].forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE") or not form.cleaned_data.get("honour"):
                continue
            honour = form.cleaned_data["honour"]
            if honour in seen:
                form.add_error("honour", f"“{honour}”已经在这面墙的荣誉中。")
            seen.add(honour)
        return cleaned_data


class NameWallPage(PinyinSlugMixin, Page):
    """One physical wall: its place, directions and layout settings. Names are placed by compute_layout."""

    place = models.CharField("所在地点", max_length=200, help_text="例如：明城墙遗址公园（崇文门一带）")
    description = models.TextField("简介", blank=True, help_text="这面墙刻了哪些人的名字；资料来源与不同说法。")
    directions = RichTextField(
        "怎样找到这面墙",
        blank=True,
        features=["bold", "link", "ol", "ul"],
        help_text="交通、入口、开放时间；报道说法不一时请写明。",
    )
    start_hint = models.CharField(
        "怎样数到第 N 块",
        max_length=300,
        blank=True,
        help_text="从哪一端开始数，例如：面向墙面，从最右边（东端）的石块数起为第 1 块。",
    )
    photo = models.ForeignKey(
        "media.SiteImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="照片"
    )
    orientation = models.CharField("文字方向", max_length=12, choices=Orientation.choices, default=Orientation.VERTICAL)
    convention = models.CharField("排序规则", max_length=12, choices=Convention.choices, default=Convention.SURNAME)
    grouping = models.CharField("分块方式", max_length=12, choices=Grouping.choices, default=Grouping.YEAR)
    repeats = models.CharField("多次获奖者", max_length=8, choices=Repeats.choices, default=Repeats.EACH)
    columns_per_panel = models.PositiveSmallIntegerField(
        "每块列数", default=30, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    rows_per_column = models.PositiveSmallIntegerField(
        "每列行数", default=12, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    include_synthetic = models.BooleanField(
        "示例墙",
        default=False,
        help_text="勾选后这面墙只显示“示例数据”（程序生成的演示记录）；真实的墙从不显示示例数据。",
    )
    frozen = models.BooleanField(
        "固定排列（已刻石）",
        default=False,
        help_text="发布后，已排好的名字位置永不再变；此后新增的记录排在最后的“补刻”块。取消勾选并发布会重新排列。",
    )

    content_panels = Page.content_panels + [
        FieldPanel("place"),
        FieldPanel("description"),
        FieldPanel("photo"),
        MultiFieldPanel(
            [FieldPanel("directions"), FieldPanel("start_hint"), InlinePanel("entrances", label="入口")],
            heading="现场指引",
        ),
    ]
    layout_panels = [
        LayoutStatusPanel(heading="排列状态"),
        InlinePanel("honours", label="荣誉", heading="这面墙刻的荣誉（按先后排列）", min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("orientation"), FieldPanel("convention")]),
                FieldRowPanel([FieldPanel("grouping"), FieldPanel("repeats")]),
                FieldRowPanel([FieldPanel("columns_per_panel"), FieldPanel("rows_per_column")]),
                FieldRowPanel([FieldPanel("frozen"), FieldPanel("include_synthetic")]),
            ],
            heading="排列方式",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="内容与指引"),
            ObjectList(layout_panels, heading="排列"),
            ObjectList(Page.promote_panels, heading="推广"),
            ObjectList(Page.settings_panels, heading="设置"),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("place"), index.SearchField("description")]
    parent_page_types = ["exhibits.NameWallIndexPage"]
    subpage_types = []
    template = "exhibits/walls/wall_page.html"
    base_form_class = NameWallPageForm

    class Meta:
        verbose_name = "劳模墙"

    @cached_property
    def honour_ids(self) -> list[int]:
        return list(dict.fromkeys(link.honour_id for link in self.honours.all()))

    def get_context(self, request, *args, **kwargs):
        from exhibits.walls.views import wall_context

        context = super().get_context(request, *args, **kwargs)
        context.update(wall_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        from exhibits.walls.lookup import wall_info
        from exhibits.walls.views import cache_for_visitors

        # The cached snapshot exists only for live walls without view restrictions: a cheap privacy check.
        info = wall_info(self.slug)
        restricted = info is None or info.pk != self.pk
        return cache_for_visitors(self, request, super().serve(request, *args, **kwargs), restricted=restricted)


class WallHonour(Orderable):
    wall = ParentalKey(NameWallPage, on_delete=models.CASCADE, related_name="honours")
    honour = models.ForeignKey("archive.Honour", on_delete=models.PROTECT, related_name="+", verbose_name="荣誉")

    panels = [FieldPanel("honour")]

    class Meta(Orderable.Meta):
        verbose_name = "墙上的荣誉"
        verbose_name_plural = "墙上的荣誉"


class WallEntrance(Orderable):
    wall = ParentalKey(NameWallPage, on_delete=models.CASCADE, related_name="entrances")
    name = models.CharField("入口", max_length=80, help_text="例如：南门、崇文门地铁站 C 口")
    description = models.CharField("说明", max_length=200, blank=True, help_text="从入口走到墙的路线")
    first_panel = models.PositiveSmallIntegerField("离第几块最近（起）", null=True, blank=True)
    last_panel = models.PositiveSmallIntegerField("（止）", null=True, blank=True, help_text="留空表示到最后一块")

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("description")]),
        FieldRowPanel([FieldPanel("first_panel"), FieldPanel("last_panel")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "入口"
        verbose_name_plural = "入口"

    def __str__(self):
        return self.name

    def serves(self, panel: int) -> bool:
        return entrance_serves(self, panel)


def entrance_serves(entrance, panel: int) -> bool:
    """Whether an entrance (a WallEntrance or its cached snapshot) is the nearest one to this panel."""
    if entrance.first_panel is None:
        return False
    return entrance.first_panel <= panel and (entrance.last_panel is None or panel <= entrance.last_panel)


class WallPlacement(models.Model):
    """Where one name is: wall, panel (stone), column, row. Frozen walls never move these."""

    wall = models.ForeignKey(NameWallPage, on_delete=models.CASCADE, related_name="placements")
    honoree = models.ForeignKey("archive.Honoree", on_delete=models.CASCADE, related_name="wall_placements")
    honour = models.ForeignKey("archive.Honour", null=True, on_delete=models.SET_NULL, related_name="+")
    year = models.PositiveSmallIntegerField(null=True)
    sequence = models.PositiveIntegerField("顺序")
    panel = models.PositiveSmallIntegerField("块")
    column = models.PositiveSmallIntegerField("列")
    row = models.PositiveSmallIntegerField("行")
    group_label = models.CharField("分组", max_length=80)
    sort_key = models.CharField(max_length=1400)
    is_addendum = models.BooleanField("补刻", default=False)

    class Meta:
        verbose_name = "墙上位置"
        verbose_name_plural = "墙上位置"
        constraints = [
            models.UniqueConstraint(fields=["wall", "panel", "column", "row"], name="wall_placement_cell"),
        ]
        indexes = [
            models.Index(fields=["wall", "panel", "column", "row"], name="wall_placement_panel"),
            models.Index(fields=["honoree", "wall"], name="wall_placement_honoree"),
        ]

    def __str__(self):
        return f"{self.wall_id}: 第{self.panel}块 第{self.column}列 第{self.row}行"


class WallLayoutState(models.Model):
    """Bookkeeping of a wall's computed layout: version (for caches), when it was pinned, what to report."""

    wall = models.OneToOneField(NameWallPage, on_delete=models.CASCADE, primary_key=True, related_name="layout_state")
    version = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(null=True)
    frozen_at = models.DateTimeField(null=True)
    names = models.PositiveIntegerField(default=0)
    panels = models.JSONField(default=list)  # [{"number", "label", "addendum", "lines", "names"}]
    missing = models.JSONField(default=list)  # [{"char", "names": [[external_id, name], …]}]
    fingerprint = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name = "排列状态"
        verbose_name_plural = "排列状态"

    def __str__(self):
        return f"{self.wall_id}: {self.names} 个名字，{len(self.panels)} 块"

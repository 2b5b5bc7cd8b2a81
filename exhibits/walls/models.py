"""The name walls (劳模墙): where each wall stands, how it is laid out, and where every name is on it.

A wall's place, honours, stones and ordering are editable page fields, never constants: reports disagree on
which wall stands where. The layout itself (layout.py) is stored as one WallPlacement per name in
placements.py, apart from the page, so publishing a revision never rolls placements or their bookkeeping back.

The pages render through pages.py, which never imports this module: the imports of the walls' room point
from here down to pages, layout, locate and the stored placements, and from views, api and hooks down to here.
Django finds the models through exhibits/models/__init__.py, under the app label `exhibits`.
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

from core.fallback import original, originals
from core.pages import SectionIndexPage
from core.slugs import PinyinSlugMixin, PinyinSlugPageForm

from . import pages
from .admin_panels import LayoutStatusPanel
from .arrangement import Convention, Grouping, Orientation, Repeats
from .lookup import WallInfo, cached_snapshot, entrance_serves
from .placements import WallLayoutState, WallPlacement

__all__ = [
    "Convention",
    "Grouping",
    "NameWallIndexPage",
    "NameWallPage",
    "Orientation",
    "Repeats",
    "WallEntrance",
    "WallHonour",
    "WallLayoutState",
    "WallPlacement",
]


class NameWallIndexPage(SectionIndexPage):
    """劳模墙: lists the walls and finds a name on any of them."""

    parent_page_types = ["laomo.HomePage"]
    subpage_types = ["exhibits.NameWallPage"]
    template = "exhibits/walls/index_page.html"

    class Meta:
        verbose_name = "劳模墙栏目"

    def walls(self):
        walls = NameWallPage.objects.child_of(original(self))  # a wall's names are placed on its Chinese page
        return walls.live().public().select_related("photo").order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(pages.index_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        return pages.cache_for_visitors(self, request, super().serve(request, *args, **kwargs))


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

    @classmethod
    def public_snapshot(cls, slug: str) -> WallInfo | None:
        """The published wall without view restrictions at this slug, as the snapshot the fast views read."""
        return cached_snapshot(slug, cls._find_public)

    @classmethod
    def _find_public(cls, slug: str):
        return originals(cls.objects.live().public()).filter(slug=slug).prefetch_related("entrances").first()

    @cached_property
    def honour_ids(self) -> list[int]:
        return list(dict.fromkeys(link.honour_id for link in self.honours.all()))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(pages.wall_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        # The cached snapshot exists only for live walls without view restrictions: a cheap privacy check.
        info = self.public_snapshot(self.slug)
        restricted = info is None or info.pk != self.pk
        response = super().serve(request, *args, **kwargs)
        return pages.cache_for_visitors(self, request, response, restricted=restricted)


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

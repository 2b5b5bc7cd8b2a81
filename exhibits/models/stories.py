"""Stories: news and features by editors, listed by tag and by month, with RSS and Atom feeds."""

import datetime
import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import TruncMonth
from django.utils import dateformat, timezone
from django.utils.translation import gettext

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from archive.related import RelatedHonoreesMixin
from archive.widgets import HonoreeMultipleChooser
from core.fallback import original
from core.pages import SectionIndexPage
from core.sharing import SharedPageMixin
from core.slugs import PinyinSlugMixin

from ..blocks import StoryStreamBlock
from ..feeds import StoryAtomFeed, StoryRssFeed

MONTH_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})")  # \d would also match full-width and other digits


def parse_month(raw: str) -> tuple[int, int] | None:
    """ "2020-12" → (2020, 12); anything else → None."""
    match = MONTH_PATTERN.fullmatch(raw.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    return int(match[1]), int(match[2])


class StoryIndexPage(RoutablePageMixin, SectionIndexPage):
    parent_page_types = ["laomo.HomePage"]
    subpage_types = ["exhibits.StoryPage"]

    class Meta:
        verbose_name = "故事栏目"

    def stories(self):
        return StoryPage.objects.child_of(original(self)).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        published = self.stories()
        stories = published.select_related("cover").order_by("-date", "-pk")
        tag = request.GET.get("tag", "").strip()
        raw_month = request.GET.get("month", "").strip()
        month = parse_month(raw_month)
        if tag:
            stories = stories.filter(tags__name=tag)
        if month:
            stories = stories.filter(date__year=month[0], date__month=month[1])
        active = {"tag": tag, "month": f"{month[0]}-{month[1]:02d}" if month else ""}
        context.update(
            tag=tag,
            month=month,
            month_label=month_label(datetime.date(month[0], month[1], 1)) if month else "",
            month_value=active["month"],
            bad_month=raw_month if raw_month and not month else "",
            stories=Paginator(stories, 12).get_page(request.GET.get("page")),
            query_string=_query(active),
            months=[
                {
                    "value": f"{row['month']:%Y-%m}",
                    "label": month_label(row["month"]),
                    "count": row["count"],
                    "url": "?" + _query({**active, "month": f"{row['month']:%Y-%m}"}),
                }
                for row in published.annotate(month=TruncMonth("date"))
                .values("month")
                .annotate(count=models.Count("pk"))
                .order_by("-month")
            ],
            tags=[
                {
                    "name": row["tag__name"],
                    "count": row["count"],
                    "url": "?" + _query({**active, "tag": row["tag__name"]}),
                }
                for row in StoryTag.objects.filter(content_object__in=published)
                .values("tag__name")
                .annotate(count=models.Count("pk"))
                .order_by("-count", "tag__name")
            ],
            clear_tag_url="?" + _query({**active, "tag": ""}),
            clear_month_url="?" + _query({**active, "month": ""}),
        )
        return context

    @property
    def feed_url_rss(self) -> str:
        return self.url + self.reverse_subpage("feed_rss")

    @property
    def feed_url_atom(self) -> str:
        return self.url + self.reverse_subpage("feed_atom")

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        return StoryRssFeed()(request, index=self)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        return StoryAtomFeed()(request, index=self)


def month_label(day) -> str:
    """A month as the interface language writes it: 2020年12月, or December 2020."""
    return dateformat.format(day, gettext("Y年n月"))


def _query(params: dict[str, str]) -> str:
    """Only the filters in effect, always in the same order, so one listing has one address."""
    return urlencode([(name, params[name]) for name in ("tag", "month") if params.get(name)])


class StoryTag(TaggedItemBase):
    content_object = ParentalKey("exhibits.StoryPage", on_delete=models.CASCADE, related_name="tagged_items")


class StoryPage(PinyinSlugMixin, SharedPageMixin, RelatedHonoreesMixin, Page):
    related_honorees_field = "related_honorees"

    search_kind = "story"
    lead = models.TextField("导语", max_length=600)
    cover = models.ForeignKey(
        "media.SiteImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="封面"
    )
    author = models.CharField("作者", max_length=120, blank=True)
    date = models.DateField("日期", default=timezone.localdate)
    body = StreamField(StoryStreamBlock(), verbose_name="正文")
    tags = ClusterTaggableManager(through=StoryTag, blank=True, verbose_name="标签")
    related_honorees = ParentalManyToManyField("archive.Honoree", blank=True, verbose_name="相关劳模")

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("cover"),
        FieldRowPanel([FieldPanel("author"), FieldPanel("date")]),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("tags"), FieldPanel("related_honorees", widget=HonoreeMultipleChooser)],
            heading="标签与相关劳模",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("author"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["exhibits.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "故事"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["story_index"] = StoryIndexPage.objects.filter(
            path=self.path[: -self.steplen], depth=self.depth - 1
        ).first()
        return context

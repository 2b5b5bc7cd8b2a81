"""Stories: news and features by editors, listed by tag."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import StoryStreamBlock


class StoryIndexPage(Page):
    intro = models.TextField("导语", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["laomo.HomePage"]
    subpage_types = ["exhibits.StoryPage"]
    max_count = 1

    class Meta:
        verbose_name = "故事栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = StoryPage.objects.child_of(self).live().public().select_related("cover").order_by("-date", "-pk")
        tag = request.GET.get("tag", "").strip()
        if tag:
            stories = stories.filter(tags__name=tag)
        context["tag"] = tag
        context["stories"] = Paginator(stories, 12).get_page(request.GET.get("page"))
        return context


class StoryTag(TaggedItemBase):
    content_object = ParentalKey("exhibits.StoryPage", on_delete=models.CASCADE, related_name="tagged_items")


class StoryPage(Page):
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
        MultiFieldPanel([FieldPanel("tags"), FieldPanel("related_honorees")], heading="标签与相关劳模"),
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

    def public_honorees(self):
        from archive.models import Honoree

        ids = [honoree.pk for honoree in self.related_honorees.all()]
        return Honoree.objects.public().filter(pk__in=ids).prefetch_related("awards__honour").select_related("photo")

"""The online hall: exhibitions walked section by section."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import StoryStreamBlock


class HallIndexPage(Page):
    intro = models.TextField("导语", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["laomo.HomePage"]
    subpage_types = ["exhibits.ExhibitionPage"]
    max_count = 1

    class Meta:
        verbose_name = "网上展厅"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["exhibitions"] = (
            ExhibitionPage.objects.child_of(self)
            .live()
            .public()
            .select_related("cover")
            .order_by("-first_published_at")
        )
        return context


class ExhibitionPage(Page):
    search_kind = "exhibition"
    lead = models.TextField("导语", max_length=600)
    cover = models.ForeignKey(
        "media.SiteImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="封面"
    )
    body = StreamField(StoryStreamBlock(), blank=True, verbose_name="序厅内容")

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("cover"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["exhibits.HallIndexPage"]
    subpage_types = ["exhibits.ExhibitionSectionPage"]

    class Meta:
        verbose_name = "展览"

    def sections(self):
        return ExhibitionSectionPage.objects.child_of(self).live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections()
        return context


class ExhibitionSectionPage(Page):
    """A room of an exhibition; visitors walk them in tree order with previous/next."""

    search_kind = "exhibition"

    body = StreamField(StoryStreamBlock(), verbose_name="展厅内容")

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["exhibits.ExhibitionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "展览单元"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        exhibition = self.get_parent().specific
        sections = list(exhibition.sections())
        position = next((i for i, s in enumerate(sections) if s.pk == self.pk), 0)
        context.update(
            exhibition=exhibition,
            sections=sections,
            position=position + 1,
            previous_section=sections[position - 1] if position > 0 else None,
            next_section=sections[position + 1] if position + 1 < len(sections) else None,
        )
        return context

"""The online hall: exhibitions walked section by section, and the artworks gallery (为劳模造像)."""

import hashlib
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import get_language

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from archive.cache import data_version
from core.fallback import localized_pages, original
from core.pages import SectionIndexPage
from core.sharing import SharedPageMixin
from core.slugs import PinyinSlugMixin

from ..blocks import MEDIUM_CHOICES, StoryStreamBlock
from .catalogue import Artwork


class HallIndexPage(SectionIndexPage):
    parent_page_types = ["laomo.HomePage"]
    subpage_types = ["exhibits.ExhibitionPage", "exhibits.ArtworkGalleryPage"]

    class Meta:
        verbose_name = "网上展厅"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        hall = original(self)  # what the Chinese hall holds, each in English where it has been translated
        exhibitions = ExhibitionPage.objects.child_of(hall).live().public().select_related("cover")
        context["exhibitions"] = localized_pages(list(exhibitions.order_by("-first_published_at")))
        gallery = ArtworkGalleryPage.objects.child_of(hall).live().public().first()
        context["artwork_gallery"] = localized_pages([gallery])[0] if gallery else None
        return context


class ExhibitionPage(PinyinSlugMixin, SharedPageMixin, Page):
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

    def sections(self) -> list["ExhibitionSectionPage"]:
        """The rooms in tree order: the Chinese exhibition's, each in English where it has been translated."""
        rooms = ExhibitionSectionPage.objects.child_of(original(self)).live().public().order_by("path")
        return localized_pages(list(rooms))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = list(self.sections())
        return context


class ExhibitionSectionPage(PinyinSlugMixin, Page):
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
        exhibition = self.exhibition
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

    @property
    def exhibition(self) -> ExhibitionPage:
        if not hasattr(self, "_exhibition"):
            self._exhibition = ExhibitionPage.objects.select_related("cover").get(
                path=self.path[: -self.steplen], depth=self.depth - 1
            )
        return self._exhibition

    @property
    def share_image(self):
        return self.exhibition.cover

    @property
    def share_description(self) -> str:
        return self.search_description or self.exhibition.lead


class ArtworkGalleryPage(PinyinSlugMixin, Page):
    """为劳模造像: every artwork shown in the live, public exhibitions and stories, filterable by medium."""

    intro = models.TextField("导语", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["exhibits.HallIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "艺术作品馆"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visible = Artwork.objects.visible()
        labels = dict(MEDIUM_CHOICES)
        mediums = set(labels)
        requested = request.GET.get("medium", "").strip()
        medium = requested if requested in mediums else ""
        rows = sorted(visible.order_by().values_list("medium").annotate(n=models.Count("pk"), last=models.Max("pk")))
        counts = {row_medium: n for row_medium, n, _ in rows}
        # Any publish or unpublish that touches artworks changes the newest id or a count; a changed dictionary
        # record changes the archive version. So the key names exactly the list it stands for (in one language).
        signature = (medium, rows, data_version(), get_language())
        key = "hall:artworks:" + hashlib.sha1(repr(signature).encode()).hexdigest()
        listing = cache.get(key)
        if listing is None:
            artworks = list(visible.filter(medium=medium) if medium else visible)
            attach_exhibitions(artworks)
            listing = render_to_string(
                "exhibits/includes/artwork_list.html",
                {"artworks": artworks, "medium": medium, "medium_label": labels.get(medium, ""), "page": self},
                request=request,
            )
            cache.set(key, listing, 60 * 5)
        context.update(
            medium=medium,
            medium_label=labels.get(medium, ""),
            unknown_medium=requested if requested and not medium else "",
            listing=listing,
            shown=counts.get(medium, 0) if medium else sum(counts.values()),
            total=sum(counts.values()),
            medium_links=[
                {
                    "label": label,
                    "count": counts[value],
                    "url": "?" + urlencode({"medium": value}),
                    "active": value == medium,
                }
                for value, label in MEDIUM_CHOICES
                if counts.get(value)
            ],
        )
        return context


def attach_exhibitions(artworks: list[Artwork]) -> None:
    """Set `exhibition` on artworks of exhibition sections (the section's live parent), in one query."""
    parent_paths = {artwork.page.path[: -Page.steplen] for artwork in artworks}
    parents = {page.path: page for page in Page.objects.filter(path__in=parent_paths, live=True)}
    for artwork in artworks:
        parent = parents.get(artwork.page.path[: -Page.steplen])
        artwork.exhibition = parent if parent is not None and parent.specific_class is ExhibitionPage else None

"""The home page and the generic content page."""

import datetime

from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from archive.models import Honoree
from core.extensions import home_blocks
from core.fallback import localized_pages, originals
from core.slugs import PinyinSlugMixin
from exhibits.blocks import StoryStreamBlock
from exhibits.models import ExhibitionPage, StoryPage


def honoree_of_the_day(today: datetime.date | None = None) -> Honoree | None:
    """One real, public honoree per day, stable for the whole day and across processes."""
    today = today or timezone.localdate()
    cache_key = f"laomo:honoree-of-the-day:{today.isoformat()}"
    pk = cache.get(cache_key)
    if pk is None:
        candidates = Honoree.objects.public().real().order_by("pk").values_list("pk", flat=True)
        total = candidates.count()
        pk = candidates[today.toordinal() % total] if total else 0
        cache.set(cache_key, pk, 60 * 60)
    if not pk:
        return None
    return (
        Honoree.objects.public()
        .select_related("photo", "district")
        .prefetch_related("awards__honour")
        .filter(pk=pk)
        .first()
    )


class HomePage(PinyinSlugMixin, Page):
    hero_title = models.CharField("主标题", max_length=120, default="光荣属于劳动者")
    hero_text = models.TextField("导语", blank=True)
    featured_exhibition = models.ForeignKey(
        "exhibits.ExhibitionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="推荐展览",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading="首页横幅"),
        FieldPanel("featured_exhibition"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lists are drawn from the Chinese originals (each once, whatever has been translated) and show a
        # page's English translation on the English site where there is one.
        featured = self.featured_exhibition
        if featured is None or not featured.live:
            featured = originals(ExhibitionPage.objects.live().public()).order_by("-first_published_at").first()
        stories = originals(StoryPage.objects.live().public()).select_related("cover")
        context.update(
            featured_exhibition=localized_pages([featured])[0] if featured else None,
            honoree_of_the_day=honoree_of_the_day(),
            latest_stories=localized_pages(list(stories.order_by("-date", "-pk")[:4])),
            key_figures=self.key_figures(),
            extra_blocks=home_blocks(request),
        )
        return context

    @staticmethod
    def key_figures() -> list[tuple[str, int]]:
        figures = [
            (gettext("位劳模与集体"), Honoree.objects.public().real().count()),  # 示例数据 count as no one
            (gettext("个展览"), originals(ExhibitionPage.objects.live().public()).count()),
            (gettext("篇故事"), originals(StoryPage.objects.live().public()).count()),
        ]
        return [(label, count) for label, count in figures if count]


class ContentPage(PinyinSlugMixin, Page):
    """A generic page: about us, contact, terms, accessibility statement."""

    lead = models.TextField("导语", blank=True)
    body = StreamField(StoryStreamBlock(), blank=True, verbose_name="正文")
    updated = models.DateField("更新日期", null=True, blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body"), FieldPanel("updated")]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["laomo.HomePage", "laomo.ContentPage"]

    class Meta:
        verbose_name = "普通页面"

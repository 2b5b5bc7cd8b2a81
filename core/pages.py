"""The shape every part's landing page shares (展厅, 故事, 微电影, 课堂, 劳模墙): one per site, a title, an intro."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .slugs import PinyinSlugMixin


class SectionIndexPage(PinyinSlugMixin, Page):
    """Subclasses name where it sits (parent_page_types: the home page) and what it holds (subpage_types)."""

    intro = models.TextField("导语", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1

    class Meta:
        abstract = True

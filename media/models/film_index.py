"""The films index page (劳模微电影): the films filtered by theme, year and honoree, through film_gallery.py.

Apart from films.py because the gallery reads the films' tables: the index imports the gallery, the gallery
imports the films, and nothing points back.
"""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.slugs import PinyinSlugMixin

from .film_gallery import film_gallery


class FilmIndexPage(PinyinSlugMixin, Page):
    intro = models.TextField("导语", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["laomo.HomePage"]
    subpage_types = ["media.FilmPage"]
    max_count = 1

    class Meta:
        verbose_name = "劳模微电影栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(film_gallery(self, request))
        return context

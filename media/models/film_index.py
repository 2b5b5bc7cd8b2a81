"""The films index page (劳模微电影): the films filtered by theme, year and honoree, through film_gallery.py.

Apart from films.py because the gallery reads the films' tables: the index imports the gallery, the gallery
imports the films, and nothing points back.
"""

from core.pages import SectionIndexPage

from .film_gallery import film_gallery


class FilmIndexPage(SectionIndexPage):
    parent_page_types = ["laomo.HomePage"]
    subpage_types = ["media.FilmPage"]

    class Meta:
        verbose_name = "劳模微电影栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(film_gallery(self, request))
        return context

"""Admin registration and the site's extension points: films on entry pages and the home page, demo films."""

from django.db.models import Count
from django.urls import path
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from laomo.extensions import EntrySection, HomeBlock
from laomo.fallback import originals

from .models import FilmIndexPage, FilmPage, FilmTheme
from .upload_views import (
    DocumentCreateFromUploadView,
    DocumentMultipleAddView,
    ImageCreateFromUploadView,
    ImageMultipleAddView,
)

HOME_FILMS = 3


class FilmThemeViewSet(SnippetViewSet):
    model = FilmTheme
    icon = "tag"
    menu_label = "微电影主题"
    menu_order = 100
    list_display = ["name", "slug", Column("film_count", label="影片数", sort_key="film_count"), "sort_order"]
    search_fields = ["name", "description"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return FilmTheme.objects.annotate(film_count=Count("films"))


class MediaViewSetGroup(SnippetViewSetGroup):
    items = (FilmThemeViewSet,)
    menu_icon = "media"
    menu_label = "微电影"
    menu_name = "films"
    menu_order = 250


register_snippet(MediaViewSetGroup)


@hooks.register("register_admin_urls", order=-1)
def upload_views_that_report_storage_failures():
    """Wagtail's multiple-upload addresses, answered by views that report a failing storage (upload_views.py).

    Listed before Wagtail's own patterns (order=-1), so the same addresses — and Wagtail's URL names, which
    reverse to them — reach these views. Unnamed: the names stay Wagtail's."""
    return [
        path("images/multiple/add/", ImageMultipleAddView.as_view()),
        path(
            "images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/",
            ImageCreateFromUploadView.as_view(),
        ),
        path("documents/multiple/add/", DocumentMultipleAddView.as_view()),
        path(
            "documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/",
            DocumentCreateFromUploadView.as_view(),
        ),
    ]


def public_films():
    # The Chinese originals: an editor's English copy of a film is the same film, listed once.
    return originals(FilmPage.objects.live().public())


@hooks.register("laomo_entry_sections")
def films_on_entry(request, honoree):
    films = list(
        public_films().filter(honorees=honoree).select_related("poster").order_by("-year", "-first_published_at")
    )
    if not films:
        return None
    return EntrySection("media/includes/entry_films.html", {"films": films, "honoree": honoree}, order=40)


@hooks.register("laomo_home_blocks")
def latest_films(request):
    films = list(public_films().select_related("poster").order_by("-first_published_at", "-pk")[:HOME_FILMS])
    if not films:
        return None
    index = FilmIndexPage.objects.live().public().first()
    return HomeBlock("media/includes/home_films.html", {"films": films, "index": index}, order=40)


@hooks.register("laomo_demo_content")
def demo_films(command):
    from .demo import load_demo_media

    load_demo_media(command)

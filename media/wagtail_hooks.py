"""Admin registration and the site's extension points: films and interviews on entry pages, films on the home page,
the demo films and interview, the interview import."""

from django.db.models import Count, Q
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.extensions import EntrySection, HomeBlock
from core.fallback import originals

from .demo import load_demo_media
from .interview_demo import load_demo_interview
from .interview_import import InterviewImportView
from .interviews import access
from .interviews.public import public_interviews, public_segments
from .models import FilmIndexPage, FilmPage, FilmTheme, InterviewPage
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


class FilmSourceColumn(Column):
    """Where the film comes from and, for an uploaded video, what its check found — with the reasons."""

    cell_template_name = "media/admin/film_source_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(film=instance, problems=instance.media_problems())
        return context


class FilmListView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("video__video_check", "poster")


class FilmListingViewSet(PageListingViewSet):
    """All films in one list, each with its source and video check, so a failed check cannot go unnoticed."""

    model = FilmPage
    index_view_class = FilmListView
    icon = "media"
    menu_label = "全部影片"
    menu_order = 90
    name = "filmpages"
    columns = [*PageListingViewSet.columns, FilmSourceColumn("source", label="片源与视频检查")]


class MediaViewSetGroup(SnippetViewSetGroup):
    items = (FilmListingViewSet, FilmThemeViewSet)
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


@hooks.register("insert_editor_js")
def segment_cue_script():
    """取当前时间 beside each interview segment's start (the script does nothing on other editors)."""
    return format_html('<script src="{}" defer></script>', static("media/segment_cue.js"))


@hooks.register("register_admin_urls")
def interview_import_url():
    return [path("interviews/<int:pk>/import/", InterviewImportView.as_view(), name="media_interview_import")]


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


@hooks.register("laomo_entry_sections")
def interviews_on_entry(request, honoree):
    """The honoree's own interviews (a closed one is not named) and the public segments that mention them."""
    named = Q(honorees=honoree) | Q(segments__honorees=honoree)
    if not InterviewPage.objects.live().filter(named).exists():  # most entries: one query, and done
        return None
    on = access.today()
    interviews = [
        (interview, view)
        for interview in public_interviews(honoree=honoree)
        if (view := interview.public_view(on)).shows_description
    ]
    segments = list(public_segments(on, honoree=honoree))
    if not interviews and not segments:
        return None
    return EntrySection(
        "media/includes/entry_interviews.html", {"interviews": interviews, "segments": segments}, order=45
    )


@hooks.register("laomo_home_blocks")
def latest_films(request):
    films = list(public_films().select_related("poster").order_by("-first_published_at", "-pk")[:HOME_FILMS])
    if not films:
        return None
    index = FilmIndexPage.objects.live().public().first()
    return HomeBlock("media/includes/home_films.html", {"films": films, "index": index}, order=40)


@hooks.register("laomo_demo_content")
def demo_films(command):
    load_demo_media(command)
    load_demo_interview(command)

"""Admin for the archive: records, honours, aliases and taxonomies, grouped under 劳模档案."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

import django_filters

from .choosers import HonoreeChooserViewSet
from .lookup import find_honorees
from .models import District, Honoree, Honour, HonourAlias, Industry, Kind


class HonoreeFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label="类别")
    withdrawn = django_filters.BooleanFilter(label="已撤下")
    is_synthetic = django_filters.BooleanFilter(label="示例数据")
    awards__honour = django_filters.ModelChoiceFilter(queryset=Honour.objects.all(), label="荣誉", distinct=True)
    district = django_filters.ModelChoiceFilter(queryset=District.objects.all(), label="所属区")

    class Meta:
        model = Honoree
        fields = ["kind", "withdrawn", "is_synthetic", "district"]


class HonoreeIndexView(IndexView):
    """The records listing searches like the chooser: pinyin with or without spaces, initials (zgy), ids."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return find_honorees(queryset, self.search_query)


class HonoreeViewSet(SnippetViewSet):
    model = Honoree
    icon = "user"
    menu_label = "劳模记录"
    list_display = ["name", "external_id", "kind", "employer", "district", "withdrawn", "updated_at"]
    list_per_page = 50
    filterset_class = HonoreeFilterSet
    inspect_view_enabled = True
    ordering = ["stroke_key"]
    # The search indexes hold public records only; archivists must find withdrawn ones too (archive/lookup.py).
    index_view_class = HonoreeIndexView
    search_backend_name = None
    search_fields = ["name", "external_id", "name_pinyin", "name_initials", "employer"]
    # Pages, films, lessons and blocks pick records here: searched by pinyin and initials, namesakes told apart.
    chooser_viewset_class = HonoreeChooserViewSet
    chooser_per_page = 20


class HonourViewSet(SnippetViewSet):
    model = Honour
    icon = "pick"
    menu_label = "荣誉"
    list_display = ["name", "level", "for_kind", "sort_order"]


class HonourAliasViewSet(SnippetViewSet):
    model = HonourAlias
    icon = "link"
    menu_label = "荣誉别名"
    list_display = ["alias", "honour"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = "所属区"
    list_display = ["name", "is_current", "sort_order"]


class IndustryViewSet(SnippetViewSet):
    model = Industry
    icon = "tag"
    menu_label = "行业"
    list_display = ["name", "sort_order"]


class ArchiveViewSetGroup(SnippetViewSetGroup):
    items = (HonoreeViewSet, HonourViewSet, HonourAliasViewSet, DistrictViewSet, IndustryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "劳模档案"
    menu_name = "archive"
    # The import and export tools add their menu items through this hook (see wagtail_hooks.py).
    submenu_hook = "register_archive_menu_item"

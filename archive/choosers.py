"""The honoree chooser: Wagtail's snippet chooser, searched by name, pinyin, initials or id, showing who is who.

Every chooser for an honoree goes through this one viewset: foreign keys (the form-field override Wagtail
registers for the chooser's widget), StreamField's HonoreeChooserBlock (through the snippet's chooser URL) and the
multiple chooser of pages (archive/widgets.py), which opens the same modal with `?multiple=1`.
"""

from django import forms
from django.urls import reverse

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.chooser import CheckboxSelectColumn
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from .lookup import find_honorees, honoree_label, honours_summary, with_chooser_details
from .models import Honoree
from .widgets import HonoreeSnippetChooser


class HonoreeSearchForm(BaseFilterForm):
    # Named `q` so that Wagtail's modal script (#id_q) searches as the editor types.
    q = forms.CharField(
        label="搜索劳模",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "姓名、拼音、首字母（如 zgy）或编号", "autocomplete": "off"}),
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q", "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = find_honorees(objects, query)
        return objects


class HonoreeCheckboxColumn(CheckboxSelectColumn):
    """Wagtail's checkbox, named after the whole label so two namesakes' boxes can be told apart."""

    cell_template_name = "archive/admin/honoree_checkbox_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["label"] = honoree_label(instance)
        return context


def status_notes(honoree: Honoree) -> str:
    """From the record's own fields: Wagtail's status tag would cost two queries a row (revision, workflow)."""
    notes = []
    if honoree.withdrawn:
        notes.append("已撤下")
    if honoree.is_synthetic:
        notes.append("示例数据")
    if not honoree.live:
        notes.append("未发布")
    elif honoree.has_unpublished_changes:
        notes.append("有未发布的修改")
    return "，".join(notes)


class HonoreeChooseViewMixin:
    filter_form_class = HonoreeSearchForm

    def get_object_list(self):
        return with_chooser_details(Honoree.objects.all())

    def apply_object_list_ordering(self, objects):
        # Dictionary order until a search ranks the matches (see find_honorees).
        return objects.order_by("stroke_key", "external_id")

    @property
    def title_column(self):
        if self.is_multiple_choice:
            return TitleColumn("name", label="姓名/名称", label_prefix="chooser-modal-select")
        return TitleColumn(
            "name",
            label="姓名/名称",
            get_url=lambda honoree: self.append_preserved_url_parameters(
                reverse(self.chosen_url_name, args=(honoree.pk,))
            ),
            link_attrs={"data-chooser-modal-choice": True},
        )

    @property
    def checkbox_column(self):
        return HonoreeCheckboxColumn("select", label="选择", width="1%", accessor="pk")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("external_id", label="编号"),
            Column("employer", label="工作单位"),
            Column("honours", label="荣誉", accessor=honours_summary),
            Column("district", label="所属区"),
            Column("notes", label="状态", accessor=status_notes),
        ]


class HonoreeChooseView(HonoreeChooseViewMixin, ChooseView):
    pass


class HonoreeChooseResultsView(HonoreeChooseViewMixin, ChooseResultsView):
    pass


class HonoreeChosenResponseMixin:
    """The chosen honoree as the widgets show it: a label that tells namesakes apart, and its parts."""

    def get_display_title(self, instance):
        return honoree_label(instance)

    def get_chosen_response_data(self, item):
        return {
            **super().get_chosen_response_data(item),
            "name": item.name,
            "employer": item.employer,
            "external_id": item.external_id,
            "withdrawn": item.withdrawn,
        }


class HonoreeChosenView(HonoreeChosenResponseMixin, SnippetChosenView):
    pass


class HonoreeChosenMultipleView(HonoreeChosenResponseMixin, SnippetChosenMultipleView):
    pass


class HonoreeChooserViewSet(SnippetChooserViewSet):
    choose_view_class = HonoreeChooseView
    choose_results_view_class = HonoreeChooseResultsView
    chosen_view_class = HonoreeChosenView
    chosen_multiple_view_class = HonoreeChosenMultipleView
    base_widget_class = HonoreeSnippetChooser
    page_title = "选择劳模"

"""Widgets for choosing honorees; both open the honoree chooser of archive/choosers.py.

HonoreeSnippetChooser chooses one (foreign keys, HonoreeChooserBlock). HonoreeMultipleChooser chooses many (related
honorees of stories, lessons and films) without ever listing the whole archive. The form field stays the model's
ModelMultipleChoiceField: the widget renders the chosen records only, each with a hidden input of the field's name,
and a 选择劳模 button that opens the chooser in Wagtail's multiple-selection mode (`?multiple=1`);
archive/static/archive/js/honoree-chooser.js adds and removes the rows.
"""

from django import forms
from django.db import models
from django.urls import reverse

from wagtail.snippets.widgets import AdminSnippetChooser

from .lookup import honoree_label
from .models import Honoree


class HonoreeSnippetChooser(AdminSnippetChooser):
    """Wagtail's single snippet chooser, with the chosen record shown with its unit and id (namesakes)."""

    def __init__(self, model=Honoree, **kwargs):
        kwargs.setdefault("choose_one_text", "选择劳模")
        kwargs.setdefault("choose_another_text", "另选劳模")
        kwargs.setdefault("link_to_chosen_text", "编辑劳模记录")
        super().__init__(model, **kwargs)

    def get_display_title(self, instance):
        return honoree_label(instance)


class HonoreeMultipleChooser(forms.Widget):
    template_name = "archive/widgets/honoree_multiple_chooser.html"
    allow_multiple_selected = True

    class Media:
        # chooser-modal.js is Wagtail's: it provides the chooser modal's steps (search, pagination, confirm).
        js = ["wagtailadmin/js/chooser-modal.js", "archive/js/honoree-chooser.js"]
        css = {"all": ["archive/css/honoree-chooser.css"]}

    def format_value(self, value):
        if value is None:
            return []
        if isinstance(value, str | int | models.Model):
            value = [value]
        return [str(item.pk if isinstance(item, models.Model) else item) for item in value if item not in ("", None)]

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        # No input at all means "none chosen": the editor removed every row.
        return False

    def id_for_label(self, id_):
        return id_

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["honorees"] = chosen_honorees(context["widget"]["value"])
        context["widget"]["chooser_url"] = reverse(Honoree.snippet_viewset.chooser_viewset.get_url_name("choose"))
        return context


def chosen_honorees(values: list[str]) -> list[Honoree]:
    """The records behind the submitted or saved ids, in the editor's order; ids that are not numbers are skipped
    (the form field reports them)."""
    ids = [int(value) for value in values if value.isdigit()]
    found = Honoree.objects.only("pk", "name", "employer", "external_id", "withdrawn").in_bulk(ids)
    return [found[pk] for pk in dict.fromkeys(ids) if pk in found]

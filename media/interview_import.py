"""The editors' import of an interview's segment index (CSV or OHMS XML) and a sitting's captions (WebVTT or SRT).

What is imported goes into a new draft revision of the page, which the editor reviews and publishes as usual. A file
with any error saves nothing: every problem is listed with its line number.
"""

from django import forms
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import captions as caption_files
from .interviews import ohms
from .models import InterviewPage, InterviewSegment

APPEND, REPLACE = "append", "replace"


class ImportForm(forms.Form):
    sitting = forms.TypedChoiceField(label="场次", coerce=int)
    index_file = forms.FileField(
        label="段落索引",
        required=False,
        help_text="CSV（start,title,synopsis,keywords,transcript）或 OHMS 导出的 XML。",
    )
    mode = forms.ChoiceField(
        label="导入方式",
        choices=[(REPLACE, "替换这一场原有的段落"), (APPEND, "追加到这一场原有的段落之后")],
        initial=REPLACE,
        widget=forms.RadioSelect,
    )
    captions_file = forms.FileField(
        label="字幕", required=False, help_text="WebVTT（.vtt）或 SRT（.srt），替换这一场原有的字幕。"
    )

    def __init__(self, *args, sittings: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sitting"].choices = [(n, f"第{n}场") for n in range(1, sittings + 1)]

    def clean_index_file(self):
        upload = self.cleaned_data.get("index_file")
        if upload is None:
            return None
        try:
            return ohms.parse_index(upload.read(), upload.name)
        except ohms.IndexFileError as error:
            raise forms.ValidationError(error.problems) from None

    def clean_captions_file(self):
        upload = self.cleaned_data.get("captions_file")
        if upload is None:
            return None
        try:
            vtt, _cues = caption_files.normalise(upload.read())
        except caption_files.CaptionError as error:
            raise forms.ValidationError(str(error)) from None
        return vtt

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not cleaned_data.get("index_file") and not cleaned_data.get("captions_file"):
            raise forms.ValidationError("请选择要导入的段落索引或字幕文件。")
        return cleaned_data


class InterviewImportView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportForm
    template_name = "media/admin/interview_import.html"
    page_title = "导入段落索引和字幕"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(InterviewPage, pk=kwargs["pk"])
        if not self.page.permissions_for_user(request.user).can_edit():
            return permission_denied(request)
        self.draft = self.page.get_latest_revision_as_object()
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.title

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sittings": max(len(self.draft.sittings.all()), 1)}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "page": self.page}

    def form_valid(self, form):
        number, rows = form.cleaned_data["sitting"], form.cleaned_data["index_file"]
        draft = self.draft
        with transaction.atomic():
            if rows:
                kept = [s for s in draft.segments.all() if form.cleaned_data["mode"] == APPEND or s.sitting != number]
                draft.segments = kept + [
                    InterviewSegment(
                        sitting=number,
                        start=row.start,
                        title=row.title,
                        synopsis=row.synopsis,
                        keywords="、".join(row.keywords),
                        transcript=row.transcript,
                    )
                    for row in rows
                ]
            vtt = form.cleaned_data["captions_file"]
            if vtt:
                sittings = list(draft.sittings.all())
                if number > len(sittings):
                    form.add_error("sitting", "这一场还没有录音：请先在编辑页添加场次。")
                    return self.form_invalid(form)
                sitting = sittings[number - 1]
                sitting.captions.save(f"{draft.slug}-{number}.vtt", ContentFile(vtt.encode("utf-8")), save=False)
                draft.sittings = sittings
            draft.save_revision(user=self.request.user, log_action=True, clean=False)
        done = [f"{len(rows)} 个段落" if rows else "", "字幕" if vtt else ""]
        messages.success(
            self.request, f"已导入第{number}场的{'和'.join(d for d in done if d)}，保存为草稿：请检查后发布。"
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))

"""The archive's admin tools: the import wizard (upload → preview → confirm → result) and the export.

The uploaded file waits in a private temporary folder under a random token that only the uploader's session
knows, so confirming never uploads it again. Confirming checks the file again against the archive as it is then:
what is imported is what the preview showed, unless someone changed the archive in between.
"""

import logging
import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.generic import FormView, TemplateView, View

from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .exporting import FORMATS, render
from .importing import COLUMNS, ImportFileError, ImportPlan, apply_plan, plan_import, read_table
from .models import Honoree
from .viewsets import HonoreeFilterSet

logger = logging.getLogger(__name__)

# An import creates, changes and publishes records, so it needs all three; exporting needs only to see them.
IMPORT_PERMISSIONS = ("archive.add_honoree", "archive.change_honoree", "archive.publish_honoree")
EXPORT_PERMISSIONS = ("archive.view_honoree",)

UPLOAD_DIR = Path(tempfile.gettempdir()) / "laomo-imports"
UPLOAD_MAX_AGE = 24 * 60 * 60
UPLOAD_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".json")
SESSION_KEY = "archive_imports"
SESSION_UPLOADS = 10  # the session remembers this many recent uploads and their results
PREVIEW_ROWS = 200  # rows shown per table in the preview; the counts are always complete
EXAMPLES = Path(__file__).resolve().parent / "examples"


def honoree_list_url() -> str:
    return reverse("wagtailsnippets_archive_honoree:list")


class PermissionRequiredMixin:
    permissions: tuple[str, ...] = IMPORT_PERMISSIONS

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.permissions):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class ArchiveAdminMixin(PermissionRequiredMixin, WagtailAdminTemplateMixin):
    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": honoree_list_url(), "label": "劳模记录"},
            {"url": "", "label": self.get_page_title()},
        ]


# --- Import -----------------------------------------------------------------------------------------------------


class UploadForm(forms.Form):
    file = forms.FileField(
        label="文件",
        error_messages={"required": "请选择要导入的文件。", "empty": "文件是空的。"},
        help_text="CSV、XLSX 或 JSON 文件，不超过 {} MB。CSV 可以是 UTF-8 或 Excel 默认保存的 GBK 编码。",
    )
    skip_invalid = forms.BooleanField(
        label="只导入无误的行",
        required=False,
        help_text="有错误的行将被跳过，其余各行照常导入。不勾选时，只要有一行有错误，就不导入任何记录。",
    )
    create_industries = forms.BooleanField(
        label="自动新建未知行业",
        required=False,
        help_text="文件中出现尚未登记的行业名称时，新建这个行业，而不是报错。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text.format(max_megabytes())

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.LAOMO_IMPORT_MAX_BYTES:
            raise ValidationError(f"文件太大：上限是 {max_megabytes()} MB。请分成几个文件导入。")
        if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise ValidationError("只接受 .csv、.xlsx 或 .json 文件。")
        data = upload.read()
        try:
            read_table(data, upload.name)
        except ImportFileError as error:
            raise ValidationError(str(error)) from error
        self.cleaned_data["content"] = data
        return upload


def max_megabytes() -> int:
    return settings.LAOMO_IMPORT_MAX_BYTES // (1024 * 1024)


def upload_path(token: str) -> Path:
    return UPLOAD_DIR / f"{token}.upload"


def store_upload(content: bytes) -> str:
    UPLOAD_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    cutoff = time.time() - UPLOAD_MAX_AGE
    for stale in UPLOAD_DIR.glob("*.upload"):
        if stale.stat().st_mtime < cutoff:
            stale.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    try:
        upload_path(token).write_bytes(content)
    except OSError:
        upload_path(token).unlink(missing_ok=True)  # never a half-written file that a preview could read
        raise
    return token


class ImportView(ArchiveAdminMixin, FormView):
    template_name = "archive/admin/import_upload.html"
    form_class = UploadForm
    page_title = "导入劳模记录"
    header_icon = "upload"

    def form_valid(self, form):
        try:
            token = store_upload(form.cleaned_data["content"])
        except OSError as error:
            logger.error("Import upload could not be stored in %s: %r", UPLOAD_DIR, error)
            form.add_error(
                "file",
                f"上传的文件无法保存：服务器的临时文件夹 {UPLOAD_DIR} 无法写入（{error.strerror or error}）。"
                "请稍后再试，或请系统管理员检查这个文件夹的空间和权限。",
            )
            return self.form_invalid(form)
        recent = list(self.request.session.get(SESSION_KEY, {}).items())[-(SESSION_UPLOADS - 1) :]
        uploads = dict(recent)
        uploads[token] = {
            "filename": form.cleaned_data["file"].name,
            "skip_invalid": form.cleaned_data["skip_invalid"],
            "create_industries": form.cleaned_data["create_industries"],
        }
        self.request.session[SESSION_KEY] = uploads
        return redirect("archive_admin:import_preview", token=token)

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=COLUMNS, **kwargs)


class UploadMixin:
    """Views of one upload, found by its token in the uploader's own session."""

    def dispatch(self, request, *args, token, **kwargs):
        self.token = token
        self.upload = request.session.get(SESSION_KEY, {}).get(token)
        if self.upload is None or not self.has_file():
            messages.error(request, "上传的文件已过期或已经导入，请重新上传。")
            return redirect("archive_admin:import")
        return super().dispatch(request, *args, **kwargs)

    def has_file(self) -> bool:
        return upload_path(self.token).exists()


class PreviewView(ArchiveAdminMixin, UploadMixin, TemplateView):
    template_name = "archive/admin/import_preview.html"
    page_title = "预览导入"
    header_icon = "upload"

    def plan(self) -> ImportPlan:
        content = upload_path(self.token).read_bytes()
        table = read_table(content, self.upload["filename"])
        return plan_import(table, create_industries=self.upload["create_industries"])

    def get(self, request, *args, **kwargs):
        try:
            plan = self.plan()
        except ImportFileError as error:
            messages.error(request, str(error))
            return redirect("archive_admin:import")
        return self.render_to_response(self.get_context_data(plan=plan, skip_invalid=self.upload["skip_invalid"]))

    def post(self, request, *args, **kwargs):
        skip_invalid = request.POST.get("skip_invalid") == "on"
        try:
            plan = self.plan()
        except ImportFileError as error:
            messages.error(request, str(error))
            return redirect("archive_admin:import")
        if plan.errors and not skip_invalid:
            messages.error(
                request, f"有 {plan.bad_rows} 行有错误，没有导入任何记录。请改正后重新上传，或选择只导入无误的行。"
            )
            return self.render_to_response(self.get_context_data(plan=plan, skip_invalid=skip_invalid))
        try:
            result = apply_plan(plan, user=request.user, skip_invalid=skip_invalid)
        except IntegrityError:
            messages.error(request, "导入时档案正被他人同时修改，没有导入任何记录。请重新预览后再确认。")
            return redirect("archive_admin:import_preview", token=self.token)
        upload_path(self.token).unlink(missing_ok=True)
        uploads = request.session.get(SESSION_KEY, {})
        uploads[self.token] = {**self.upload, "result": vars(result)}
        request.session[SESSION_KEY] = uploads
        return redirect("archive_admin:import_result", token=self.token)

    def get_context_data(self, *, plan: ImportPlan, **kwargs):
        return super().get_context_data(
            plan=plan,
            filename=self.upload["filename"],
            to_create=plan.to_create[:PREVIEW_ROWS],
            to_change=plan.to_change[:PREVIEW_ROWS],
            unchanged=plan.unchanged[:PREVIEW_ROWS],
            errors=plan.errors[: PREVIEW_ROWS * 5],
            preview_rows=PREVIEW_ROWS,
            can_import=bool(plan.to_create or plan.to_change),
            **kwargs,
        )


class ResultView(ArchiveAdminMixin, UploadMixin, TemplateView):
    template_name = "archive/admin/import_result.html"
    page_title = "导入完成"
    header_icon = "upload"

    def has_file(self) -> bool:
        return "result" in self.upload

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            result=self.upload["result"], filename=self.upload["filename"], list_url=honoree_list_url(), **kwargs
        )


class ExampleFileView(PermissionRequiredMixin, View):
    def get(self, request, fmt):
        example = EXAMPLES / f"honorees-example.{fmt}"
        if fmt not in ("csv", "xlsx") or not example.exists():
            raise Http404
        return FileResponse(example.open("rb"), as_attachment=True, filename=f"劳模档案导入示例.{fmt}")


# --- Export -----------------------------------------------------------------------------------------------------


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label="格式",
        choices=[
            ("csv", "CSV（UTF-8，Excel 可直接打开）"),
            ("xlsx", "Excel 工作簿（.xlsx）"),
            ("json", "JSON"),
        ],
        initial="csv",
    )


class ExportView(ArchiveAdminMixin, TemplateView):
    """The same filters as the records listing (a link can carry the listing's query string); all formats."""

    template_name = "archive/admin/export.html"
    page_title = "导出劳模记录"
    header_icon = "download"
    permissions = EXPORT_PERMISSIONS

    def get(self, request, *args, **kwargs):
        filters = HonoreeFilterSet(request.GET or None, queryset=Honoree.objects.all(), request=request)
        form = ExportForm(request.GET if "format" in request.GET else None)
        if "download" in request.GET and form.is_valid():
            fmt = form.cleaned_data["format"]
            content, _count = render(fmt, filters.qs)
            filename = f"劳模档案-{timezone.localdate():%Y%m%d}.{fmt}"
            return HttpResponse(
                content,
                content_type=FORMATS[fmt],
                headers={"Content-Disposition": content_disposition_header(True, filename)},
            )
        return self.render_to_response(self.get_context_data(filters=filters, form=form, count=filters.qs.count()))


urlpatterns = [
    path("import/", ImportView.as_view(), name="import"),
    path("import/example.<str:fmt>", ExampleFileView.as_view(), name="import_example"),
    path("import/<slug:token>/", PreviewView.as_view(), name="import_preview"),
    path("import/<slug:token>/done/", ResultView.as_view(), name="import_result"),
    path("export/", ExportView.as_view(), name="export"),
]

"""Wagtail's multiple-upload views, answering a storage failure with the page's own error instead of a 500.

See uploads.py; wagtail_hooks.py mounts these at Wagtail's addresses, in front of the originals."""

from django.db import transaction
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.documents.views import multiple as document_uploads
from wagtail.images.views import multiple as image_uploads

from core.uploads import STORAGE_ERRORS, staff_message

from .uploads import log_failure


class _StorageFailed(Exception):
    def __init__(self, form, message: str):
        super().__init__(message)
        self.form, self.message = form, message


class SafeMultipleAddMixin:
    """The multiple upload: a file that cannot be held back for its details gets the page's per-file error."""

    def post(self, request):
        try:
            with transaction.atomic():  # a failed write inside a save must not spoil the request's transaction
                return super().post(request)
        except STORAGE_ERRORS as error:
            storage = self.get_model()._meta.get_field("file").storage
            log_failure(f"{self.get_model()._meta.verbose_name} upload", storage, error)
            return JsonResponse({"success": False, "error_message": staff_message(storage, error)})


class SafeCreateFromUploadMixin:
    """Turning a held-back upload into an image or document: the details form comes back with the message."""

    def save_object(self, form):
        try:
            with transaction.atomic():
                super().save_object(form)
        except STORAGE_ERRORS as error:
            log_failure(f"{self.model._meta.verbose_name} upload", self.object.file.storage, error)
            raise _StorageFailed(form, staff_message(self.object.file.storage, error)) from error

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except _StorageFailed as failure:
            failure.form.add_error(None, failure.message)
            context = {
                self.context_upload_name: self.upload,
                "edit_action": reverse(self.edit_upload_url_name, args=(self.upload.id,)),
                "delete_action": reverse(self.delete_upload_url_name, args=(self.upload.id,)),
                "form": failure.form,
            }
            form_html = render_to_string(self.edit_form_template_name, context, request=request)
            return JsonResponse({"success": False, "form": form_html})


class ImageMultipleAddView(SafeMultipleAddMixin, image_uploads.AddView):
    pass


class ImageCreateFromUploadView(SafeCreateFromUploadMixin, image_uploads.CreateFromUploadedImageView):
    pass


class DocumentMultipleAddView(SafeMultipleAddMixin, document_uploads.AddView):
    pass


class DocumentCreateFromUploadView(SafeCreateFromUploadMixin, document_uploads.CreateFromUploadedDocumentView):
    pass

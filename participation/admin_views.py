"""Evidence files for archivists: served only through the admin, never from a public URL."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from .models import CorrectionEvidence

PERMISSIONS = ("participation.view_correction", "participation.change_correction")


def evidence_file(request, pk):
    if not any(request.user.has_perm(permission) for permission in PERMISSIONS):
        raise PermissionDenied
    evidence = get_object_or_404(CorrectionEvidence, pk=pk)
    # Checked images open in the browser; PDFs download, so no viewer plug-in runs them inside the admin.
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=not evidence.is_image,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [path("evidence/<int:pk>/", evidence_file, name="evidence")]

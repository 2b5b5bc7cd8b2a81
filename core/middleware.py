"""Requests no page can answer meaningfully are refused before any view sees them; text answers are gzipped."""

from dataclasses import replace

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse, QueryDict
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse

from csp.middleware import CSPMiddleware

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
    "application/javascript",
)


NUL_MESSAGE = "参数中不能含有空字符（%00）。"


class RejectNulBytesMiddleware:
    """A NUL character is never meaningful in a URL or a form, and PostgreSQL refuses it in text: one rule for the
    whole site.

    In the path, in any query parameter or in any field of a urlencoded form (name or value) it is answered 400
    before any view sees it: in Chinese on pages, and in the API's own error format on /api/ (laomo/api.py). A
    multipart form is left unread here, because a view may still set its upload handlers (the corrections form
    does); Django's form fields refuse a NUL in it, and a view that reads such a form's fields itself calls
    refuse_nul() on them. Uploaded files are never looked at: their bytes are no text.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return _refused(request, "地址", "请求地址中含有空字符（%00），无法处理。")
        if "%00" in request.META.get("QUERY_STRING", "") and (refusal := refuse_nul(request, request.GET)):
            return refusal
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            # Parsed apart from request.POST, which would fix the upload handlers for the view.
            body = request.body
            if (b"%00" in body or b"\x00" in body) and (refusal := refuse_nul(request, QueryDict(body))):
                return refusal
        return self.get_response(request)


def refuse_nul(request, data: QueryDict):
    """The 400 answer when any name or value in ``data`` holds a NUL, else None."""
    names = [name for name, values in data.lists() if "\x00" in name + "".join(values)]
    return _refused(request, names[0], NUL_MESSAGE) if names else None


def _refused(request, name: str, message: str):
    if request.path.startswith("/api/"):
        body = {"detail": "参数有误", "errors": {name: message}}
        return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
    return HttpResponseBadRequest(message.encode(), content_type="text/plain; charset=utf-8")


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH length padding), for text only.

    Django's own would also compress uploads served by the app (images, video: already compressed) and every
    streamed file. Pages are cached uncompressed and compressed on the way out, so one cache entry serves
    both kinds of client."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one relaxation, confined to the signed-in Wagtail admin.

    Wagtail 8 still writes inline scripts that start its widgets (choosers, InlinePanel, date pickers: see
    wagtail/wagtail#1288), so the admin gets `LAOMO_ADMIN_CSP_UPDATE` ('unsafe-inline' scripts). A nonce would make
    browsers ignore 'unsafe-inline', so none is sent there. Public pages and the admin's login page, the only admin
    page an anonymous visitor reaches, keep the strict policy from settings.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or not _is_signed_in_admin_path(request.path_info):
            return parts
        update = dict(parts.update or {})
        for directive, sources in settings.LAOMO_ADMIN_CSP_UPDATE.items():
            update[directive] = [*update.get(directive, []), *sources]
        return replace(parts, update=update, nonce=None)


def _is_signed_in_admin_path(path: str) -> bool:
    admin_root = reverse("wagtailadmin_home")
    return path.startswith(admin_root) and not path.startswith(reverse("wagtailadmin_login"))

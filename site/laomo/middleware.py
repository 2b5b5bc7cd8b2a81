"""Requests no page can answer meaningfully are refused before any view sees them; text answers are gzipped."""

from django.http import HttpResponseBadRequest
from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
    "application/javascript",
)


class RejectNulBytesMiddleware:
    """A NUL byte is never meaningful in a URL path, and PostgreSQL refuses it in text: answer 400, not 500.

    Query strings are left to the views and the API, which answer a NUL in a parameter with their own messages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseBadRequest(
                "请求地址中含有空字符（%00），无法处理。".encode(), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH length padding), for text only.

    Django's own would also compress uploads served by the app (images, video: already compressed) and every
    streamed file. Pages are cached uncompressed and compressed on the way out, so one cache entry serves
    both kinds of client."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)

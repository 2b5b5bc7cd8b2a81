"""Requests no page can answer meaningfully, refused before any view or database sees them."""

from django.http import HttpResponseBadRequest


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

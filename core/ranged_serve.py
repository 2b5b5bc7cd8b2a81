"""Uploads served by the app itself (runserver, LAOMO_SERVE_UPLOADS) answer byte-range requests as nginx, S3 and
every CDN do, so a browser can jump to any second of a film or an interview (…?t=754) without first fetching the
whole file. Django's own static serve answers the whole file every time."""

import re

from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.views.static import serve

# One range, as browsers send for media ("bytes=0-", "bytes=1000-1999", "bytes=-500"). Several ranges or anything
# else get the whole file, which RFC 9110 allows. 18 digits: beyond any file, and int() stays cheap.
SINGLE_RANGE = re.compile(r"bytes=(\d{0,18})-(\d{0,18})")
CHUNK = 64 * 1024


def serve_with_ranges(request, path, document_root=None):
    response = serve(request, path, document_root=document_root)
    if response.status_code != 200 or not isinstance(response, FileResponse):
        return response
    response["Accept-Ranges"] = "bytes"
    wanted = SINGLE_RANGE.fullmatch(request.headers.get("Range", "").strip())
    if_range = request.headers.get("If-Range")
    if not wanted or not any(wanted.groups()) or (if_range and if_range != response.get("Last-Modified")):
        return response
    size = int(response["Content-Length"])
    first, last = _bounds(*wanted.groups(), size)
    if first is None:
        response.file_to_stream.close()  # not response.close(): that would announce the end of the request
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    file = response.file_to_stream
    file.seek(first)
    partial = StreamingHttpResponse(_read(file, last - first + 1), status=206, content_type=response["Content-Type"])
    partial["Content-Range"] = f"bytes {first}-{last}/{size}"
    partial["Content-Length"] = str(last - first + 1)
    partial["Accept-Ranges"] = "bytes"
    for header in ("Last-Modified", "Content-Disposition"):
        if header in response:
            partial[header] = response[header]
    return partial


def _bounds(start: str, end: str, size: int) -> tuple[int | None, int | None]:
    """The first and last byte of the range, or (None, None) when it is outside the file."""
    if start == "":  # the last `end` bytes
        length = int(end)
        return (max(0, size - length), size - 1) if length and size else (None, None)
    first = int(start)
    last = min(int(end), size - 1) if end else size - 1
    return (first, last) if first < size and first <= last else (None, None)


def _read(file, remaining: int):
    try:
        while remaining > 0:
            chunk = file.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        file.close()


def serve_stored_file(request, file):
    """A stored file (a FieldFile) answered by the app, with byte ranges: from the disk when the storage has one,
    else by a redirect to the storage's own address (S3 and its kind answer ranges themselves)."""
    storage = file.storage
    if isinstance(storage, FileSystemStorage):
        return serve_with_ranges(request, file.name, document_root=storage.location)
    return HttpResponseRedirect(storage.url(file.name))

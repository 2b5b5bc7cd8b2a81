"""Uploads served by the app answer byte ranges, so a browser can jump to any second of a film or an interview."""

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, InMemoryStorage
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.test import RequestFactory
from django.utils.http import http_date

import pytest

from core.ranged_serve import serve_stored_file, serve_with_ranges

CONTENT = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def upload(tmp_path):
    (tmp_path / "films").mkdir()
    (tmp_path / "films" / "clip.mp4").write_bytes(CONTENT)
    return tmp_path


def fetch(upload, **headers):
    request = RequestFactory().get("/uploads/films/clip.mp4", headers=headers)
    return serve_with_ranges(request, "films/clip.mp4", document_root=str(upload))


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_without_a_range_the_whole_file_says_it_takes_ranges(upload):
    response = fetch(upload)
    assert response.status_code == 200 and response["Accept-Ranges"] == "bytes"
    assert body(response) == CONTENT


@pytest.mark.parametrize(
    "asked, first, last",
    [
        ("bytes=0-", 0, 10_239),
        ("bytes=1000-1999", 1000, 1999),
        ("bytes=-500", 9_740, 10_239),
        ("bytes=10000-99999", 10_000, 10_239),
    ],
)
def test_one_range_is_answered_206_with_exactly_those_bytes(upload, asked, first, last):
    response = fetch(upload, Range=asked)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/10240"
    assert response["Content-Length"] == str(last - first + 1) and response["Content-Type"] == "video/mp4"
    assert body(response) == CONTENT[first : last + 1]


@pytest.mark.parametrize("asked", ["bytes=10240-", "bytes=20000-30000", "bytes=-0", "bytes=5-4"])
def test_a_range_outside_the_file_is_416(upload, asked):
    response = fetch(upload, Range=asked)
    assert response.status_code == 416 and response["Content-Range"] == "bytes */10240"


@pytest.mark.parametrize("asked", ["bytes=0-1,5-9", "items=0-10", "bytes=x-y", "bytes=-", "bytes=" + "9" * 40 + "-"])
def test_what_is_not_one_plain_range_gets_the_whole_file(upload, asked):
    response = fetch(upload, Range=asked)
    assert response.status_code == 200 and body(response) == CONTENT


def test_a_changed_file_is_sent_whole_to_if_range(upload):
    response = fetch(upload, Range="bytes=0-9", **{"If-Range": http_date(0)})
    assert response.status_code == 200 and body(response) == CONTENT
    current = fetch(upload)["Last-Modified"]
    assert fetch(upload, Range="bytes=0-9", **{"If-Range": current}).status_code == 206


def test_a_missing_file_is_still_404(upload):
    with pytest.raises(Http404):
        serve_with_ranges(RequestFactory().get("/x"), "films/none.mp4", document_root=str(upload))


def test_a_stored_file_is_served_from_disk_with_ranges_or_sent_to_its_store(upload):
    class Field:  # what FieldFile needs of its model field
        storage = None

    on_disk = FileSystemStorage(location=str(upload))
    field = Field()
    field.storage = on_disk
    request = RequestFactory().get("/", headers={"Range": "bytes=0-9"})
    served = serve_stored_file(request, FieldFile(None, field, "films/clip.mp4"))
    assert served.status_code == 206 and body(served) == CONTENT[:10]
    # A store with no disk (S3 and its kind) answers ranges itself: the visitor is sent there.
    elsewhere = InMemoryStorage(base_url="https://store.example/uploads/")
    elsewhere.save("films/clip.mp4", ContentFile(CONTENT))
    field.storage = elsewhere
    sent = serve_stored_file(request, FieldFile(None, field, "films/clip.mp4"))
    assert sent.status_code == 302 and sent["Location"] == "https://store.example/uploads/films/clip.mp4"

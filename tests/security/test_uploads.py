"""Uploads: file names that try to leave the upload folder, and files that lie about their type.

The test client strips directories from file names before sending, so these requests are built by hand,
exactly as a hostile browser would send them.
"""

import io
import os
import uuid
from pathlib import Path

from django.conf import settings

import pytest
from PIL import Image

from media.models import SiteImage

pytestmark = pytest.mark.django_db

TRAVERSAL_NAMES = [
    "../../etc/passwd.png",
    "..\\..\\windows\\win.png",
    "/etc/cron.d/evil.png",
    "&#46;&#46;&#47;&#46;&#46;&#47;entity.png",  # Django unescapes HTML entities in file names
    "..%2F..%2Fencoded.png",
    "C:..\\drive.png",
    "....//....//double.png",
    "name\x00.png",
]


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = f"----laomo{uuid.uuid4().hex}"
    lines = []
    for name, value in fields.items():
        lines += [f"--{boundary}", f'Content-Disposition: form-data; name="{name}"', "", value]
    body = "\r\n".join(lines).encode() + (b"\r\n" if lines else b"")
    for name, (filename, content, content_type) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        body += head.encode("utf-8", "surrogateescape") + f"Content-Type: {content_type}\r\n\r\n".encode()
        body += content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def png_bytes(size=(8, 8), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def media_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()}


def add_image(client, filename: str, content: bytes, content_type="image/png"):
    body, content_type_header = multipart(
        {"title": "上传测试", "description": "一张测试图片"}, {"file": (filename, content, content_type)}
    )
    return client.post("/admin/images/add/", data=body, content_type=content_type_header)


@pytest.mark.parametrize("group", ["编辑", "审核", "档案管理员"])
def test_editorial_groups_may_open_the_image_upload_form(client, make_user, group):
    """Wagtail checks wagtailimages' collection permissions even for our SiteImage model (media migration 0003)."""
    client.force_login(make_user(f"upload-{group}", group))
    assert client.get("/admin/images/add/").status_code == 200


@pytest.fixture
def editor_client(client, make_user):
    client.force_login(make_user("upload-editor", "编辑"))
    assert client.get("/admin/images/add/").status_code == 200
    return client


@pytest.mark.parametrize("filename", TRAVERSAL_NAMES)
def test_image_upload_names_cannot_leave_the_upload_folder(editor_client, filename):
    before = SiteImage.objects.count()
    response = add_image(editor_client, filename, png_bytes())
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert SiteImage.objects.count() == before + 1
    media_root = Path(settings.MEDIA_ROOT).resolve()
    for image in SiteImage.objects.order_by("-pk")[:1]:
        stored = Path(image.file.path).resolve()
        assert stored.is_relative_to(media_root), stored
        assert ".." not in Path(image.file.name).parts, image.file.name  # "..2F..2Fx.png" is a harmless name
        assert "\\" not in image.file.name and "\x00" not in image.file.name
        assert stored.parent == media_root / "original_images"
    # Nothing was written next to MEDIA_ROOT or above it.
    for escaped in ("etc", "windows", "encoded.png", "drive.png", "double.png"):
        assert not (media_root.parent / escaped).exists()


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    "filename, content, content_type",
    [
        ("portrait.png", HTML, "image/png"),
        ("portrait.jpg", HTML, "image/jpeg"),
        ("portrait.svg", SVG, "image/svg+xml"),
        ("portrait.png", SVG, "image/png"),
        ("portrait.png", b"GIF89a" + HTML, "image/png"),  # a GIF signature, then HTML
        ("portrait.jpg", png_bytes(), "image/jpeg"),  # a real PNG that says it is a JPEG
        ("portrait.html", png_bytes() + HTML, "text/html"),  # a real PNG with HTML after it, named .html
        ("portrait.png.php", png_bytes(), "image/png"),
        ("portrait.png", b"", "image/png"),
    ],
    ids=["html-as-png", "html-as-jpg", "svg-script", "svg-as-png", "gif-magic-html", "png-as-jpg", "polyglot-html",
         "double-extension", "empty"],
)  # fmt: skip
def test_files_that_lie_about_their_type_are_refused_and_nothing_is_saved(
    editor_client, filename, content, content_type
):
    before_rows, before_files = SiteImage.objects.count(), media_files()
    response = add_image(editor_client, filename, content, content_type)
    assert response.status_code == 200  # the form again, with an error
    assert response.context["form"].errors.get("file"), response.context["form"].errors
    assert SiteImage.objects.count() == before_rows
    assert media_files() == before_files


def test_uploaded_documents_are_served_inert(editor_client, client):
    """An HTML file named .pdf is served as a PDF download with its own locked-down CSP, never as a page."""
    from wagtail.documents import get_document_model

    body, content_type = multipart({"title": "资料"}, {"file": ("notes.pdf", HTML, "application/pdf")})
    response = editor_client.post("/admin/documents/add/", data=body, content_type=content_type)
    assert response.status_code == 302
    document = get_document_model().objects.get(title="资料")
    served = client.get(document.url)
    assert served.status_code == 200
    assert "html" not in served["Content-Type"]
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"
    if hasattr(served, "close"):
        served.close()


@pytest.mark.parametrize("filename", ["../../../../tmp/laomo-evil.csv", "..\\..\\laomo-evil.csv", "evil.csv\x00.png"])
def test_import_upload_names_never_become_paths(client, make_user, filename):
    from archive import admin_views

    client.force_login(make_user("upload-archivist", "档案管理员"))
    csv = "编号,姓名,荣誉\nSEC-UP-1,测试,2015 全国劳动模范\n".encode()
    before = set(admin_views.UPLOAD_DIR.glob("*")) if admin_views.UPLOAD_DIR.exists() else set()
    body, content_type = multipart({}, {"file": (filename, csv, "text/csv")})
    response = client.post("/admin/archive/import/", data=body, content_type=content_type)
    assert response.status_code in (200, 302)
    created = set(admin_views.UPLOAD_DIR.glob("*")) - before
    for path in created:
        assert path.parent == admin_views.UPLOAD_DIR and path.suffix == ".upload"
        assert path.stem.replace("-", "").replace("_", "").isalnum()
        path.unlink()
    assert not Path("/tmp/laomo-evil.csv").exists()
    for upload in client.session.get(admin_views.SESSION_KEY, {}).values():
        assert "/" not in upload["filename"] and "\\" not in upload["filename"] and ".." not in upload["filename"]
    assert not os.path.exists(admin_views.UPLOAD_DIR.parent / "laomo-evil.csv")

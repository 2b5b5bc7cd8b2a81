"""Admin uploads into a storage that cannot be written: the form again with a message naming the folder, what was
typed kept, no row pointing to a missing file, one log line (issue 14, finding 7).

The failing storage is real, not a mock: MEDIA_ROOT lies under a plain file, so creating any folder in it fails
with an OSError — as a full disk, a missing mount or a read-only folder would, and whoever runs the tests (root
ignores permission bits)."""

import json
import logging

from django.urls import resolve

from wagtail.documents import get_document_model
from wagtail.models import UploadedFile

import pytest

from media.models import SiteImage
from media.upload_views import DocumentMultipleAddView, ImageMultipleAddView

from .test_uploads import multipart, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_media_root(settings, tmp_path):
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = str(blocker / "uploads")
    return blocker


@pytest.fixture
def editor(client, make_user):
    client.force_login(make_user("storage-editor", "编辑"))
    return client


def errors_logged(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


def test_image_upload_keeps_the_form_and_names_the_folder(editor, broken_media_root, caplog):
    body, content_type = multipart(
        {"title": "张广义在柜台前", "description": "张广义在柜台前修理钢笔"},
        {"file": ("pen.png", png_bytes(), "image/png")},
    )
    with caplog.at_level(logging.ERROR):
        response = editor.post("/admin/images/add/", data=body, content_type=content_type)

    html = response.content.decode()
    assert response.status_code == 200
    assert f"文件无法保存到文件夹 {broken_media_root}" in html
    assert "张广义在柜台前修理钢笔" in html and 'value="张广义在柜台前"' in html
    assert not SiteImage.objects.filter(title="张广义在柜台前").exists()
    assert len(errors_logged(caplog)) == 1


def test_document_upload_keeps_the_form(editor, broken_media_root, settings, caplog):
    # Needs WAGTAILDOCS_DOCUMENT_FORM_BASE = "media.forms.SiteDocumentForm" in the settings.
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "media.forms.SiteDocumentForm"
    body, content_type = multipart(
        {"title": "1956年表彰名单"}, {"file": ("list.pdf", b"%PDF-1.4\n", "application/pdf")}
    )
    with caplog.at_level(logging.ERROR):
        response = editor.post("/admin/documents/add/", data=body, content_type=content_type)

    assert response.status_code == 200
    assert "文件无法保存到文件夹" in response.content.decode() and "1956年表彰名单" in response.content.decode()
    assert not get_document_model().objects.filter(title="1956年表彰名单").exists()
    assert len(errors_logged(caplog)) == 1


@pytest.mark.parametrize(
    "path, view",
    [
        ("/admin/images/multiple/add/", ImageMultipleAddView),
        ("/admin/documents/multiple/add/", DocumentMultipleAddView),
    ],
)
def test_multiple_upload_answers_with_its_own_error(editor, broken_media_root, caplog, path, view):
    assert resolve(path).func.view_class is view  # mounted in front of Wagtail's own view
    name = "pen.png" if "images" in path else "list.pdf"
    content = png_bytes() if "images" in path else b"%PDF-1.4\n"
    before = (SiteImage.objects.count(), get_document_model().objects.count(), UploadedFile.objects.count())
    body, content_type = multipart({}, {"files[]": (name, content, "application/octet-stream")})
    with caplog.at_level(logging.ERROR):
        response = editor.post(path, data=body, content_type=content_type, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["success"] is False and "文件无法保存到文件夹" in answer["error_message"]
    assert (SiteImage.objects.count(), get_document_model().objects.count(), UploadedFile.objects.count()) == before
    assert len(errors_logged(caplog)) == 1


def test_a_lesson_worksheet_is_still_sent_when_it_cannot_be_stored(client, broken_media_root, caplog):
    from exhibits.models import LessonPage
    from exhibits.worksheets import refresh_worksheet

    lesson = LessonPage.objects.live().first()
    with caplog.at_level(logging.ERROR):
        response = client.get(lesson.worksheet_url())
        pdf = b"".join(response.streaming_content)
    assert response.status_code == 200 and pdf.startswith(b"%PDF")
    assert len(errors_logged(caplog)) == 1

    refresh_worksheet(lesson.pk)  # on publish: logged, never raised into the publishing request
    assert len(errors_logged(caplog)) == 2

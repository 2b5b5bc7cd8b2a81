"""An evidence folder that cannot be written: the sender gets a clear message and the form back with what they
typed, nothing is half-saved, and the failure is logged once (issue 14, finding 7)."""

import logging
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from participation.models import Correction, CorrectionEvidence, evidence_storage

from .conftest import png_bytes
from .test_corrections import submit

pytestmark = pytest.mark.django_db

MESSAGE = "上传暂时无法保存，请稍后再试。"


def photo(name="老照片.png", colour=(158, 27, 31)):
    return SimpleUploadedFile(name, png_bytes(colour=colour), content_type="image/png")


@pytest.mark.parametrize(
    "error", [PermissionError(13, "Permission denied"), OSError(28, "No space left on device")], ids=["perm", "full"]
)
def test_unwritable_evidence_storage_keeps_the_form_and_saves_nothing(client, caplog, error):
    with mock.patch.object(evidence_storage, "_save", side_effect=error), caplog.at_level(logging.ERROR):
        response = submit(client, files=[photo()], suggested_text="保留这段建议的文字")

    html = response.content.decode()
    assert response.status_code == 200
    assert MESSAGE in html
    assert "保留这段建议的文字" in html and "微信 zhang-private-188" in html and "孙女" in html
    assert not Correction.objects.exists() and not CorrectionEvidence.objects.exists()
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(failures) == 1 and "evidence" in failures[0].getMessage()


def test_a_failure_on_the_second_file_removes_the_first(client, settings):
    real_save = evidence_storage._save
    calls = []

    def second_fails(name, content):
        calls.append(name)
        if len(calls) == 2:
            raise PermissionError(13, "Permission denied")
        return real_save(name, content)

    with mock.patch.object(evidence_storage, "_save", side_effect=second_fails):
        response = submit(client, files=[photo("一.png"), photo("二.png", colour=(1, 2, 3))])

    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert len(calls) == 2
    assert not evidence_storage.exists(calls[0])  # removed again: no file without its record
    assert not Correction.objects.exists()


def test_the_same_form_is_sent_again_once_the_storage_works(client):
    with mock.patch.object(evidence_storage, "_save", side_effect=PermissionError(13, "Permission denied")):
        submit(client, files=[photo()])
    response = submit(client, files=[photo()])
    assert response.status_code == 302
    assert Correction.objects.get().evidence.count() == 1

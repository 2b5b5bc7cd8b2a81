"""The import wizard's upload folder cannot be written: the form again, naming the folder (issue 14, finding 7)."""

import logging

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from archive import admin_views

from .test_import import GOOD, IMPORT_URL, make_csv

pytestmark = pytest.mark.django_db


def test_an_unwritable_upload_folder_keeps_the_form_and_names_the_folder(
    client, make_user, tmp_path, caplog, monkeypatch
):
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("")
    monkeypatch.setattr(admin_views, "UPLOAD_DIR", blocker / "imports")
    client.force_login(make_user("archivist", "档案管理员"))

    with caplog.at_level(logging.ERROR):
        response = client.post(
            IMPORT_URL, {"file": SimpleUploadedFile("records.csv", make_csv(GOOD)), "skip_invalid": "on"}
        )

    html = response.content.decode()
    assert response.status_code == 200
    assert f"服务器的临时文件夹 {blocker / 'imports'} 无法写入" in html
    assert 'name="skip_invalid"' in html and "checked" in html.split('name="skip_invalid"', 1)[1].split(">", 1)[0]
    assert not client.session.get(admin_views.SESSION_KEY)
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 1

"""Editors add a film in the admin: captions uploaded as SRT are stored as WebVTT; bad ones are explained."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from archive.models import Honoree
from media.models import FilmPage, FilmTheme

pytestmark = pytest.mark.django_db

SRT = "1\n00:00:01,000 --> 00:00:03,000\n小汤山工程建设一线\n"


def film_form(caption: bytes, **fields) -> dict:
    data = {
        "title": "后台新建的影片",
        "slug": "admin-film",
        "summary": "编辑在后台新建的影片。",
        "video": "",
        "embed_url": "https://v.qq.com/x/page/a0000000001.html",
        "poster": "",
        "year": "2020",
        "duration": "12:34",
        "director": "",
        "producer": "",
        "chapters": "00:00 开篇",
        "transcript": "00:01 小汤山工程建设一线",
        "captions": inline_formset(
            [{"language": "zh-Hans", "label": "中文字幕", "file": SimpleUploadedFile("字幕.srt", caption)}]
        ),
    }
    data.update(fields)
    form = nested_form_data(data)
    # Multiple choices are repeated keys, which nested_form_data would number instead.
    form["themes"] = [FilmTheme.objects.get(slug="kang-yi-yi-xian").pk]
    form["honorees"] = [Honoree.objects.get(external_id="SRC-0002").pk]
    return form


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("media", "filmpage", index.pk))


def test_editor_creates_a_film_with_srt_captions(client, make_user, film_index):
    client.force_login(make_user("film-editor", superuser=True))
    response = client.post(add_url(film_index), film_form(SRT.encode("utf-8")))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    film = FilmPage.objects.get(slug="admin-film")
    assert film.duration.total_seconds() == 12 * 60 + 34
    assert [t.slug for t in film.themes.all()] == ["kang-yi-yi-xian"]
    assert [h.external_id for h in film.honorees.all()] == ["SRC-0002"]
    caption = film.captions.get()
    assert caption.file.name.endswith(".vtt")
    with caption.file.open("rb") as stream:
        assert stream.read().decode("utf-8") == "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n小汤山工程建设一线\n"
    revision_caption = film.get_latest_revision().content["captions"][0]
    assert revision_caption["file"] == caption.file.name  # the draft points at the converted file


def test_bad_captions_and_a_missing_source_are_explained(client, make_user, film_index):
    client.force_login(make_user("film-editor-2", superuser=True))
    bad = "1\n00:00:01,000 --> 00:00:03,000\n第一句\n\n2\n00:00:04 --> 00:00:05\n第二句\n"
    response = client.post(add_url(film_index), film_form(bad.encode("utf-8"), embed_url=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "第 6 行：时间格式应为 00:00:01,000 --&gt; 00:00:04,000" in html
    assert "请选择上传的视频文件，或填写外部视频网址（二选一）。" in html
    assert not FilmPage.objects.filter(slug="admin-film").exists()


def test_admin_screens_open(client, make_user):
    client.force_login(make_user("film-editor-3", superuser=True))
    film = FilmPage.objects.get(slug="zhang-guangyi")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(film.pk,)))
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "影片（上传视频或填写外部网址，二选一）" in html and "字幕文件" in html
    assert 'enctype="multipart/form-data"' in html  # caption files can be sent
    themes = client.get(reverse("wagtailsnippets_media_filmtheme:list"))
    assert themes.status_code == 200 and "抗疫一线" in themes.content.decode()
    assert client.get(reverse("wagtailmedia:add", args=("video",))).status_code == 200
    assert client.get(reverse("wagtailimages:add")).status_code == 200

"""Editors add a film in the admin: captions uploaded as SRT are stored as WebVTT; bad ones are explained; a video
whose check failed is shown with the reason in the film list and the edit view, and cannot be published."""

import io
import re

from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtailmedia.models import Media

import pytest

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


# --- the video check, as editors see it ------------------------------------------------------------------------
UNREADABLE = "FFmpeg 无法读取这个文件（Invalid data found when processing input），它可能已经损坏，或者不是视频。"


@pytest.fixture
def broken_video(db):
    item = Media(title="坏掉的原片", type="video", duration=95)
    item.file.save("broken.mp4", File(io.BytesIO(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)), save=False)
    item.save()
    return item


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_film_list_shows_each_films_source_and_the_reason_a_check_failed(client, make_user, make_film, broken_video):
    client.force_login(make_user("film-editor-4", superuser=True))
    make_film("原片损坏的影片", "broken-film", video=broken_video, embed_url="")
    response = client.get(reverse("filmpages:index"))
    assert response.status_code == 200
    rows = {
        title: text_of(row)
        for row in re.findall(r"<tr[^>]*>.*?</tr>", response.content.decode(), re.S)
        if (title := next((t for t in ("原片损坏的影片", "一生只干一件事") if t in row), None))
    }
    assert f"视频有问题 {UNREADABLE}" in rows["原片损坏的影片"]
    assert "视频正常" in rows["一生只干一件事"] and "视频有问题" not in rows["一生只干一件事"]
    menu = client.get(reverse("wagtailadmin_home")).content.decode()  # the sidebar's items, as JSON
    assert reverse("filmpages:index") in menu and "\\u5168\\u90e8\\u5f71\\u7247" in menu  # 全部影片


def test_edit_view_shows_the_check_and_its_reason(client, make_user, make_film, broken_video):
    client.force_login(make_user("film-editor-5", superuser=True))
    film = make_film("原片损坏的影片", "broken-film", video=broken_video, embed_url="")
    html = text_of(client.get(reverse("wagtailadmin_pages:edit", args=(film.pk,))).content.decode())
    assert f"视频检查发现问题。访客仍能看到播放器，但请尽快处理： {UNREADABLE}" in html
    assert "没有海报" not in html  # a file that cannot be read has no frame: the one reason is enough
    demo = FilmPage.objects.get(slug="zhang-guangyi")
    html = text_of(client.get(reverse("wagtailadmin_pages:edit", args=(demo.pk,))).content.decode())
    assert "视频检查正常：H.264 视频 + AAC 音频，640×360，8 秒" in html
    external = make_film("外部影片", "external-film", embed_url="https://www.bilibili.com/video/BV1xx411c7mD?p=2")
    html = text_of(client.get(reverse("wagtailadmin_pages:edit", args=(external.pk,))).content.decode())
    assert "外部视频（哔哩哔哩）：访客点击后打开 https://www.bilibili.com/video/BV1xx411c7mD/?p=2" in html


def test_a_film_whose_video_cannot_play_is_saved_as_a_draft_but_not_published(
    client, make_user, film_index, broken_video
):
    client.force_login(make_user("film-editor-6", superuser=True))
    form = film_form(SRT.encode("utf-8"), video=str(broken_video.pk), embed_url="")
    response = client.post(add_url(film_index), {**form, "action-publish": "action-publish"})
    assert response.status_code == 200
    assert response.context["form"].errors["video"] == [
        f"这个视频无法播放，影片不能发布：{UNREADABLE}请重新上传视频，或改填外部视频网址。"
    ]
    assert not FilmPage.objects.filter(slug="admin-film").exists()

    form = film_form(SRT.encode("utf-8"), video=str(broken_video.pk), embed_url="")
    response = client.post(add_url(film_index), form)  # 保存草稿
    assert response.status_code == 302, response.context["form"].errors
    draft = FilmPage.objects.get(slug="admin-film")
    assert not draft.live and draft.video == broken_video


def test_a_video_whose_file_is_gone_cannot_be_published(client, make_user, film_index, broken_video):
    client.force_login(make_user("film-editor-7", superuser=True))
    broken_video.file.storage.delete(broken_video.file.name)
    form = film_form(SRT.encode("utf-8"), video=str(broken_video.pk), embed_url="")
    response = client.post(add_url(film_index), {**form, "action-publish": "action-publish"})
    assert response.context["form"].errors["video"] == [
        "这个视频无法播放，影片不能发布：视频文件不在存储里（可能已被删除）。请重新上传视频，或改填外部视频网址。"
    ]


def test_a_film_with_neither_file_nor_valid_address_cannot_be_published(client, make_user, film_index):
    client.force_login(make_user("film-editor-8", superuser=True))
    for embed_url, message in (
        ("", "请选择上传的视频文件，或填写外部视频网址（二选一）。"),
        ("https://search.bilibili.com/all?keyword=劳模", "这是哔哩哔哩的搜索结果页，不是一部影片。"),
    ):
        form = film_form(SRT.encode("utf-8"), embed_url=embed_url)
        response = client.post(add_url(film_index), {**form, "action-publish": "action-publish"})
        assert response.status_code == 200
        assert response.context["form"].errors["embed_url"][0].startswith(message)
    assert not FilmPage.objects.filter(slug="admin-film").exists()

"""Uploaded videos: checked by content and size; duration, size and a poster frame read by ffprobe/ffmpeg."""

import io
import os
import tempfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image
from wagtailmedia.models import Media

from media import video
from media.forms import check_media_upload
from media.models import FilmPage, SiteImage

pytestmark = pytest.mark.django_db

needs_ffmpeg = pytest.mark.skipif(
    not video.tools_available(),
    reason="ffmpeg/ffprobe 未安装：跳过时长、分辨率和海报帧的自动读取测试（apt-get install ffmpeg 后即可运行）。",
)


@pytest.fixture(scope="module")
def clip_bytes():
    if not video.tools_available():
        pytest.skip("ffmpeg/ffprobe 未安装：无法生成测试视频。")
    with tempfile.TemporaryDirectory() as workdir:
        path = os.path.join(workdir, "clip.mp4")
        assert video.make_test_clip(path, 5, ("0x9e1b1f", "0xffd760"), 440)
        with open(path, "rb") as stream:
            return stream.read()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_type_is_checked_by_content_not_by_name():
    fake = SimpleUploadedFile("film.mp4", png_bytes(), content_type="video/mp4")
    with pytest.raises(ValidationError) as error:
        check_media_upload(fake, "video")
    assert error.value.messages == [
        "这个文件的内容是 image/png，不是可以在网页上播放的视频（无论扩展名是什么）。请上传 M4V、MOV、MP4、WebM 格式的视频。"
    ]
    junk = SimpleUploadedFile("film.mp4", b"just some text, not a film" * 10)
    with pytest.raises(ValidationError, match="无法识别这个文件的内容，它不像是视频文件"):
        check_media_upload(junk, "video")


@override_settings(LAOMO_VIDEO_MAX_BYTES=1000)
def test_size_limit_comes_from_the_setting():
    big = SimpleUploadedFile("big.mp4", b"\x00" * 2048)
    with pytest.raises(ValidationError) as error:
        check_media_upload(big, "video")
    assert error.value.messages[0].replace("\xa0", " ").startswith("文件过大（2.0 KB），上限为 1000 字节。")


def test_admin_upload_refuses_a_renamed_picture(client, make_user):
    client.force_login(make_user("editor-video", superuser=True))
    response = client.post(
        reverse("wagtailmedia:add", args=("video",)),
        {"title": "假视频", "file": SimpleUploadedFile("film.mp4", png_bytes()), "collection": "1", "tags": ""},
    )
    assert response.status_code == 200
    assert "不是可以在网页上播放的视频" in response.content.decode()
    assert not Media.objects.filter(title="假视频").exists()


@needs_ffmpeg
def test_admin_upload_reads_duration_size_and_poster(client, make_user, clip_bytes):
    client.force_login(make_user("editor-video2", superuser=True))
    response = client.post(
        reverse("wagtailmedia:add", args=("video",)),
        {"title": "上传的视频", "file": SimpleUploadedFile("上传.mp4", clip_bytes), "collection": "1", "tags": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    clip = Media.objects.get(title="上传的视频")
    assert clip.duration == pytest.approx(5.0, abs=0.1)
    assert (clip.width, clip.height) == (640, 360)
    assert clip.thumbnail.name.startswith("media_thumbnails/auto-poster-")
    with clip.thumbnail.open("rb") as stream:
        assert Image.open(stream).size == (640, 360)


@needs_ffmpeg
def test_only_empty_values_are_filled_and_a_replaced_file_is_read_again(clip_bytes):
    clip = Media(title="编辑填过时长", type="video", duration=99, width=1920, height=1080)
    clip.file.save("kept.mp4", File(io.BytesIO(clip_bytes)), save=False)
    clip.save()
    clip.refresh_from_db()
    assert (clip.duration, clip.width, clip.height) == (99, 1920, 1080)  # the editor's values stay
    assert clip.thumbnail  # the poster was empty, so it was taken

    first_poster = clip.thumbnail.name
    clip.file.save("replaced.mp4", File(io.BytesIO(clip_bytes)), save=False)
    clip.save()
    clip.refresh_from_db()
    assert (clip.duration, clip.width, clip.height) == (5.0, 640, 360)  # a new file: the old values were its
    assert clip.thumbnail.name != first_poster and "replaced" in clip.thumbnail.name


@needs_ffmpeg
def test_film_takes_duration_and_poster_from_its_video(film_index, clip_bytes):
    clip = Media(title="海报来源", type="video")
    clip.file.save("poster-source.mp4", File(io.BytesIO(clip_bytes)), save=False)
    clip.save()
    film = FilmPage(title="自动海报", slug="auto-poster", summary="简介", video=clip)
    film_index.add_child(instance=film)
    assert film.duration.total_seconds() == 5
    assert film.poster.title == "《自动海报》视频截图"
    assert film.poster.description == "微电影《自动海报》的一帧视频画面"
    again = FilmPage(title="同一视频", slug="same-video", summary="简介", video=clip)
    film_index.add_child(instance=again)
    assert again.poster_id == film.poster_id  # the same frame is not stored twice
    assert SiteImage.objects.filter(pk=film.poster_id).count() == 1


def test_without_the_tools_nothing_breaks(monkeypatch, film_index):
    monkeypatch.setattr(video.shutil, "which", lambda name: None)
    assert video.probe("/nonexistent.mp4") is None
    assert video.poster_frame("/nonexistent.mp4") is None
    clip = Media(title="没有 ffmpeg", type="video", duration=12.0)
    clip.file.save("no-tools.mp4", File(io.BytesIO(b"\x00\x00\x00\x18ftypmp42")), save=False)
    clip.save()
    clip.refresh_from_db()
    assert clip.duration == 12.0 and not clip.thumbnail
    film = FilmPage(title="编辑自填", slug="manual", summary="简介", video=clip)
    film_index.add_child(instance=film)
    assert film.duration.total_seconds() == 12 and film.poster is None


@needs_ffmpeg
def test_probe_videos_fills_in_older_uploads(clip_bytes, monkeypatch):
    from django.core.management import call_command

    real_which = video.shutil.which
    monkeypatch.setattr(video.shutil, "which", lambda name: None)  # uploaded while ffmpeg was missing
    clip = Media(title="旧视频", type="video")
    clip.file.save("older.mp4", File(io.BytesIO(clip_bytes)), save=False)
    clip.save()
    assert (clip.duration, clip.width, bool(clip.thumbnail)) == (0, None, False)
    monkeypatch.setattr(video.shutil, "which", real_which)
    output = io.StringIO()
    call_command("probe_videos", stdout=output)
    clip.refresh_from_db()
    assert clip.duration == pytest.approx(5.0, abs=0.1) and (clip.width, clip.height) == (640, 360) and clip.thumbnail
    assert "旧视频：时长 5.0 秒，640×360" in output.getvalue()

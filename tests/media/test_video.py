"""Uploaded videos: checked by content and size; duration, size and a poster frame read with PyAV (no system
FFmpeg); what cannot be read is stored with the reason and logged once."""

import io
import logging
import os
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from wagtailmedia.models import Media

import av
import pytest
from PIL import Image

from media import video
from media.forms import check_media_upload
from media.models import FilmPage, SiteImage
from media.models.films import VideoCheck

pytestmark = pytest.mark.django_db

UNREADABLE = "FFmpeg 无法读取这个文件（Invalid data found when processing input），它可能已经损坏，或者不是视频。"
NOT_A_FILM = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"not a film" * 20  # MP4 magic, nothing else


def clip(tmp_path_factory, name: str, seconds: int, **options) -> bytes:
    path = tmp_path_factory.mktemp("clips") / name
    video.make_test_clip(str(path), seconds, ("#9e1b1f", "#ffd760"), 440, **options)
    return path.read_bytes()


@pytest.fixture(scope="module")
def clip_bytes(tmp_path_factory):
    return clip(tmp_path_factory, "clip.mp4", 5)


@pytest.fixture(scope="module")
def portrait_bytes(tmp_path_factory):
    """As a phone stores portrait video: landscape pictures with a display rotation."""
    return clip(tmp_path_factory, "portrait.mp4", 2, rotation=90)


@pytest.fixture(scope="module")
def hevc_bytes(tmp_path_factory):
    """An iPhone-style HEVC file: FFmpeg reads it, but Chrome and Firefox may not play it."""
    path = tmp_path_factory.mktemp("clips") / "hevc.mp4"
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx265", rate=25, options={"x265-params": "log-level=none"})
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        for index in range(25):  # one second
            frame = av.VideoFrame.from_image(Image.new("RGB", (320, 240), (index * 10, 80, 160)))
            frame.pts, frame.time_base = index, Fraction(1, 25)
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path.read_bytes()


def write(tmp_path, data: bytes, name: str = "clip.mp4") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def stored_video(title: str, data: bytes, name: str = "clip.mp4", **fields) -> Media:
    item = Media(title=title, type="video", **fields)
    item.file.save(name, File(io.BytesIO(data)), save=False)
    item.save()
    item.refresh_from_db()
    return item


# --- PyAV: probe, poster frame, demonstration clip ---------------------------------------------------------


def test_probe_reads_a_clip_made_with_pyav(tmp_path, clip_bytes):
    info = video.probe(write(tmp_path, clip_bytes))
    assert info.duration == pytest.approx(5.0, abs=0.05)
    assert (info.width, info.height) == (640, 360)
    assert (info.video_codec, info.audio_codec) == ("h264", "aac")
    assert info.format_name.startswith("mov,mp4")
    assert info.summary == "H.264 视频 + AAC 音频，640×360，5 秒"
    assert info.codec_problem == ""
    assert clip_bytes[4:8] == b"ftyp" and clip_bytes.index(b"moov") < clip_bytes.index(b"mdat")  # faststart


def test_poster_frame_is_a_jpeg_of_the_picture(tmp_path, clip_bytes):
    path = write(tmp_path, clip_bytes)
    assert video.poster_time(5.0) == 1.25 and video.poster_time(120) == 5.0
    poster = Image.open(io.BytesIO(video.poster_frame(path, 1.25)))
    assert (poster.format, poster.size) == ("JPEG", (640, 360))
    # The clip is a gradient from dark red to gold, never black: a decoded picture, not an empty frame.
    assert max(poster.convert("L").getextrema()) > 100
    past_the_end = Image.open(io.BytesIO(video.poster_frame(path, 60)))
    assert past_the_end.size == (640, 360)  # the last picture there is


def test_phone_videos_are_measured_and_pictured_upright(tmp_path, portrait_bytes):
    path = write(tmp_path, portrait_bytes)
    info = video.probe(path)
    assert (info.width, info.height) == (360, 640)
    assert Image.open(io.BytesIO(video.poster_frame(path, 0.5))).size == (360, 640)


def test_a_file_ffmpeg_cannot_read_raises_the_reason(tmp_path):
    path = write(tmp_path, NOT_A_FILM)
    with pytest.raises(video.VideoError) as error:
        video.probe(path)
    assert str(error.value) == UNREADABLE
    with pytest.raises(video.VideoError, match="FFmpeg 无法读取这个文件"):
        video.poster_frame(path)


def test_a_codec_some_browsers_cannot_play_is_named(tmp_path, hevc_bytes):
    info = video.probe(write(tmp_path, hevc_bytes))
    assert (info.video_codec, info.audio_codec, info.width, info.height) == ("hevc", "", 320, 240)
    assert info.codec_problem == (
        "视频编码为 H.265/HEVC，部分浏览器无法播放。建议重新导出为 MP4（H.264 视频 + AAC 音频）后替换文件。"
    )


# --- uploads in the admin -----------------------------------------------------------------------------------


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


def test_an_upload_ffmpeg_cannot_read_is_refused_with_the_reason():
    with pytest.raises(ValidationError) as error:
        check_media_upload(SimpleUploadedFile("broken.mp4", NOT_A_FILM), "video")
    assert error.value.messages == [f"无法读取这个视频文件：{UNREADABLE}请重新导出后再上传。"]


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


def test_admin_upload_reads_duration_size_and_poster(client, make_user, clip_bytes):
    client.force_login(make_user("editor-video2", superuser=True))
    response = client.post(
        reverse("wagtailmedia:add", args=("video",)),
        {"title": "上传的视频", "file": SimpleUploadedFile("上传.mp4", clip_bytes), "collection": "1", "tags": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Media.objects.get(title="上传的视频")
    assert item.duration == pytest.approx(5.0, abs=0.1)
    assert (item.width, item.height) == (640, 360)
    assert item.thumbnail.name.startswith("media_thumbnails/auto-poster-")
    with item.thumbnail.open("rb") as stream:
        assert Image.open(stream).size == (640, 360)
    check = item.video_check
    assert check.file_name == item.file.name and check.problems() == []
    assert check.found == "H.264 视频 + AAC 音频，640×360，5 秒"


def test_only_empty_values_are_filled_and_a_replaced_file_is_read_again(clip_bytes):
    item = stored_video("编辑填过时长", clip_bytes, "kept.mp4", duration=99, width=1920, height=1080)
    assert (item.duration, item.width, item.height) == (99, 1920, 1080)  # the editor's values stay
    assert item.thumbnail  # the poster was empty, so it was taken

    first_poster = item.thumbnail.name
    item.file.save("replaced.mp4", File(io.BytesIO(clip_bytes)), save=False)
    item.save()
    item.refresh_from_db()
    assert (item.duration, item.width, item.height) == (5.0, 640, 360)  # a new file: the old values were its
    assert item.thumbnail.name != first_poster and "replaced" in item.thumbnail.name
    assert item.video_check.file_name == item.file.name


def test_film_takes_duration_and_poster_from_its_video(film_index, clip_bytes):
    item = stored_video("海报来源", clip_bytes, "poster-source.mp4")
    film = FilmPage(title="自动海报", slug="auto-poster", summary="简介", video=item)
    film_index.add_child(instance=film)
    assert film.duration.total_seconds() == 5
    assert film.poster.title == "《自动海报》视频截图"
    assert film.poster.description == "微电影《自动海报》的一帧视频画面"
    assert (film.poster.width, film.poster.height) == (640, 360)
    assert film.media_problems() == []
    again = FilmPage(title="同一视频", slug="same-video", summary="简介", video=item)
    film_index.add_child(instance=again)
    assert again.poster_id == film.poster_id  # the same frame is not stored twice
    assert SiteImage.objects.filter(pk=film.poster_id).count() == 1


def test_a_file_that_cannot_be_read_is_recorded_and_logged_once(film_index, caplog):
    with caplog.at_level(logging.WARNING, logger="media.signals"):
        item = stored_video("坏视频", NOT_A_FILM, "broken.mp4", duration=12.0)
        item.title = "坏视频（改了标题）"
        item.save()  # the same file: not read, nor logged, again
    check = VideoCheck.objects.get(media=item)
    assert check.error == UNREADABLE and check.file_name == item.file.name
    warnings = [record.getMessage() for record in caplog.records if record.name == "media.signals"]
    assert warnings == [f"Video {item.pk} ({item.file.name}): {UNREADABLE}"]
    assert item.duration == 12.0 and not item.thumbnail  # the editor's duration stays

    film = FilmPage(title="编辑自填", slug="manual", summary="简介", video=item)
    film_index.add_child(instance=film)
    assert film.duration.total_seconds() == 12 and film.poster is None
    assert film.media_problems() == [UNREADABLE]


def test_an_unusual_codec_and_what_the_film_still_lacks_are_reported(film_index, clip_bytes, hevc_bytes):
    item = stored_video("HEVC 视频", hevc_bytes, "hevc.mp4")
    film = FilmPage(title="苹果手机拍的", slug="hevc", summary="简介", video=item)
    film_index.add_child(instance=film)
    check = film.video_check()
    assert check.codec_problem.startswith("视频编码为 H.265/HEVC") and check.duration_problem == ""
    assert film.media_problems() == [check.codec_problem]
    # A file without sound or picture problems, whose poster and duration the editor cleared by hand.
    fine = stored_video("正常视频", clip_bytes, "fine.mp4")
    film = FilmPage(title="正常", slug="fine", summary="简介", video=fine)
    film_index.add_child(instance=film)
    FilmPage.objects.filter(pk=film.pk).update(duration=None, poster=None)
    film.refresh_from_db()
    assert film.media_problems() == ["没有时长：请在“时长”一栏填写。", "没有海报：请上传海报。"]


def test_probe_videos_checks_older_uploads(clip_bytes):
    older = Media(title="旧视频", type="video")
    older.file.save("older.mp4", File(io.BytesIO(clip_bytes)), save=False)
    Media.objects.bulk_create([older])  # as before checks existed: no signal ran
    older = Media.objects.get(title="旧视频")
    assert (older.duration, older.width, bool(older.thumbnail)) == (0, None, False)
    output = io.StringIO()
    call_command("probe_videos", stdout=output)
    older.refresh_from_db()
    assert older.duration == pytest.approx(5.0, abs=0.1) and (older.width, older.height) == (640, 360)
    assert older.thumbnail and older.video_check.problems() == []
    assert "旧视频：时长 5.0 秒，640×360" in output.getvalue()
    assert "已检查 1 个视频，0 个有问题。" in output.getvalue()  # the demo's videos were checked on upload

    output = io.StringIO()
    call_command("probe_videos", stdout=output)
    assert "已检查 0 个视频" in output.getvalue()


def test_no_system_ffmpeg_is_used(monkeypatch, tmp_path, clip_bytes):
    """PyAV decodes in this process: with no ffmpeg on the PATH and no subprocess allowed, everything works."""
    import subprocess

    def refuse(*args, **kwargs):
        raise AssertionError("a subprocess was started")

    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(subprocess, "Popen", refuse)
    path = write(tmp_path, clip_bytes)
    assert video.probe(path).duration == pytest.approx(5.0, abs=0.05)
    assert video.poster_frame(path, 1)[:2] == b"\xff\xd8"
    video.make_test_clip(os.path.join(tmp_path, "new.mp4"), 1, ("#000000", "#ffffff"), 330)
    assert video.probe(os.path.join(tmp_path, "new.mp4")).video_codec == "h264"

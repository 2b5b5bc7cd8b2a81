"""Caption files: SRT becomes WebVTT, WebVTT is checked, and every bad file names its line in Chinese."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from media.captions import CaptionError, normalise, parse_vtt
from media.models import Caption

SRT = """1
00:00:01,000 --> 00:00:04,000
东四南大街103号。

2
00:00:04,500 --> 00:00:07,250
<i>一生只干一件事</i>，<font color="#ffff00">而且干到最好</font>
A & B
"""


def test_srt_is_converted_to_webvtt():
    vtt, cues = normalise(SRT.encode("utf-8"))
    assert vtt == (
        "WEBVTT\n\n"
        "1\n00:00:01.000 --> 00:00:04.000\n东四南大街103号。\n\n"
        "2\n00:00:04.500 --> 00:00:07.250\n<i>一生只干一件事</i>，而且干到最好\nA &amp; B\n"
    )
    assert [(cue.start, cue.end) for cue in cues] == [(1.0, 4.0), (4.5, 7.25)]


def test_gbk_srt_with_windows_line_ends_is_read():
    vtt, cues = normalise(SRT.replace("\n", "\r\n").encode("gb18030"))
    assert "东四南大街103号。" in vtt
    assert len(cues) == 2


def test_webvtt_is_kept_as_uploaded():
    text = "WEBVTT - 字幕\nKind: captions\n\nNOTE 注释\n\n00:01.000 --> 00:04.000 line:90%\n你好\n"
    vtt, cues = normalise(("\ufeff" + text).encode("utf-8"))
    assert vtt == text
    assert cues[0].start == 1.0 and cues[0].text == "你好"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "1\n00:00:01,000 --> 00:00:04,000\n第一句\n\n2\n00:00:05,000 -> 00:00:06,000\n第二句\n",
            "第 6 行：时间格式应为 00:00:01,000 --> 00:00:04,000",
        ),
        (
            "1\n00:00:01,000 --> 00:00:04,000\n第一句\n\n\n2\n00:00:06,000 --> 00:00:05,000\n倒着走的时间\n",
            "第 7 行：结束时间应晚于开始时间",
        ),
        ("1\n00:00:01,000 --> 00:00:04,000\n\n", "第 3 行：时间行后面缺少字幕文字"),
        ("1\n00:00:61,000 --> 00:01:04,000\n秒数不对\n", "第 2 行：分钟和秒数应小于 60"),
        (
            "WEBVTT\n\n00:01.000 --> 00:04.000\n好\n\n00:05,000 --> 00:06.000\n坏\n",
            "第 6 行：时间格式应为 00:00:01.000 --> 00:00:04.000",
        ),
        ("WEBVTT\n00:01.000 --> 00:04.000\n好\n", "第 2 行：“WEBVTT”之后应空一行再写字幕。"),
        ("这不是字幕文件\n只是几行字\n", "无法识别的字幕文件"),
        ("", "字幕文件是空的。"),
    ],
)
def test_bad_files_name_the_line(content, message):
    with pytest.raises(CaptionError) as error:
        normalise(content.encode("utf-8"))
    assert str(error.value).startswith(message)


def test_binary_and_oversized_files_are_refused():
    with pytest.raises(CaptionError, match="二进制"):
        normalise(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(CaptionError, match="字幕文件过大"):
        normalise(b"1\n" * (2 * 1024 * 1024))


def test_webvtt_needs_its_header():
    with pytest.raises(CaptionError, match="第 1 行：WebVTT 文件应以“WEBVTT”开头"):
        parse_vtt("WEBVT\n\n00:01.000 --> 00:02.000\n字\n")


@pytest.mark.django_db
def test_caption_upload_is_stored_as_webvtt():
    caption = Caption(language="zh-Hans", label="中文字幕", file=SimpleUploadedFile("字幕.srt", SRT.encode("utf-8")))
    caption.clean()
    assert caption.file.name.startswith("captions/") and caption.file.name.endswith(".vtt")
    with caption.file.open("rb") as stream:
        assert stream.read().decode("utf-8").startswith("WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n")


@pytest.mark.django_db
def test_bad_caption_upload_is_a_field_error_with_the_line():
    bad = "1\n00:00:01,000 --> 00:00:04,000\n第一句\n\n2\n00:00:05 --> 00:00:06\n第二句\n"
    caption = Caption(language="zh-Hans", label="中文字幕", file=SimpleUploadedFile("bad.srt", bad.encode("utf-8")))
    with pytest.raises(ValidationError) as error:
        caption.clean()
    assert error.value.message_dict == {"file": ["第 6 行：时间格式应为 00:00:01,000 --> 00:00:04,000"]}

"""Transcripts and chapters as editors type them: "00:12 text" lines, errors per line."""

from django.core.exceptions import ValidationError

import pytest

from media.timecodes import TimedLine, format_clock, parse_chapters, parse_clock, parse_transcript


@pytest.mark.parametrize(
    ("text", "seconds"), [("00:12", 12), ("1:02:03", 3723), ("75:00", 4500), ("00:01.5", 1.5), ("00:01,5", 1.5)]
)
def test_clock_values(text, seconds):
    assert parse_clock(text) == seconds


def test_clock_formatting():
    assert [format_clock(s) for s in (0, 72, 3723)] == ["00:00", "01:12", "1:02:03"]


def test_transcript_lines_with_and_without_times():
    lines = parse_transcript("前言没有时间\n\n00:02 第一句\n接着第一句\n[00:05] 第二句\n1:00:00：第三句")
    assert lines == [
        TimedLine(None, "前言没有时间"),
        TimedLine(2, "第一句\n接着第一句"),
        TimedLine(5, "第二句"),
        TimedLine(3600, "第三句"),
    ]
    assert lines[1].iso == "PT0M2S" and lines[3].label == "1:00:00"


def test_a_number_that_is_not_a_time_stays_text():
    assert parse_transcript("3 位劳模\n2020年春节") == [TimedLine(None, "3 位劳模\n2020年春节")]


def test_transcript_errors_name_the_lines():
    with pytest.raises(ValidationError) as error:
        parse_transcript("00:10 第一句\n00:75 秒数错了\n00:05 倒退了\n00:20")
    assert error.value.messages == [
        "第 2 行：时间“00:75”的秒数应小于 60。",
        "第 3 行：时间 00:05 早于上一行，请按时间先后排列。",
        "第 4 行：时间“00:20”后面缺少文字。",
    ]


def test_chapters_need_a_time_a_title_and_an_order():
    assert parse_chapters("00:00 开篇\n02:15 小汤山") == [TimedLine(0, "开篇"), TimedLine(135, "小汤山")]
    with pytest.raises(ValidationError) as error:
        parse_chapters("00:00 开篇\n没有时间的章节\n00:00 同一时间\n01:00")
    assert error.value.messages == [
        "第 2 行：每一章应以时间开头，如“00:00 开篇”。",
        "第 3 行：章节时间 00:00 应晚于上一章。",
        "第 4 行：时间“01:00”后面缺少章节标题。",
    ]

"""Timestamps as editors type them ("00:12", "1:02:03", "[03:15]") and the transcript and chapter lists made of them.

A transcript is one line per utterance, "00:12 他们全力确保……"; lines without a time continue the line
before (or, at the start, form an untimed opening). Chapters are "00:00 开篇" lines, one per chapter, in order. Errors name the line, in Chinese.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

# "00:12", "1:02:03", "01:02:03.5" (at least one colon, so "3 位劳模" is text); optionally in square brackets,
# followed by a space or a colon.
TIME_RE = re.compile(r"^\[?(?P<time>\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?)\]?(?:\s*[:：]\s*|\s+)(?P<text>.*)$")
TIME_ONLY_RE = re.compile(r"^\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?$")


@dataclass(frozen=True)
class TimedLine:
    seconds: float | None  # None: a line without a time
    text: str

    @property
    def label(self) -> str:
        return format_clock(self.seconds) if self.seconds is not None else ""

    @property
    def iso(self) -> str:
        """An ISO 8601 duration for <time datetime>, e.g. "PT1M15S"."""
        minutes, seconds = divmod(self.start, 60)
        return f"PT{minutes}M{seconds}S"

    @property
    def start(self) -> int:
        """Whole seconds, for #t= links and data attributes."""
        return int(self.seconds or 0)


def parse_clock(value: str) -> float:
    """ "1:02:03" → 3723.0. Raises ValueError with a Chinese message when minutes or seconds exceed 59."""
    value = value.strip().replace(",", ".")
    if not TIME_ONLY_RE.match(value):
        raise ValueError(f"时间“{value}”的格式应为 分:秒（如 01:30）或 时:分:秒（如 1:02:03）")
    parts = value.split(":")
    seconds = float(parts[-1])
    numbers = [int(part) for part in parts[:-1]]
    if len(parts) > 1 and seconds >= 60:
        raise ValueError(f"时间“{value}”的秒数应小于 60")
    if len(parts) == 3 and numbers[1] >= 60:
        raise ValueError(f"时间“{value}”的分钟数应小于 60")
    total = seconds
    for position, number in enumerate(reversed(numbers), start=1):
        total += number * 60**position
    return total


def format_clock(seconds: float) -> str:
    """3723 → "1:02:03", 72 → "01:12"."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _lines(text: str):
    for number, raw in enumerate((text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        line = raw.strip()
        if line:
            yield number, line


def _split(line: str) -> tuple[str | None, str]:
    match = TIME_RE.match(line)
    if match and match.group("text").strip():
        return match.group("time"), match.group("text").strip()
    if TIME_ONLY_RE.match(line.strip("[]")):
        return line.strip("[]"), ""
    return None, line


def parse_transcript(text: str) -> list[TimedLine]:
    """Timed lines; a line without a time is joined to the line before (or stands alone at the start)."""
    result: list[TimedLine] = []
    errors = []
    previous = -1.0
    for number, line in _lines(text):
        time, body = _split(line)
        if time is None:
            if result:
                result[-1] = TimedLine(result[-1].seconds, f"{result[-1].text}\n{body}")
            else:
                result.append(TimedLine(None, body))
            continue
        try:
            seconds = parse_clock(time)
        except ValueError as error:
            errors.append(f"第 {number} 行：{error}。")
            continue
        if not body:
            errors.append(f"第 {number} 行：时间“{time}”后面缺少文字。")
            continue
        if seconds < previous:
            errors.append(f"第 {number} 行：时间 {time} 早于上一行，请按时间先后排列。")
        previous = seconds
        result.append(TimedLine(seconds, body))
    if errors:
        raise ValidationError(errors)
    return result


def parse_chapters(text: str) -> list[TimedLine]:
    """Every line needs a time and a title; times strictly increase."""
    result: list[TimedLine] = []
    errors = []
    for number, line in _lines(text):
        time, title = _split(line)
        if time is None:
            errors.append(f"第 {number} 行：每一章应以时间开头，如“00:00 开篇”。")
            continue
        try:
            seconds = parse_clock(time)
        except ValueError as error:
            errors.append(f"第 {number} 行：{error}。")
            continue
        if not title:
            errors.append(f"第 {number} 行：时间“{time}”后面缺少章节标题。")
            continue
        if result and seconds <= (result[-1].seconds or 0):
            errors.append(f"第 {number} 行：章节时间 {time} 应晚于上一章。")
            continue
        result.append(TimedLine(seconds, title))
    if errors:
        raise ValidationError(errors)
    return result

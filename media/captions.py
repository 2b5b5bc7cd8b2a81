"""Caption files: check WebVTT, convert SRT to WebVTT. Every error names the line, in Chinese.

Browsers only play WebVTT in <track>, but subtitlers mostly deliver SRT (often saved as GBK by Chinese
Windows tools), so SRT is converted once on upload and the site only ever serves WebVTT.
"""

import html
import re
from dataclasses import dataclass

MAX_CAPTION_BYTES = 2 * 1024 * 1024  # a 2-hour film's subtitles are about 200 KB

SRT_EXAMPLE = "00:00:01,000 --> 00:00:04,000"
VTT_EXAMPLE = "00:00:01.000 --> 00:00:04.000"
_SRT_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})[,.](\d{1,3})"  # SRT writes a comma; some tools a dot
_VTT_TIME = r"(?:(\d{1,3}):)?(\d{2}):(\d{2})\.(\d{3})"
SRT_TIMING_RE = re.compile(rf"^\s*{_SRT_TIME}\s*-->\s*{_SRT_TIME}(?:\s+.*)?$")
VTT_TIMING_RE = re.compile(rf"^{_VTT_TIME}[ \t]+-->[ \t]+{_VTT_TIME}(?:[ \t]+.*)?$")
ALLOWED_TAGS_RE = re.compile(r"</?(?:b|i|u|c|v|lang|ruby|rt)(?:[ .][^>]*)?>", re.IGNORECASE)


class CaptionError(ValueError):
    """A caption file that cannot be used; the message is for editors."""


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str
    identifier: str = ""


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 as saved by Chinese Windows tools."""
    if b"\x00" in data[:2048] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CaptionError("字幕文件应为文本文件（.vtt 或 .srt），这个文件看起来是二进制文件。")
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CaptionError("无法读取字幕文件的文字编码，请另存为 UTF-8 编码后再上传。")


def _seconds(groups) -> float:
    hours, minutes, seconds, millis = groups
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis.ljust(3, "0")) / 1000


def _timing(match, number: int, example: str) -> tuple[float, float]:
    groups = match.groups()
    for minutes, seconds in ((groups[1], groups[2]), (groups[5], groups[6])):
        if int(minutes) >= 60 or int(seconds) >= 60:
            raise CaptionError(f"第 {number} 行：分钟和秒数应小于 60，时间格式应为 {example}")
    start, end = _seconds(groups[:4]), _seconds(groups[4:])
    if end <= start:
        raise CaptionError(f"第 {number} 行：结束时间应晚于开始时间")
    return start, end


def _blocks(text: str):
    """(first line number, [lines]) for each block of non-blank lines."""
    block, first = [], 0
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if line.strip():
            if not block:
                first = number
            block.append(line.rstrip())
        elif block:
            yield first, block
            block = []
    if block:
        yield first, block


def parse_srt(text: str) -> list[Cue]:
    cues = []
    for first, lines in _blocks(text):
        offset = 0
        identifier = ""
        if lines[0].strip().isdigit():
            identifier, offset = lines[0].strip(), 1
        number = first + offset
        if offset >= len(lines):
            raise CaptionError(f"第 {number} 行：序号后面缺少时间行，时间格式应为 {SRT_EXAMPLE}")
        match = SRT_TIMING_RE.match(lines[offset])
        if not match:
            raise CaptionError(f"第 {number} 行：时间格式应为 {SRT_EXAMPLE}")
        start, end = _timing(match, number, SRT_EXAMPLE)
        body = lines[offset + 1 :]
        if not body:
            raise CaptionError(f"第 {number + 1} 行：时间行后面缺少字幕文字")
        cues.append(Cue(start, end, "\n".join(body), identifier))
    if not cues:
        raise CaptionError("字幕文件是空的。")
    return cues


def parse_vtt(text: str) -> list[Cue]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header = lines[0] if lines else ""
    if not (header == "WEBVTT" or header.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise CaptionError("第 1 行：WebVTT 文件应以“WEBVTT”开头。")
    cues = []
    body = "\n".join(lines[1:])
    for first, block in _blocks(body):
        first += 1  # the header line
        if first == 2 or block[0].startswith(("NOTE", "STYLE", "REGION")):
            if first == 2 and "-->" in block[0]:
                raise CaptionError("第 2 行：“WEBVTT”之后应空一行再写字幕。")
            continue  # header metadata, comments, styles and regions
        offset = 0
        identifier = ""
        if "-->" not in block[0]:
            identifier, offset = block[0], 1
        number = first + offset
        if offset >= len(block):
            raise CaptionError(f"第 {number} 行：缺少时间行，时间格式应为 {VTT_EXAMPLE}")
        match = VTT_TIMING_RE.match(block[offset])
        if not match:
            raise CaptionError(f"第 {number} 行：时间格式应为 {VTT_EXAMPLE}")
        start, end = _timing(match, number, VTT_EXAMPLE)
        if len(block) == offset + 1:
            raise CaptionError(f"第 {number + 1} 行：时间行后面缺少字幕文字")
        cues.append(Cue(start, end, "\n".join(block[offset + 1 :]), identifier))
    if not cues:
        raise CaptionError("字幕文件里没有字幕。")
    return cues


def format_timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _vtt_text(text: str) -> str:
    """SRT text as a WebVTT payload: keep <b>/<i>/<u>, drop <font>, escape what WebVTT would misread."""
    text = re.sub(r"</?font[^>]*>", "", text, flags=re.IGNORECASE)
    text = text.replace("-->", "→")
    parts = []
    position = 0
    for match in ALLOWED_TAGS_RE.finditer(text):
        parts.append(html.escape(html.unescape(text[position : match.start()]), quote=False))
        parts.append(match.group(0))
        position = match.end()
    parts.append(html.escape(html.unescape(text[position:]), quote=False))
    return "".join(parts)


def to_vtt(cues: list[Cue]) -> str:
    blocks = ["WEBVTT"]
    for cue in cues:
        timing = f"{format_timestamp(cue.start)} --> {format_timestamp(cue.end)}"
        blocks.append("\n".join(part for part in (cue.identifier, timing, _vtt_text(cue.text)) if part))
    return "\n\n".join(blocks) + "\n"


def looks_like_vtt(text: str) -> bool:
    return text.lstrip("\ufeff").startswith("WEBVTT")


def normalise(data: bytes) -> tuple[str, list[Cue]]:
    """WebVTT text and its cues, from the bytes of a WebVTT or SRT file. Raises CaptionError."""
    if len(data) > MAX_CAPTION_BYTES:
        raise CaptionError(f"字幕文件过大（{len(data) // 1024} KB），上限为 {MAX_CAPTION_BYTES // 1024 // 1024} MB。")
    text = decode(data).lstrip("\ufeff")
    if not text.strip():
        raise CaptionError("字幕文件是空的。")
    if looks_like_vtt(text):
        cues = parse_vtt(text)
        return (text if text.endswith("\n") else text + "\n"), cues
    first_line = text.strip().split("\n", 1)[0].strip()
    if not (first_line.isdigit() or "-->" in first_line):
        raise CaptionError("无法识别的字幕文件：应为 WebVTT（第 1 行为“WEBVTT”）或 SRT（序号、时间、文字）。")
    cues = parse_srt(text)
    return to_vtt(cues), cues

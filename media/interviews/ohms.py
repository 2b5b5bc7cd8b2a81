"""An interview's segment index as editors bring it: a CSV `start,title,synopsis,keywords,transcript` or an OHMS XML
export (the Oral History Metadata Synchronizer's <point> elements). Every error names its line, in Chinese, and a
file with any error yields no rows at all, so nothing half-imported is ever saved.

Start times are seconds (754) or a clock (12:34, 0:12:34). Keywords are separated by ; ， 、 or a comma inside
quotes. CSV files may be UTF-8 (with or without BOM) or GB18030, as Excel on Chinese Windows saves them.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from xml.parsers import expat

from ..timecodes import parse_clock

MAX_INDEX_BYTES = 2 * 1024 * 1024
COLUMNS = ["start", "title", "synopsis", "keywords", "transcript"]
HEADER_NAMES = {"start", "开始", "开始时间", "time", "时间"}
KEYWORD_SPLIT = re.compile(r"[;；,，、\n]+")
MAX_TITLE = 200


class IndexFileError(ValueError):
    """Raised with every problem found, each a line-numbered Chinese sentence for editors."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class IndexRow:
    line: int
    start: int
    title: str
    synopsis: str = ""
    keywords: list[str] = field(default_factory=list)
    transcript: str = ""


def parse_start(value: str) -> int:
    """Whole seconds from "754", "12:34" or "0:12:34". Raises ValueError."""
    value = value.strip()
    if re.fullmatch(r"[0-9]{1,6}", value):
        return int(value)
    return int(parse_clock(value))


def split_keywords(value: str) -> list[str]:
    return [word.strip() for word in KEYWORD_SPLIT.split(value or "") if word.strip()]


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IndexFileError(["无法识别文件的文字编码，请另存为 UTF-8 编码后再导入。"])


def _row(line: int, start: str, title: str, synopsis: str, keywords: str, transcript: str, problems: list[str]):
    try:
        seconds = parse_start(start)
    except ValueError:
        problems.append(f"第{line}行：开始时间“{start.strip()}”无法识别（应为秒数，如 754，或 时:分:秒，如 0:12:34）。")
        return None
    title = title.strip()
    if not title:
        problems.append(f"第{line}行：缺少标题。")
        return None
    if len(title) > MAX_TITLE:
        problems.append(f"第{line}行：标题过长（{len(title)} 字），不能超过 {MAX_TITLE} 字。")
        return None
    return IndexRow(line, seconds, title, synopsis.strip(), split_keywords(keywords), transcript.strip())


def parse_csv(data: bytes) -> list[IndexRow]:
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, problems = [], []
    line = 1
    try:
        for record in reader:
            first_line, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if not rows and not problems and record[0].strip().lower() in HEADER_NAMES:
                continue  # a header row
            if len(record) < 2:
                problems.append(
                    f"第{first_line}行：至少需要“开始时间”和“标题”两列（start,title,synopsis,keywords,transcript）。"
                )
                continue
            if len(record) > len(COLUMNS):
                problems.append(
                    f"第{first_line}行：列数过多（{len(record)} 列），应为 start,title,synopsis,keywords,transcript；含逗号的文字请用英文双引号括起。"
                )
                continue
            record = record + [""] * (len(COLUMNS) - len(record))
            row = _row(first_line, *record, problems)
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        problems.append(f"第{line}行：CSV 格式有误（{error}）。")
    return _finish(rows, problems)


def parse_xml(data: bytes) -> list[IndexRow]:
    """OHMS XML: every <point> with <time>, <title>, <synopsis>, <keywords>, <partial_transcript>.

    Read with expat and no DTD at all (a DOCTYPE is refused), so no entity can expand or fetch anything."""
    points: list[dict] = []
    stack: list[str] = []
    text: list[str] = []
    parser = expat.ParserCreate()

    def refuse_doctype(*args):
        raise ValueError(f"第{parser.CurrentLineNumber}行：不接受 DOCTYPE 声明，请删除后再导入。")

    def start(name, attributes):
        stack.append(name)
        if name == "point":
            points.append({"line": parser.CurrentLineNumber})
        text.clear()

    def end(name):
        stack.pop()
        if points and "point" in stack and name in {"time", "title", "synopsis", "keywords", "partial_transcript"}:
            points[-1][name] = "".join(text)
        text.clear()

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text.append
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise IndexFileError([f"第{error.lineno}行：XML 格式有误（{expat.ErrorString(error.code)}）。"]) from None
    except ValueError as error:
        raise IndexFileError([str(error)]) from None
    if not points:
        raise IndexFileError(["文件里没有 <point> 段落：OHMS 导出的索引应包含 <index><point>…</point></index>。"])
    rows, problems = [], []
    for point in points:
        row = _row(
            point["line"],
            point.get("time", ""),
            point.get("title", ""),
            point.get("synopsis", ""),
            point.get("keywords", ""),
            point.get("partial_transcript", ""),
            problems,
        )
        if row is not None:
            rows.append(row)
    return _finish(rows, problems)


def _finish(rows: list[IndexRow], problems: list[str]) -> list[IndexRow]:
    if problems:
        raise IndexFileError(problems)
    if not rows:
        raise IndexFileError(["文件里没有段落。"])
    return sorted(rows, key=lambda row: row.start)


def parse_index(data: bytes, filename: str) -> list[IndexRow]:
    """The rows of a CSV or OHMS XML index (chosen by the name, or by a leading "<"). Raises IndexFileError."""
    if len(data) > MAX_INDEX_BYTES:
        raise IndexFileError([f"文件过大（{len(data) // 1024} KB），上限为 {MAX_INDEX_BYTES // 1024 // 1024} MB。"])
    if filename.lower().endswith(".xml") or data.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<"):
        return parse_xml(data)
    return parse_csv(data)

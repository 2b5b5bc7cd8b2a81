"""Reading a CSV, XLSX or JSON file into rows keyed by column, whatever the file's extension claims."""

import codecs
import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .columns import AWARD_SEPARATOR, COLUMNS, HEADER_ALIASES, LABELS, match_key


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, encoding, no header). The message is for the archivist."""


@dataclass
class SourceRow:
    number: int  # as the spreadsheet user sees it: the header is row 1
    cells: dict[str, object]  # column key → the raw cell value
    cell_count: int | None = None  # set when the row's count of cells differs from the header's


@dataclass
class Table:
    columns: list[str]  # keys of the recognised columns, in file order
    rows: list[SourceRow]
    ignored_headers: list[str] = field(default_factory=list)
    formula_guarded: bool = True  # spreadsheets carry the export's formula guard; JSON never does
    header_cells: int = 0  # the header's count of cells, which every row must have


NOT_A_TABLE = "这不是 CSV、XLSX 或 JSON 表格文件，无法读取。请上传 .csv、.xlsx 或 .json 文件。"
NO_HEADER = "找不到表头：第一行应是列名，至少包括“编号”（id）和“姓名”（name）两列。请对照导入说明中的示例文件。"
HEADER_SEARCH_ROWS = 10  # a title line or two above the header is common in archive spreadsheets
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"


def read_table(data: bytes, filename: str = "") -> Table:
    """Read CSV, XLSX or JSON bytes into rows keyed by column, whatever the extension claims."""
    if not data.strip():
        raise ImportFileError("文件是空的。")
    if data.startswith(XLSX_MAGIC):
        return _table_from_grid(_xlsx_grid(data), short_rows_count=False)
    if data.startswith(XLS_MAGIC):
        raise ImportFileError("这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 CSV 后再导入。")
    if filename.lower().endswith(".xlsx"):
        raise ImportFileError("这个文件的扩展名是 .xlsx，但内容不是 Excel 表格，无法读取。")
    text = _decode(data)
    if filename.lower().endswith(".json") or text.lstrip().startswith(("[", "{")):
        return _table_from_grid(_json_grid(text), formula_guarded=False, count_cells=False)
    return _table_from_grid(_csv_grid(text))


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ImportFileError(NOT_A_TABLE) from error
    if b"\x00" in data:
        raise ImportFileError(NOT_A_TABLE)
    # Excel on Chinese Windows saves CSV in the system code page, GBK (a subset of GB18030), not UTF-8.
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("无法识别文件的文字编码，请在 Excel 中另存为“CSV UTF-8”或 GBK 编码的 CSV。")


def _csv_grid(text: str) -> list[list[object]]:
    head = text[:4096]
    delimiter = "\t" if head.count("\t") > head.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(f"CSV 格式有误：{error}") from error


def _xlsx_grid(data: bytes) -> list[list[object]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise ImportFileError("无法读取这个 Excel 文件：请确认它是 .xlsx 格式，在 Excel 中重新保存后再试。") from error
    try:
        if not workbook.worksheets:
            raise ImportFileError("这个 Excel 文件里没有工作表。")
        return [list(row) for row in workbook.worksheets[0].iter_rows(min_row=1, values_only=True)]
    finally:
        workbook.close()


def _json_grid(text: str) -> list[list[object]]:
    try:
        records = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(f"JSON 格式有误（第 {error.lineno} 行）：{error.msg}") from error
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        raise ImportFileError("JSON 文件应是记录（对象）的列表，与 export_honorees 导出的格式相同。")
    if not records:
        raise ImportFileError("文件中没有记录。")
    keys = list(dict.fromkeys(key for record in records for key in record))
    grid: list[list[object]] = [list(keys)]
    for record in records:
        grid.append([_json_cell(record.get(key)) for key in keys])
    return grid


def _json_cell(value: object) -> object:
    if isinstance(value, list):
        return AWARD_SEPARATOR.join(str(item) for item in value)
    return value


_HEADERS = (
    {match_key(column.key): column.key for column in COLUMNS}
    | {match_key(column.label): column.key for column in COLUMNS}
    | {match_key(alias): key for alias, key in HEADER_ALIASES.items()}
)


def _header_key(cell: object) -> str | None:
    text = match_key(str(cell or "")).lstrip("\ufeff").strip("*")
    candidates = [text]
    bracketed = re.fullmatch(r"(.+?)\((.+)\)", text)  # 编号（id）, id(编号), 类别(个人/集体)
    if bracketed:
        candidates += bracketed.groups()
    for candidate in candidates:
        if candidate in _HEADERS:
            return _HEADERS[candidate]
    return None


def _find_header(grid: list[list[object]]) -> tuple[int, list[str | None]]:
    """The first row naming at least the id and name columns, and the column key of each of its cells."""
    for index, header in enumerate(grid[:HEADER_SEARCH_ROWS]):
        keys = [_header_key(cell) for cell in header]
        if "id" in keys and "name" in keys:
            return index, keys
    raise ImportFileError(NO_HEADER)


def _table_from_grid(
    grid: list[list[object]], formula_guarded: bool = True, count_cells: bool = True, short_rows_count: bool = True
) -> Table:
    """Rows keyed by column. With ``count_cells`` (CSV, XLSX) a row whose count of cells differs from the header's
    is marked, to be refused by plan_import: an extra value would otherwise be dropped unseen, and a missing
    separator slides every later value into the wrong column. JSON rows are built from their keys and always fit."""
    header_index, keys = _find_header(grid)
    header = grid[header_index]
    positions: dict[str, int] = {}
    for position, key in enumerate(keys):
        if key is None:
            continue
        if key in positions:
            raise ImportFileError(
                f"表头中“{LABELS[key]}”列出现了两次（第 {positions[key] + 1} 列和第 {position + 1} 列），请删去一列。"
            )
        positions[key] = position
    ignored = [str(cell).strip() for cell, key in zip(header, keys, strict=True) if key is None and not _blank(cell)]
    header_cells = _filled_length(header)
    rows = []
    for number, values in enumerate(grid[header_index + 1 :], start=header_index + 2):
        cells = {key: values[position] if position < len(values) else None for key, position in positions.items()}
        count = _cell_count(values, header_cells, short_rows_count) if count_cells else header_cells
        if count != header_cells or not all(_blank(value) for value in cells.values()):
            rows.append(SourceRow(number, cells, None if count == header_cells else count))
    if not rows:
        raise ImportFileError("文件只有表头，没有数据行。")
    return Table(list(positions), rows, ignored, formula_guarded, header_cells)


def _filled_length(values: list[object]) -> int:
    """The count of cells up to the last one that is not blank."""
    length = len(values)
    while length and _blank(values[length - 1]):
        length -= 1
    return length


def _cell_count(values: list[object], header_cells: int, short_rows_count: bool) -> int:
    """A row's count of cells as the check against the header sees it.

    Blank cells right of the header's last column never count: they hold no value that could be lost, and Excel
    pads every row of a CSV to the widest one. In CSV a row with fewer cells than the header is short (a separator
    is missing); in an XLSX sheet (``short_rows_count`` false) every cell sits in its own column, so empty cells at
    the end of a row are empty values, never a short row — only a value right of the header is refused."""
    filled = _filled_length(values)
    if filled > header_cells:
        return filled
    if short_rows_count and len(values) < header_cells:
        return len(values)
    return header_cells


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())

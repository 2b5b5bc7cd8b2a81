"""Import honoree records from a spreadsheet: read the file, check every row into a plan, apply the plan at once.

The format — one row per honoree; the header row names the columns in English keys or Chinese names, any order:

    id 编号 · kind 类别 · name 姓名 · gender 性别 · ethnicity 民族 · birth_year 出生年份 · death_year 逝世年份 ·
    native_place 籍贯 · employer 工作单位 · title 职务职称 · industry 行业 · district 所属区 · honors 荣誉 · biography 事迹

Only 编号 and 姓名 must be columns; a column the file lacks leaves that field of existing records as it is.
荣誉 is the complete set of a record's awards, "2015 全国劳动模范；2010 北京市劳动模范" (an entry without a year
means the year is unknown). Withdrawal, the synthetic flag and the private fields are not part of the format and an
import never changes them; ids beginning with SYN- are synthetic records and stay labelled.

Files: CSV (UTF-8 with or without BOM; GB18030/GBK as Excel saves it on Chinese Windows; UTF-16 "Unicode text"),
XLSX (the first sheet) and JSON (a list of objects with the English keys, as `export_honorees` writes it).
"""

import codecs
import csv
import datetime
import difflib
import io
import json
import logging
import re
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.dispatch import Signal
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from wagtail.models import ModelLogEntry, Revision
from wagtail.search.backends import get_search_backends

from laomo import outbox

from .cache import bump_data_version
from .models import Award, District, Honoree, Honour, HonourAlias, Industry, Kind
from .names import pinyin_slug
from .synthetic import SYNTHETIC_PREFIX

logger = logging.getLogger(__name__)

# Sent after an import has been committed, with the primary keys it created and changed, so that indexes
# outside the database (Elasticsearch) can follow in bulk: bulk writes send no post_save or published signals.
honorees_imported = Signal()


# --- The format -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str  # the English key: a header, and the key in JSON
    label: str  # the Chinese header, as exports write it
    help: str  # for the admin's upload page and the README


COLUMNS = (
    Column("id", "编号", "必填。稳定编号，再次导入时按它找到记录，也用在网址里；以 SYN- 开头的是示例数据。"),
    Column("kind", "类别", "个人 或 集体（也可写 person / collective）。"),
    Column("name", "姓名", "必填。集体填写名称。"),
    Column("gender", "性别", "男、女 或留空（也可写 male / female）。"),
    Column("ethnicity", "民族", "如 汉族。"),
    Column("birth_year", "出生年份", "四位数字，如 1965。"),
    Column("death_year", "逝世年份", "四位数字，不早于出生年份。"),
    Column("native_place", "籍贯", ""),
    Column("employer", "工作单位", "获得荣誉时的工作单位。"),
    Column("title", "职务职称", ""),
    Column("industry", "行业", "已登记的行业名称。"),
    Column("district", "所属区", "已登记的区名，如 东城区；历史区划如 崇文区 也可。"),
    Column(
        "honors",
        "荣誉",
        "该记录的全部荣誉，每项写“年份 荣誉名称”，用“；”或换行分隔，如“2015 全国劳动模范；2010 北京市劳动模范”；"
        "年份不详时只写荣誉名称。可用“荣誉别名”中登记的写法，如 全国劳模。",
    ),
    Column("biography", "事迹", "段落之间空一行。"),
)
LABELS = {column.key: column.label for column in COLUMNS}
# Other headers archivists write for the same columns (compared after folding width and case).
HEADER_ALIASES = {
    "姓名/名称": "name",
    "名称": "name",
    "荣誉称号": "honors",
    "honours": "honors",
    "awards": "honors",
    "主要事迹": "biography",
    "职务": "title",
    "区": "district",
}

KIND_VALUES = {"个人": Kind.PERSON, "person": Kind.PERSON, "集体": Kind.COLLECTIVE, "collective": Kind.COLLECTIVE}
GENDER_VALUES = {"男": "male", "male": "male", "m": "male", "女": "female", "female": "female", "f": "female"}
KIND_LABELS = {Kind.PERSON: "个人", Kind.COLLECTIVE: "集体"}
GENDER_LABELS = {"male": "男", "female": "女", "": ""}

AWARD_SEPARATOR = "；"
EARLIEST_YEAR = 1900
# 1950's honorees include workers born in the 1880s and 1890s, so birth years may be older than other years.
EARLIEST_BIRTH_YEAR = 1850

# Spreadsheet programs run cells beginning with these as formulas (OWASP "CSV injection" lists tab and carriage
# return too: some programs drop them and run what follows); exports prefix such cells with "'".
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Fields Honoree.compute_name_fields() fills from the name; their lengths are checked before saving.
NAME_FIELDS = (
    "surname",
    "name_pinyin",
    "pinyin_display",
    "name_initials",
    "initial",
    "stroke_key",
    "missing_strokes",
)

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """Full-width ASCII (２０１５, ；, Ａ) and the ideographic space to their plain forms, Chinese left untouched.

    This is NFKC restricted to the characters that matter here: NFKC on a whole cell would also rewrite the
    full-width punctuation that Chinese prose uses (，。（）) in names and biographies."""
    return text.translate(_FULL_WIDTH)


def strip_formula_guard(text: str) -> str:
    """Undo the export's protective quote: "'=A1" → "=A1" (and "''=A1" → "'=A1", so every value round-trips)."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def format_awards(awards: Iterable[tuple[Honour, int | None]]) -> str:
    """The 荣誉 cell: "2010 北京市劳动模范；2015 全国劳动模范", oldest first, entries without a year last."""
    ordered = sorted(awards, key=lambda award: (award[1] is None, award[1] or 0, award[0].sort_order, award[0].name))
    return AWARD_SEPARATOR.join(f"{year} {honour.name}" if year else honour.name for honour, year in ordered)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", fold_width(text)).lower()


# --- Reading a file into rows -----------------------------------------------------------------------------------


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


def _header_key(cell: object) -> str | None:
    text = _key(str(cell or "")).lstrip("\ufeff").strip("*")
    candidates = [text]
    bracketed = re.fullmatch(r"(.+?)\((.+)\)", text)  # 编号（id）, id(编号), 类别(个人/集体)
    if bracketed:
        candidates += bracketed.groups()
    for candidate in candidates:
        if candidate in _HEADERS:
            return _HEADERS[candidate]
    return None


_HEADERS = (
    {_key(column.key): column.key for column in COLUMNS}
    | {_key(column.label): column.key for column in COLUMNS}
    | {_key(alias): key for alias, key in HEADER_ALIASES.items()}
)


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


def cell_text(value: object, formula_guarded: bool = True) -> str:
    """A cell as trimmed text: Excel numbers 2015.0 read as "2015", the export's formula guard removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        value = value.isoformat()
    text = str(value).strip()
    return strip_formula_guard(text) if formula_guarded else text


# --- Checking rows into a plan ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the Chinese column name; "" when the row as a whole is concerned
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" + (f"“{self.column}”" if self.column else "")
        return f"{where}：{self.message}"


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str


@dataclass
class PlannedRecord:
    """One good row: the honoree as it will be saved (new and unsaved, or existing with the file's values set)."""

    row: int
    honoree: Honoree
    awards: list[tuple[Honour, int | None]] | None  # None when the file has no 荣誉 column
    current_awards: list[Award] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def honours_text(self) -> str:
        return format_awards(self.awards or [])


@dataclass
class ImportPlan:
    rows: int
    to_create: list[PlannedRecord] = field(default_factory=list)
    to_change: list[PlannedRecord] = field(default_factory=list)
    unchanged: list[PlannedRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_industries: list[Industry] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return len({error.row for error in self.errors})


class _Invalid(ValueError):
    """A cell's value is wrong; the message says why, in Chinese."""


class Reference:
    """Honours (with their aliases), districts and industries, looked up the forgiving way, with suggestions."""

    def __init__(self, create_industries: bool = False):
        self.create_industries = create_industries
        honours = list(Honour.objects.all())
        aliases = list(HonourAlias.objects.select_related("honour"))
        self.honours = {_key(honour.name): honour for honour in honours}
        self.honours |= {_key(alias.alias): alias.honour for alias in aliases}
        # Spellings the suggestions are drawn from, each mapped to the name it stands for.
        self.honour_spellings = {honour.name: honour.name for honour in honours}
        self.honour_spellings |= {alias.alias: alias.honour.name for alias in aliases}
        self.districts = {_key(district.name): district for district in District.objects.all()}
        self.industries = {_key(industry.name): industry for industry in Industry.objects.all()}
        self.new_industries: dict[str, Industry] = {}

    def honour(self, name: str) -> Honour:
        honour = self.honours.get(_key(name))
        if honour is None:
            suggestion = _suggestion(name, self.honour_spellings)
            hint = suggestion or "。请使用已登记的荣誉名称，或在“荣誉别名”中登记这种写法。"
            raise _Invalid(f"未知荣誉“{name}”{hint}")
        return honour

    def district(self, name: str) -> District:
        district = self.districts.get(_key(name))
        if district is None:
            names = {district.name: district.name for district in self.districts.values()}
            raise _Invalid(f"未知的所属区“{name}”{_suggestion(name, names) or '。请使用已登记的区名。'}")
        return district

    def industry(self, name: str) -> Industry:
        industry = self.industries.get(_key(name)) or self.new_industries.get(_key(name))
        if industry is None and self.create_industries:
            industry = self.new_industries[_key(name)] = Industry(name=name)
        if industry is None:
            names = {industry.name: industry.name for industry in self.industries.values()}
            suggestion = _suggestion(name, names) or "。请使用已登记的行业名称。"
            raise _Invalid(f"未知的行业“{name}”{suggestion}如需新建，请选择“自动新建未知行业”（--create-industries）。")
        return industry


def _suggestion(value: str, spellings: dict[str, str]) -> str:
    """ "，是否为“全国劳动模范”？" for the closest known spelling (spellings map to canonical names), or ""."""
    close = difflib.get_close_matches(value, list(spellings), n=1, cutoff=0.6)
    return f"，是否为“{spellings[close[0]]}”？" if close else ""


def _parse_id(text: str, reference: Reference) -> str:
    external_id = fold_width(text).strip()
    if not external_id:
        raise _Invalid("必须填写编号。")
    if re.search(r"[\s/\\?#%]", external_id):
        raise _Invalid(f"编号“{external_id}”不能包含空格或 / \\ ? # % 这些字符（编号会用在网址里）。")
    _check_length(external_id, "external_id")
    return external_id


def _parse_name(text: str, reference: Reference) -> str:
    if not text:
        raise _Invalid("必须填写姓名（集体填写名称）。")
    _check_length(text, "name")
    return text


def _parse_kind(text: str, reference: Reference) -> str:
    kind = KIND_VALUES.get(_key(text))
    if kind is None:
        raise _Invalid(f"类别应为“个人”或“集体”，而不是“{text}”。" if text else "必须填写类别：个人或集体。")
    return kind


def _parse_gender(text: str, reference: Reference) -> str:
    if not text:
        return ""
    gender = GENDER_VALUES.get(_key(text))
    if gender is None:
        raise _Invalid(f"性别应为“男”或“女”（或留空），而不是“{text}”。")
    return gender


def _parse_year(text: str, earliest: int = EARLIEST_YEAR) -> int | None:
    if not text:
        return None
    digits = fold_width(text).strip().removesuffix("年").strip()
    if not re.fullmatch(r"\d{4}", digits):
        raise _Invalid(f"“{text}”不是四位数字的年份（例如 1965）。")
    year, latest = int(digits), timezone.localdate().year
    if not earliest <= year <= latest:
        raise _Invalid(f"年份 {year} 不在 {earliest}–{latest} 之间。")
    return year


def _parse_birth_year(text: str, reference: Reference) -> int | None:
    return _parse_year(text, EARLIEST_BIRTH_YEAR)


def _parse_death_year(text: str, reference: Reference) -> int | None:
    return _parse_year(text)


def _parse_district(text: str, reference: Reference) -> District | None:
    return reference.district(text) if text else None


def _parse_industry(text: str, reference: Reference) -> Industry | None:
    return reference.industry(text) if text else None


def _parse_honors(text: str, reference: Reference) -> list[tuple[Honour, int | None]]:
    awards: dict[tuple[int, int | None], tuple[Honour, int | None]] = {}
    problems = []
    for entry in re.split(r"[;\n\r]+", fold_width(text)):
        entry = " ".join(entry.split())
        if not entry:
            continue
        try:
            honour, year = _parse_award(entry, reference)
        except _Invalid as invalid:
            problems.append(str(invalid))
            continue
        awards[(honour.pk, year)] = (honour, year)  # the same award written twice counts once
    if problems:
        raise _Invalid(" ".join(problems))
    return list(awards.values())


def _parse_award(entry: str, reference: Reference) -> tuple[Honour, int | None]:
    """ "2015 全国劳动模范", "2015年全国劳动模范", "全国劳动模范(2015)" or just "全国劳动模范" (year unknown)."""
    leading = re.fullmatch(r"(\d+)\s*年?\s*(.*)", entry)
    trailing = re.fullmatch(r"(.*?)\s*\(?(\d+)\s*年?\)?", entry)
    if leading:
        year_text, name = leading.groups()
    elif trailing and trailing.group(1):
        name, year_text = trailing.groups()
    else:
        year_text, name = "", entry
    if not name:
        raise _Invalid(f"“{entry}”只有年份，缺少荣誉名称。")
    try:
        year = _parse_year(year_text)
    except _Invalid as invalid:
        raise _Invalid(f"“{entry}”：{invalid}") from invalid
    return reference.honour(name), year


def _text_parser(field_name: str):
    def parse(text: str, reference: Reference) -> str:
        _check_length(text, field_name)
        return text

    return parse


def _check_length(text: str, field_name: str) -> None:
    limit = Honoree._meta.get_field(field_name).max_length
    if limit and len(text) > limit:
        raise _Invalid(f"超过 {limit} 个字的长度限制（现有 {len(text)} 个字）。")


CELL_PARSERS = {
    "id": _parse_id,
    "kind": _parse_kind,
    "name": _parse_name,
    "gender": _parse_gender,
    "ethnicity": _text_parser("ethnicity"),
    "birth_year": _parse_birth_year,
    "death_year": _parse_death_year,
    "native_place": _text_parser("native_place"),
    "employer": _text_parser("employer"),
    "title": _text_parser("title"),
    "industry": _parse_industry,
    "district": _parse_district,
    "honors": _parse_honors,
    "biography": _text_parser("biography"),
}
# The Honoree field each column fills (荣誉 fills the awards, handled separately).
FIELD_OF = {column.key: column.key for column in COLUMNS if column.key not in ("id", "honors")}


def plan_import(table: Table, *, create_industries: bool = False) -> ImportPlan:
    """Check every row and sort the good ones into to-create, to-change and unchanged. Writes nothing."""
    reference = Reference(create_industries)
    plan = ImportPlan(rows=len(table.rows), ignored_headers=table.ignored_headers)
    parsed: list[tuple[int, dict[str, object]]] = []
    first_row_of: dict[str, int] = {}
    for row in table.rows:
        if row.cell_count is None:
            values, errors = _parse_cells(row, table, reference)
        else:
            values, errors = {}, [_cell_count_error(row, table)]
        external_id = values.get("id")
        if external_id in first_row_of:
            errors.append(
                RowError(row.number, LABELS["id"], f"编号“{external_id}”与第 {first_row_of[external_id]} 行重复。")
            )
        elif external_id:
            first_row_of[external_id] = row.number
        plan.errors += errors
        if not errors:
            parsed.append((row.number, values))

    existing = _existing_honorees([values["id"] for _, values in parsed])
    current_awards = _current_awards([honoree.pk for honoree in existing.values()])
    for number, values in parsed:
        honoree = existing.get(values["id"])
        record, errors = _plan_record(number, values, honoree, current_awards.get(getattr(honoree, "pk", None), []))
        plan.errors += errors
        if errors:
            continue
        if honoree is None:
            plan.to_create.append(record)
        elif record.changes:
            plan.to_change.append(record)
        else:
            plan.unchanged.append(record)
    plan.errors.sort(key=lambda error: error.row)
    used = {id(record.honoree.industry) for record in plan.to_create + plan.to_change if record.honoree.industry}
    plan.new_industries = [industry for industry in reference.new_industries.values() if id(industry) in used]
    return plan


def _cell_count_error(row: SourceRow, table: Table) -> RowError:
    hint = "多出的值对应不到任何列" if row.cell_count > table.header_cells else "后面的值可能错了列"
    return RowError(
        row.number,
        "",
        f"有 {row.cell_count} 列，应为 {table.header_cells} 列（与表头相同），{hint}。"
        "请检查这一行是否多了或少了分隔符（逗号）、引号是否成对。",
    )


def _parse_cells(row: SourceRow, table: Table, reference: Reference) -> tuple[dict[str, object], list[RowError]]:
    values, errors = {}, []
    for key in table.columns:
        try:
            values[key] = CELL_PARSERS[key](cell_text(row.cells[key], table.formula_guarded), reference)
        except _Invalid as invalid:
            errors.append(RowError(row.number, LABELS[key], str(invalid)))
    return values, errors


def _existing_honorees(external_ids: list[str]) -> dict[str, Honoree]:
    found = {}
    for start in range(0, len(external_ids), BATCH):
        chunk = external_ids[start : start + BATCH]
        for honoree in Honoree.objects.filter(external_id__in=chunk).select_related("industry", "district"):
            found[honoree.external_id] = honoree
    return found


def _current_awards(honoree_pks: list[int]) -> dict[int, list[Award]]:
    awards: dict[int, list[Award]] = {}
    for start in range(0, len(honoree_pks), BATCH):
        for award in Award.objects.filter(honoree_id__in=honoree_pks[start : start + BATCH]).select_related("honour"):
            awards.setdefault(award.honoree_id, []).append(award)
    return awards


def _plan_record(
    number: int, values: dict[str, object], existing: Honoree | None, current_awards: list[Award]
) -> tuple[PlannedRecord, list[RowError]]:
    external_id = str(values["id"])
    is_synthetic = external_id.upper().startswith(SYNTHETIC_PREFIX)
    errors = []

    def fail(key: str, message: str) -> None:
        errors.append(RowError(number, LABELS.get(key, ""), message))

    if existing is not None and existing.is_synthetic != is_synthetic:
        if existing.is_synthetic:
            fail(
                "id",
                f"档案中的“{external_id}”是示例数据，真实记录不能覆盖它（示例数据的编号以 {SYNTHETIC_PREFIX} 开头）。",
            )
        else:
            fail("id", f"档案中的“{external_id}”是真实记录，不能用示例数据覆盖。")
        return PlannedRecord(number, existing, None), errors

    honoree = existing or Honoree(external_id=external_id, is_synthetic=is_synthetic, live=True)
    changes = _changes(honoree, values, current_awards) if existing else []
    for key, field_name in FIELD_OF.items():
        if key in values:
            setattr(honoree, field_name, values[key])

    awards = values.get("honors")
    kind_label = KIND_LABELS[honoree.kind]
    for honour, _year in awards or []:
        if honour.for_kind != honoree.kind:
            fail("honors", f"“{honour.name}”只授予{KIND_LABELS[honour.for_kind]}，而这条记录的类别是{kind_label}。")
    if honoree.kind == Kind.COLLECTIVE and honoree.gender:
        fail("gender", "集体不填写性别。")
    if honoree.birth_year and honoree.death_year and honoree.death_year < honoree.birth_year:
        fail("death_year", f"逝世年份 {honoree.death_year} 早于出生年份 {honoree.birth_year}。")
    if existing is not None and changes and existing.locked:
        fail("", "这条记录已在后台被锁定，导入不能修改它；请先解锁。")
    if existing is None or any(change.column in (LABELS["name"], LABELS["kind"]) for change in changes):
        honoree.compute_name_fields()
        for field_name in NAME_FIELDS:
            try:
                _check_length(getattr(honoree, field_name), field_name)
            except _Invalid:
                fail("name", "名称太长，无法生成排序用的拼音和笔画（请缩短名称）。")
                break
    return PlannedRecord(number, honoree, awards, current_awards, changes), errors


def _changes(honoree: Honoree, values: dict[str, object], current_awards: list[Award]) -> list[FieldChange]:
    """What the file would change in an existing record, in the archivist's words."""
    changes = []
    for key, field_name in FIELD_OF.items():
        if key not in values:
            continue
        old, new = _display(key, getattr(honoree, field_name)), _display(key, values[key])
        if _normalised(old) != _normalised(new):
            changes.append(FieldChange(LABELS[key], old, new))
    awards = values.get("honors")
    if awards is not None:
        current = {(award.honour_id, award.year) for award in current_awards}
        if current != {(honour.pk, year) for honour, year in awards}:
            old = format_awards((award.honour, award.year) for award in current_awards)
            changes.append(FieldChange(LABELS["honors"], old, format_awards(awards)))
    return changes


def _display(key: str, value: object) -> str:
    if key == "kind":
        return KIND_LABELS.get(value, str(value))
    if key == "gender":
        return GENDER_LABELS.get(value, str(value))
    return "" if value is None else str(value)


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


# --- Applying a plan ------------------------------------------------------------------------------------------------


BATCH = 500


class ImportRejected(Exception):
    """The plan has bad rows and the archivist did not choose to import only the good ones: nothing was written."""

    def __init__(self, plan: ImportPlan):
        super().__init__(f"{plan.bad_rows} 行有错误，没有导入任何记录。")
        self.plan = plan


@dataclass
class ImportResult:
    created: int
    changed: int
    unchanged: int
    skipped_rows: int
    new_industries: list[str]


# Fields an import writes to an existing record; private fields, withdrawal and the synthetic flag are not among them.
UPDATE_FIELDS = [
    *FIELD_OF.values(),
    *NAME_FIELDS,
    "surname_strokes",
    "first_award_year",
    "updated_at",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "latest_revision",
    "live_revision",
]


def apply_plan(plan: ImportPlan, *, user=None, skip_invalid: bool = False) -> ImportResult:
    """Write the plan in one transaction: all of it, or nothing.

    Records are saved live, because the archivist who confirms the import is its reviewer. Each created or changed
    record gets one revision (the one that is live) and a "created"/"edited" plus "published" history entry, so
    the admin's history and revisions views show the import like an edit. save_revision() and publish() per
    record cost a full_clean() and several queries each, far beyond the 20-second budget for the 13,058 records
    of the name walls, so the revisions and log entries are built here and written in bulk, like everything else.
    Bulk writes send no post_save signals: the cache version is bumped here, and the search index is updated in
    bulk after the commit (then `honorees_imported` is sent for any other index).
    """
    if plan.errors and not skip_invalid:
        raise ImportRejected(plan)
    now = timezone.now()
    with transaction.atomic():
        for industry in plan.new_industries:
            industry.slug = _free_industry_slug(industry.name)
            industry.save()
        for record in plan.to_create + plan.to_change:
            if record.honoree.industry is not None and record.honoree.industry_id is None:  # a new industry
                record.honoree.industry_id = record.honoree.industry.pk
        _create_records(plan.to_create, now)
        _update_records(plan.to_change, now)
        revisions = _save_revisions(plan.to_create + plan.to_change, user, now)
        _update_rows([record.honoree for record in plan.to_create], ["latest_revision", "live_revision"])
        _update_rows([record.honoree for record in plan.to_change], UPDATE_FIELDS)
        _log(plan.to_create, plan.to_change, revisions, user, now)
        if plan.to_create or plan.to_change:
            bump_data_version()
            created_pks = [record.honoree.pk for record in plan.to_create]
            changed_pks = [record.honoree.pk for record in plan.to_change]
            # In this transaction: the search indexes and walls follow after the commit, even after a crash.
            outbox.record("archive.honoree", [*created_pks, *changed_pks])
            transaction.on_commit(lambda: _after_commit(created_pks, changed_pks))
    logger.info(
        "Imported honorees: %d created, %d changed, %d unchanged, %d bad rows skipped",
        len(plan.to_create),
        len(plan.to_change),
        len(plan.unchanged),
        plan.bad_rows,
    )
    return ImportResult(
        created=len(plan.to_create),
        changed=len(plan.to_change),
        unchanged=len(plan.unchanged),
        skipped_rows=plan.bad_rows,
        new_industries=[industry.name for industry in plan.new_industries],
    )


def _free_industry_slug(name: str) -> str:

    base = pinyin_slug(name)[:70] or "industry"
    slug, number = base, 1
    while Industry.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _first_award_year(awards: Iterable[Award]) -> int | None:
    """Honoree.refresh_first_award_year() for records in memory: the earliest known award year."""
    return min((award.year for award in awards if award.year), default=None)


def _create_records(records: list[PlannedRecord], now: datetime.datetime) -> None:
    for record in records:
        honoree = record.honoree
        honoree.live, honoree.has_unpublished_changes = True, False
        honoree.first_published_at = honoree.last_published_at = now
        # In the order the file lists them: that decides between awards of the same year (Award.sort_order).
        record.current_awards = [
            Award(honour=honour, year=year, sort_order=position)
            for position, (honour, year) in enumerate(record.awards or [])
        ]
        honoree.first_award_year = _first_award_year(record.current_awards)
    Honoree.objects.bulk_create([record.honoree for record in records], batch_size=BATCH)
    for record in records:
        for award in record.current_awards:
            award.honoree = record.honoree
    Award.objects.bulk_create([award for record in records for award in record.current_awards], batch_size=BATCH)


def _update_records(records: list[PlannedRecord], now: datetime.datetime) -> None:
    stale_award_pks: list[int] = []
    new_awards: list[Award] = []
    for record in records:
        honoree = record.honoree
        honoree.updated_at = honoree.last_published_at = now
        honoree.first_published_at = honoree.first_published_at or now
        honoree.live, honoree.has_unpublished_changes = True, False
        if record.awards is not None:
            wanted = {(honour.pk, year): (honour, year) for honour, year in record.awards}
            kept = [award for award in record.current_awards if (award.honour_id, award.year) in wanted]
            have = {(award.honour_id, award.year) for award in kept}
            stale_award_pks += [
                award.pk for award in record.current_awards if (award.honour_id, award.year) not in have
            ]
            after = max((award.sort_order or 0 for award in kept), default=-1) + 1  # after those already arranged
            added = [
                Award(honoree=honoree, honour=h, year=y, sort_order=after + position)
                for position, (key, (h, y)) in enumerate(item for item in wanted.items() if item[0] not in have)
            ]
            new_awards += added
            record.current_awards = kept + added
        honoree.first_award_year = _first_award_year(record.current_awards)
    for start in range(0, len(stale_award_pks), BATCH):
        Award.objects.filter(pk__in=stale_award_pks[start : start + BATCH]).delete()
    Award.objects.bulk_create(new_awards, batch_size=BATCH)


def _update_rows(honorees: list[Honoree], field_names: list[str]) -> None:
    """One prepared UPDATE … WHERE id = %s run for every record (executemany).

    QuerySet.bulk_update() builds a CASE WHEN expression per field and record, which takes most of a minute for
    13,058 records; the values here are the records' own, prepared for the database by their fields."""
    if not honorees:
        return
    fields = [Honoree._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(Honoree._meta.db_table)} SET {assignments} WHERE {quote(Honoree._meta.pk.column)} = %s"
    params = [
        [field.get_db_prep_save(getattr(honoree, field.attname), connection) for field in fields] + [honoree.pk]
        for honoree in honorees
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _save_revisions(records: list[PlannedRecord], user, now: datetime.datetime) -> list[Revision]:
    content_type = ContentType.objects.get_for_model(Honoree)
    revisions = []
    for record in records:
        content = get_serializable_data_for_fields(record.honoree)
        content["awards"] = [get_serializable_data_for_fields(award) for award in record.current_awards]
        revisions.append(
            Revision(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(record.honoree.pk),
                created_at=now,
                user=user,
                object_str=str(record.honoree),
                content=content,
            )
        )
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    for record, revision in zip(records, revisions, strict=True):
        record.honoree.latest_revision = record.honoree.live_revision = revision
    return revisions


def _log(created, changed, revisions, user, now: datetime.datetime) -> None:
    content_type = ContentType.objects.get_for_model(Honoree)
    batch = uuid.uuid4()  # one uuid groups the whole import in the history views
    entries = []
    actions = [(record, "wagtail.create") for record in created] + [(record, "wagtail.edit") for record in changed]
    for (record, action), revision in zip(actions, revisions, strict=True):
        for logged_action in (action, "wagtail.publish"):
            entries.append(
                ModelLogEntry(
                    content_type=content_type,
                    label=str(record.honoree),
                    action=logged_action,
                    data={},
                    timestamp=now,
                    uuid=batch,
                    user=user,
                    revision=revision,
                    content_changed=True,
                    object_id=str(record.honoree.pk),
                )
            )
    ModelLogEntry.objects.bulk_create(entries, batch_size=BATCH)


def _after_commit(created_pks: list[int], changed_pks: list[int]) -> None:
    pks = created_pks + changed_pks
    for backend in get_search_backends(with_auto_update=True):
        for start in range(0, len(pks), BATCH):
            chunk = list(Honoree.get_indexed_objects().filter(pk__in=pks[start : start + BATCH]))
            try:
                backend.add_bulk(Honoree, chunk)
            except Exception:  # the import is committed; an index failure is logged and never undoes or blocks it
                logger.exception("Indexing imported honorees failed; run update_index")
                break
    honorees_imported.send(sender=Honoree, created=created_pks, changed=changed_pks)


# --- One call for commands and views ------------------------------------------------------------------------------


def import_file(
    data: bytes,
    filename: str = "",
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    create_industries: bool = False,
    user=None,
) -> tuple[ImportPlan, ImportResult | None]:
    """Read, check and (unless dry_run) apply. Raises ImportFileError or ImportRejected; a dry run returns no result."""
    plan = plan_import(read_table(data, filename), create_industries=create_industries)
    if dry_run:
        return plan, None
    return plan, apply_plan(plan, user=user, skip_invalid=skip_invalid)

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

The steps, one module each: `columns` (the format, shared with the export), `formats` (a file into rows), `parse`
(cells into values or errors), `plan` (rows into records to create and change) and `apply` (the one transaction).
"""

from ..signals import honorees_imported
from .apply import UPDATE_FIELDS, ImportRejected, ImportResult, apply_plan
from .columns import (
    AWARD_SEPARATOR,
    COLUMNS,
    FIELD_OF,
    FORMULA_TRIGGERS,
    GENDER_LABELS,
    GENDER_VALUES,
    HEADER_ALIASES,
    KIND_LABELS,
    KIND_VALUES,
    LABELS,
    Column,
    fold_width,
    format_awards,
    strip_formula_guard,
)
from .formats import (
    HEADER_SEARCH_ROWS,
    NO_HEADER,
    NOT_A_TABLE,
    XLS_MAGIC,
    XLSX_MAGIC,
    ImportFileError,
    SourceRow,
    Table,
    read_table,
)
from .parse import CELL_PARSERS, EARLIEST_BIRTH_YEAR, EARLIEST_YEAR, Reference, RowError, cell_text
from .plan import BATCH, NAME_FIELDS, FieldChange, ImportPlan, PlannedRecord, plan_import

__all__ = [
    "AWARD_SEPARATOR",
    "BATCH",
    "CELL_PARSERS",
    "COLUMNS",
    "EARLIEST_BIRTH_YEAR",
    "EARLIEST_YEAR",
    "FIELD_OF",
    "FORMULA_TRIGGERS",
    "GENDER_LABELS",
    "GENDER_VALUES",
    "HEADER_ALIASES",
    "HEADER_SEARCH_ROWS",
    "KIND_LABELS",
    "KIND_VALUES",
    "LABELS",
    "NAME_FIELDS",
    "NOT_A_TABLE",
    "NO_HEADER",
    "UPDATE_FIELDS",
    "XLSX_MAGIC",
    "XLS_MAGIC",
    "Column",
    "FieldChange",
    "ImportFileError",
    "ImportPlan",
    "ImportRejected",
    "ImportResult",
    "PlannedRecord",
    "Reference",
    "RowError",
    "SourceRow",
    "Table",
    "apply_plan",
    "cell_text",
    "fold_width",
    "format_awards",
    "honorees_imported",
    "import_file",
    "plan_import",
    "read_table",
    "strip_formula_guard",
]


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

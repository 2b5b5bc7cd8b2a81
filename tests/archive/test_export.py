"""Exporting honoree records in the import format: lossless round trips, formula guards, no private data."""

import codecs
import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from archive.exporting import guard_formula
from archive.importing import COLUMNS, import_file, strip_formula_guard
from archive.models import Award, District, Honoree, Honour, Industry

pytestmark = pytest.mark.django_db

SECRETS = ("联系电话13800138000", "疗休养记录甲乙", "档案备注丙丁")
FORMAT_FIELDS = [
    "external_id",
    "kind",
    "name",
    "gender",
    "ethnicity",
    "birth_year",
    "death_year",
    "native_place",
    "employer",
    "title",
    "industry_id",
    "district_id",
    "biography",
]
DERIVED_FIELDS = ["is_synthetic", "live", "surname", "name_pinyin", "stroke_key", "first_award_year"]


def add(external_id, name, awards=(), **fields):
    honoree = Honoree(external_id=external_id, name=name, live=True, **fields)
    honoree.save()
    for year, honour in awards:
        Award.objects.create(honoree=honoree, honour=Honour.objects.get(name=honour), year=year)
    honoree.refresh_first_award_year()
    return honoree


@pytest.fixture
def records():
    """Records made through the models (not the import), covering every column and the awkward values."""
    industry, district = Industry.objects.get(name="交通运输"), District.objects.get(name="崇文区")
    add(
        "T-0001",
        "曾晓岚",
        [(2020, "全国劳动模范"), (2015, "北京市劳动模范"), (None, "首都劳动奖章")],
        gender="female",
        ethnicity="汉族",
        birth_year=1968,
        native_place="@北京",
        employer="-北京市疾控中心",
        title='=HYPERLINK("http://example.com")',
        industry=industry,
        district=district,
        biography='\'=不是公式，而是原文。\n\n他说：“好”，然后写下 "a, b; c"。',
        contact_info=SECRETS[0],
        health_notes=SECRETS[1],
        archivist_notes=SECRETS[2],
    )
    add("T-0002", "北京公交集团第一客运分公司", [(None, "首都劳动奖状"), (2015, "全国工人先锋号")], kind="collective")
    add(
        "T-0003",
        "阿依古丽·买买提",
        [(1989, "全国劳动模范")],
        gender="female",
        ethnicity="维吾尔族",
        birth_year=1940,
        death_year=2019,
    )
    add("T-0004", "王撤下", [(1995, "北京市先进工作者")], withdrawn=True, withdrawn_reason="家属要求")
    add("T-0005", "无荣誉", [], title="+86")
    add("SYN-000001", "示例人", [(2000, "北京市劳动模范")], is_synthetic=True)


def snapshot():
    rows = {}
    for honoree in Honoree.objects.all():
        values = {field: getattr(honoree, field) for field in FORMAT_FIELDS + DERIVED_FIELDS}
        values["awards"] = sorted((award.honour.name, award.year or 0) for award in honoree.awards.all())
        rows[honoree.external_id] = values
    return rows


def export(tmp_path, fmt, *options) -> bytes:
    path = tmp_path / f"export.{fmt}"
    call_command("export_honorees", str(path), *options, stdout=io.StringIO())
    return path.read_bytes()


def xlsx_rows(content: bytes) -> list[list]:
    return [list(row) for row in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_wipe_import_round_trip_is_lossless(tmp_path, records, fmt):
    before = snapshot()
    content = export(tmp_path, fmt)

    Honoree.objects.all().delete()
    assert not Award.objects.exists()
    plan, result = import_file(content, f"export.{fmt}")

    assert plan.errors == [] and result.created == len(before)
    assert snapshot() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_importing_an_export_changes_nothing(tmp_path, records, fmt):
    plan, result = import_file(export(tmp_path, fmt), f"export.{fmt}")
    assert plan.errors == []
    assert (result.created, result.changed, result.unchanged) == (0, 0, Honoree.objects.count())


def test_csv_is_utf8_with_bom_chinese_headers_and_no_withdrawn_column(tmp_path, records):
    content = export(tmp_path, "csv")
    assert content.startswith(codecs.BOM_UTF8)
    header = content.decode("utf-8-sig").splitlines()[0]
    assert header == ",".join(column.label for column in COLUMNS)
    assert "T-0004,个人,王撤下" in content.decode("utf-8-sig")  # withdrawn records are exported


def test_awards_are_written_oldest_first_with_year_less_entries_last(tmp_path, records):
    rows = json.loads(export(tmp_path, "json"))
    by_id = {row["id"]: row for row in rows}
    assert by_id["T-0001"]["honors"] == "2015 北京市劳动模范；2020 全国劳动模范；首都劳动奖章"
    assert by_id["T-0002"]["honors"] == "2015 全国工人先锋号；首都劳动奖状"
    assert by_id["T-0001"]["kind"] == "个人" and by_id["T-0002"]["kind"] == "集体"
    assert by_id["T-0003"]["death_year"] == 2019 and by_id["T-0005"]["honors"] == ""


def test_formula_cells_are_neutralised_in_csv_and_xlsx_but_not_json(tmp_path, records):
    csv_text = export(tmp_path, "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'-北京市疾控中心" in csv_text and "'@北京" in csv_text
    assert ",'+86," in csv_text
    assert "''=不是公式" in csv_text  # a quote that was there already survives the round trip

    sheet = load_workbook(io.BytesIO(export(tmp_path, "xlsx"))).worksheets[0]
    title_cells = [row[COLUMNS.index(next(c for c in COLUMNS if c.key == "title"))] for row in sheet.iter_rows()]
    guarded = next(cell for cell in title_cells if str(cell.value).startswith("'=HYPERLINK"))
    assert guarded.data_type == "s"  # text, not a formula

    rows = json.loads(export(tmp_path, "json"))
    assert next(row for row in rows if row["id"] == "T-0001")["title"] == '=HYPERLINK("http://example.com")'


@pytest.mark.parametrize(
    "value",
    ["=1+2", "+86", "-5", "@SUM(A1)", "\t=1+2", "\r=cmd", "'=already", "''+two", "'plain", "plain", "", "中文=文字"],
)
def test_formula_guard_round_trips_every_value(value):
    assert strip_formula_guard(guard_formula(value)) == value


@pytest.mark.parametrize("value", ["\t=1+2", "\r=cmd|' /C calc'!A0"])
def test_formula_guard_covers_leading_tab_and_carriage_return(value):
    assert guard_formula(value) == "'" + value


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_private_fields_are_never_exported(tmp_path, records, fmt):
    content = export(tmp_path, fmt)
    text = str(xlsx_rows(content)) if fmt == "xlsx" else content.decode("utf-8-sig")
    assert "曾晓岚" in text
    for secret in (*SECRETS, "家属要求"):
        assert secret not in text


def test_export_to_stdout_and_format_choice(records):
    out, err = io.StringIO(), io.StringIO()
    call_command("export_honorees", "-", "--format", "json", stdout=out, stderr=err)
    assert {row["id"] for row in json.loads(out.getvalue())} >= {"T-0001", "SYN-000001"}
    assert f"已导出 {Honoree.objects.count()} 条记录。" in err.getvalue()

    out = io.StringIO()
    call_command("export_honorees", "-", "--format", "csv", stdout=out, stderr=io.StringIO())
    assert out.getvalue().startswith("\ufeff编号,类别,姓名")

    with pytest.raises(CommandError, match="XLSX 不能写到标准输出"):
        call_command("export_honorees", "-", "--format", "xlsx")
    with pytest.raises(CommandError, match="无法从文件名判断格式"):
        call_command("export_honorees", "records.txt")


def test_export_filters(tmp_path, records):
    def ids(*options):
        return {row["id"] for row in json.loads(export(tmp_path, "json", *options))}

    assert ids("--kind", "集体") == {"T-0002"}
    assert ids("--district", "崇文区") == {"T-0001"}
    assert ids("--honour", "全国劳动模范") >= {"T-0001", "T-0003"} and "T-0004" not in ids("--honour", "全国劳动模范")
    assert "SYN-000001" not in ids("--exclude-synthetic")
    assert xlsx_rows(export(tmp_path, "xlsx", "--kind", "collective"))[1][:3] == [
        "T-0002",
        "集体",
        "北京公交集团第一客运分公司",
    ]


# --- The admin export ----------------------------------------------------------------------------------------------

EXPORT_URL = "/admin/archive/export/"


def test_admin_export_with_the_listing_filters(client, make_user, records):
    client.force_login(make_user("archivist", "档案管理员"))
    page = client.get(EXPORT_URL, {"kind": "collective"})
    assert page.status_code == 200
    assert '<strong data-count="export">1</strong>' in page.content.decode()

    response = client.get(EXPORT_URL, {"kind": "collective", "format": "csv", "download": "1"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[1].startswith("T-0002,集体,")

    district = District.objects.get(name="崇文区")
    response = client.get(EXPORT_URL, {"district": district.pk, "format": "json", "download": "1"})
    assert [row["id"] for row in json.loads(response.content)] == ["T-0001"]

    honour = Honour.objects.get(name="北京市先进工作者")
    response = client.get(EXPORT_URL, {"awards__honour": honour.pk, "format": "xlsx", "download": "1"})
    assert [row[0] for row in xlsx_rows(response.content)[1:]] == ["T-0004"]


def test_admin_export_is_refused_without_permission(client, make_user, records):
    client.force_login(make_user("editor", "编辑"))
    response = client.get(EXPORT_URL, {"format": "csv", "download": "1"})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")

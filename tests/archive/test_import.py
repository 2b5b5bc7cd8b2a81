"""Importing honoree records: reading files, checking every row, atomic and idempotent upserts, the command, the admin."""

import codecs
import csv
import io
import logging
import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.menu import admin_menu
from wagtail.models import ModelLogEntry, Revision

import pytest

from archive.importing import (
    COLUMNS,
    LABELS,
    NO_HEADER,
    NOT_A_TABLE,
    ImportFileError,
    ImportRejected,
    apply_plan,
    honorees_imported,
    import_file,
    plan_import,
    read_table,
)
from archive.models import Award, Honoree, Industry
from search import wagtail_index

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "archive" / "examples"
KEYS = [column.key for column in COLUMNS]
GOOD = {
    "id": "T-0001",
    "kind": "个人",
    "name": "李建国",
    "gender": "男",
    "ethnicity": "汉族",
    "birth_year": "1968",
    "death_year": "",
    "native_place": "河北保定",
    "employer": "北京第一机床厂",
    "title": "高级技师",
    "industry": "工业制造",
    "district": "朝阳区",
    "honors": "2010 北京市劳动模范；2015 全国劳动模范",
    "biography": "长期在数控机床装配一线工作。\n\n带出多名技师。",
}
COLLECTIVE = {
    **GOOD,
    "id": "T-0002",
    "kind": "集体",
    "name": "北京地铁运营公司抢修班组",
    "gender": "",
    "ethnicity": "",
    "birth_year": "",
    "honors": "2020 全国工人先锋号",
}


def record(**overrides) -> dict:
    return {**GOOD, **overrides}


def make_csv(*records: dict, header: list[str] | None = None, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, delimiter=delimiter)
    writer.writerow(header or [LABELS[key] for key in KEYS])
    for item in records:
        writer.writerow([item.get(key, "") for key in KEYS] if header is None else list(item.values()))
    return stream.getvalue().encode(encoding)


def plan_of(data: bytes, filename: str = "records.csv", **options):
    return plan_import(read_table(data, filename), **options)


def errors_of(data: bytes, **options) -> list[tuple[int, str, str]]:
    return [(error.row, error.column, error.message) for error in plan_of(data, **options).errors]


def awards_of(external_id: str) -> set[tuple[str, int | None]]:
    return {(award.honour.name, award.year) for award in Award.objects.filter(honoree__external_id=external_id)}


# --- A good file ---------------------------------------------------------------------------------------------------


def test_import_creates_published_records_with_awards_revision_and_history():
    plan, result = import_file(make_csv(GOOD, COLLECTIVE), "records.csv")

    assert (result.created, result.changed, result.unchanged, result.skipped_rows) == (2, 0, 0, 0)
    person = Honoree.objects.get(external_id="T-0001")
    assert person.live and not person.has_unpublished_changes and not person.is_synthetic
    assert (person.kind, person.gender, person.birth_year, person.death_year) == ("person", "male", 1968, None)
    assert (person.industry.name, person.district.name, person.employer) == ("工业制造", "朝阳区", "北京第一机床厂")
    assert person.biography == GOOD["biography"]
    assert (person.name_pinyin, person.surname, person.initial) == ("li jian guo", "李", "L")
    assert awards_of("T-0001") == {("北京市劳动模范", 2010), ("全国劳动模范", 2015)}
    assert person.first_award_year == 2010
    assert person.latest_revision_id == person.live_revision_id
    revision = Revision.objects.get(object_id=str(person.pk), content_type__model="honoree")
    assert revision.content["name"] == "李建国"
    assert sorted(award["year"] for award in revision.content["awards"]) == [2010, 2015]
    assert revision.as_object().awards.count() == 2
    actions = set(ModelLogEntry.objects.filter(object_id=str(person.pk)).values_list("action", flat=True))
    assert actions == {"wagtail.create", "wagtail.publish"}
    assert Honoree.objects.get(external_id="T-0002").kind == "collective"


def test_reimporting_the_same_file_changes_nothing():
    data = make_csv(GOOD, COLLECTIVE)
    import_file(data, "records.csv")
    before = Honoree.objects.get(external_id="T-0001")
    revisions, log_entries = Revision.objects.count(), ModelLogEntry.objects.count()

    plan, result = import_file(data, "records.csv")

    assert (len(plan.to_create), len(plan.to_change), len(plan.unchanged)) == (0, 0, 2)
    assert (result.created, result.changed, result.unchanged) == (0, 0, 2)
    after = Honoree.objects.get(external_id="T-0001")
    assert after.updated_at == before.updated_at
    assert after.latest_revision_id == before.latest_revision_id
    assert (Revision.objects.count(), ModelLogEntry.objects.count()) == (revisions, log_entries)


def test_update_changes_only_format_fields_and_replaces_the_awards():
    import_file(make_csv(GOOD), "records.csv")
    Honoree.objects.filter(external_id="T-0001").update(
        contact_info="电话13800000000", health_notes="疗休养", archivist_notes="来源：辞典", withdrawn=True
    )
    before = Honoree.objects.get(external_id="T-0001")

    changed = record(employer="首钢集团", name="曾晓岚", gender="女", honors="2020 全国劳动模范；首都劳动奖章")
    plan = plan_of(make_csv(changed))
    assert [change.column for change in plan.to_change[0].changes] == ["姓名", "性别", "工作单位", "荣誉"]
    assert plan.to_change[0].changes[2].old == "北京第一机床厂"
    result = apply_plan(plan)

    assert (result.created, result.changed) == (0, 1)
    after = Honoree.objects.get(external_id="T-0001")
    assert (after.name, after.gender, after.employer) == ("曾晓岚", "female", "首钢集团")
    assert after.name_pinyin == "zeng xiao lan"  # name fields recomputed (曾 read as a surname)
    assert awards_of("T-0001") == {("全国劳动模范", 2020), ("首都劳动奖章", None)}
    assert after.first_award_year == 2020
    assert (after.contact_info, after.health_notes, after.archivist_notes) == (
        "电话13800000000",
        "疗休养",
        "来源：辞典",
    )
    assert after.withdrawn is True
    assert after.updated_at > before.updated_at
    assert Revision.objects.filter(object_id=str(after.pk), content_type__model="honoree").count() == 2
    assert after.latest_revision.content["employer"] == "首钢集团"


def test_columns_missing_from_the_file_are_left_alone():
    import_file(make_csv(GOOD), "records.csv")
    data = "编号,姓名,工作单位\nT-0001,李建国,首钢集团\n".encode()

    plan, result = import_file(data, "partial.csv")

    assert result.changed == 1 and [change.column for change in plan.to_change[0].changes] == ["工作单位"]
    honoree = Honoree.objects.get(external_id="T-0001")
    assert honoree.employer == "首钢集团" and honoree.biography == GOOD["biography"]
    assert awards_of("T-0001") == {("北京市劳动模范", 2010), ("全国劳动模范", 2015)}


def test_synthetic_ids_are_imported_as_synthetic():
    import_file(make_csv(record(id="SYN-T-0001")), "records.csv")
    assert Honoree.objects.get(external_id="SYN-T-0001").is_synthetic is True


def test_unknown_industries_are_created_only_when_asked():
    data = make_csv(record(industry="冰雪运动"))
    assert errors_of(data) == [
        (
            2,
            "行业",
            "未知的行业“冰雪运动”。请使用已登记的行业名称。如需新建，请选择“自动新建未知行业”（--create-industries）。",
        )
    ]

    plan, result = import_file(data, "records.csv", create_industries=True)

    assert result.new_industries == ["冰雪运动"]
    industry = Industry.objects.get(name="冰雪运动")
    assert industry.slug and Honoree.objects.get(external_id="T-0001").industry == industry


def test_import_indexes_public_records_and_announces_them_after_commit(django_capture_on_commit_callbacks):
    announced = []

    def receiver(sender, created, changed, **kwargs):
        announced.append((created, changed))

    honorees_imported.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            import_file(make_csv(record(name="辛勤耕")), "records.csv")
    finally:
        honorees_imported.disconnect(receiver)

    honoree = Honoree.objects.get(external_id="T-0001")
    assert announced == [([honoree.pk], [])]
    assert list(Honoree.objects.public().search("辛勤耕")) == [honoree]


class FailingSearchBackend:
    """A Wagtail search backend whose index table cannot be written."""

    def __init__(self):
        self.calls = 0

    def add_bulk(self, model, objects):
        self.calls += 1
        raise DatabaseError("database table is locked: wagtailsearch_indexentry")


def test_a_failing_search_backend_is_logged_once_and_the_import_stands(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    backend = FailingSearchBackend()
    monkeypatch.setattr(wagtail_index, "get_search_backends", lambda with_auto_update: [backend])
    monkeypatch.setattr(wagtail_index, "CHUNK", 1)  # two records, two chunks: one log line all the same
    announced = []

    def receiver(sender, created, changed, **kwargs):
        announced.append(created)

    honorees_imported.connect(receiver)
    try:
        with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
            _plan, result = import_file(make_csv(GOOD, COLLECTIVE), "records.csv")
    finally:
        honorees_imported.disconnect(receiver)

    assert result.created == 2
    assert Honoree.objects.filter(external_id__in=["T-0001", "T-0002"]).count() == 2
    assert backend.calls == 1
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [(r.name, r.getMessage()) for r in errors] == [
        ("search.wagtail_index", "Indexing 2 imported honorees in Wagtail's search failed; run update_index")
    ]
    assert len(announced) == 1 and len(announced[0]) == 2


# --- Reading files -------------------------------------------------------------------------------------------------


def test_gbk_file_from_excel_is_read():
    data = make_csv(GOOD, encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    plan = plan_of(data)
    assert plan.errors == [] and plan.to_create[0].honoree.name == "李建国"
    assert plan.to_create[0].honoree.district.name == "朝阳区"


def test_utf8_bom_and_utf16_tab_separated_files_are_read():
    bom = codecs.BOM_UTF8 + make_csv(GOOD)
    assert plan_of(bom).to_create[0].honoree.external_id == "T-0001"
    utf16 = make_csv(GOOD, encoding="utf-16", delimiter="\t")
    assert plan_of(utf16, "unicode.txt").to_create[0].honoree.employer == "北京第一机床厂"


def test_full_width_digits_punctuation_and_spaces_are_normalised():
    data = make_csv(
        record(
            id="Ｔ－０００１",
            birth_year="１９６８",
            honors="２０１０　北京市劳动模范；２０１５年全国劳动模范",
            title="技师（一级）",
        )
    )
    plan = plan_of(data)
    assert plan.errors == []
    planned = plan.to_create[0]
    assert (planned.honoree.external_id, planned.honoree.birth_year) == ("T-0001", 1968)
    assert {(honour.name, year) for honour, year in planned.awards} == {
        ("北京市劳动模范", 2010),
        ("全国劳动模范", 2015),
    }
    assert planned.honoree.title == "技师（一级）"  # Chinese punctuation in text is left alone


def test_forgiving_headers_english_keys_brackets_and_whitespace():
    header = [" id（编号） ", "name", "类别(个人/集体)", "荣誉 ", "备注"]
    data = make_csv(
        {"id": "T-0001", "name": "李建国", "kind": "person", "honors": "2015 全国劳模", "x": "随便"}, header=header
    )
    plan = plan_of(data)
    assert plan.errors == [] and plan.ignored_headers == ["备注"]
    assert plan.to_create[0].honoree.kind == "person"


def test_honour_aliases_separators_year_less_entries_and_duplicates():
    honors = "1989 全国劳模;1995 北京市劳模\n五一劳动奖章；1989 全国劳动模范；全国劳动模范(2000)"
    plan = plan_of(make_csv(record(honors=honors)))
    assert plan.errors == []
    assert {(honour.name, year) for honour, year in plan.to_create[0].awards} == {
        ("全国劳动模范", 1989),
        ("北京市劳动模范", 1995),
        ("全国五一劳动奖章", None),
        ("全国劳动模范", 2000),
    }


def test_kind_and_gender_accept_english_and_blank():
    plan = plan_of(make_csv(record(kind="person", gender="female"), {**COLLECTIVE, "kind": "collective"}))
    assert plan.errors == []
    assert [(r.honoree.kind, r.honoree.gender) for r in plan.to_create] == [("person", "female"), ("collective", "")]


def test_formula_guard_is_removed_on_import():
    plan = plan_of(make_csv(record(title="'=1+2", employer="'-首钢", native_place="'北京")))
    honoree = plan.to_create[0].honoree
    assert (honoree.title, honoree.employer, honoree.native_place) == ("=1+2", "-首钢", "'北京")


def test_xlsx_example_reads_the_same_as_the_csv_example_and_both_are_valid():
    from_csv = plan_of((EXAMPLES / "honorees-example.csv").read_bytes())
    from_xlsx = plan_of((EXAMPLES / "honorees-example.xlsx").read_bytes(), "example.xlsx")
    assert from_csv.errors == [] and from_xlsx.errors == [] and len(from_csv.to_create) == 3

    def summary(plan):
        return [
            (r.row, r.honoree.external_id, r.honoree.birth_year, r.honours_text, r.honoree.biography)
            for r in plan.to_create
        ]

    assert summary(from_csv) == summary(from_xlsx)
    assert all(r.honoree.is_synthetic for r in from_csv.to_create)


def test_title_rows_above_the_header_keep_spreadsheet_row_numbers():
    data = ("北京市劳动模范名录\n\n" + make_csv(record(birth_year="68")).decode()).encode()
    assert errors_of(data) == [(4, "出生年份", "“68”不是四位数字的年份（例如 1965）。")]


@pytest.mark.parametrize(
    "content, filename, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "photo.csv", NOT_A_TABLE),
        (b"", "empty.csv", "文件是空的。"),
        (b"   \n\n", "blank.csv", "文件是空的。"),
        ("姓名,单位\n李建国,首钢\n".encode(), "noheader.csv", NO_HEADER),
        ("编号,姓名,类别\n".encode(), "header-only.csv", "文件只有表头，没有数据行。"),
        (
            "编号,姓名,id\nT-1,李,T-2\n".encode(),
            "twice.csv",
            "表头中“编号”列出现了两次（第 1 列和第 3 列），请删去一列。",
        ),
        (b"not a zip at all", "records.xlsx", "这个文件的扩展名是 .xlsx，但内容不是 Excel 表格，无法读取。"),
        (
            b"PK\x03\x04broken",
            "records.xlsx",
            "无法读取这个 Excel 文件：请确认它是 .xlsx 格式，在 Excel 中重新保存后再试。",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "old.xls",
            "这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 CSV 后再导入。",
        ),
        (b'[{"id": "T-1"', "records.json", "JSON 格式有误（第 1 行）：Expecting ',' delimiter"),
    ],
)
def test_unreadable_files_get_a_clear_message(content, filename, message):
    with pytest.raises(ImportFileError) as error:
        read_table(content, filename)
    assert str(error.value) == message


# --- Bad rows ------------------------------------------------------------------------------------------------------

THIS_YEAR = timezone.localdate().year


@pytest.mark.parametrize(
    "overrides, column, message",
    [
        ({"id": ""}, "编号", "必须填写编号。"),
        ({"id": "T 1"}, "编号", "编号“T 1”不能包含空格或 / \\ ? # % 这些字符（编号会用在网址里）。"),
        ({"id": "T-" + "1" * 40}, "编号", "超过 40 个字的长度限制（现有 42 个字）。"),
        ({"name": ""}, "姓名", "必须填写姓名（集体填写名称）。"),
        ({"kind": "团体"}, "类别", "类别应为“个人”或“集体”，而不是“团体”。"),
        ({"kind": ""}, "类别", "必须填写类别：个人或集体。"),
        ({"gender": "未知"}, "性别", "性别应为“男”或“女”（或留空），而不是“未知”。"),
        ({"ethnicity": "汉" * 21}, "民族", "超过 20 个字的长度限制（现有 21 个字）。"),
        ({"birth_year": "68"}, "出生年份", "“68”不是四位数字的年份（例如 1965）。"),
        ({"birth_year": "1849"}, "出生年份", f"年份 1849 不在 1850–{THIS_YEAR} 之间。"),
        ({"death_year": str(THIS_YEAR + 1)}, "逝世年份", f"年份 {THIS_YEAR + 1} 不在 1900–{THIS_YEAR} 之间。"),
        ({"death_year": "1960"}, "逝世年份", "逝世年份 1960 早于出生年份 1968。"),
        ({"district": "东城"}, "所属区", "未知的所属区“东城”，是否为“东城区”？"),
        (
            {"industry": "工业制作"},
            "行业",
            "未知的行业“工业制作”，是否为“工业制造”？如需新建，请选择“自动新建未知行业”（--create-industries）。",
        ),
        ({"honors": "2015 全国劳动模模"}, "荣誉", "未知荣誉“全国劳动模模”，是否为“全国劳动模范”？"),
        ({"honors": "2015 五一奖章"}, "荣誉", "未知荣誉“五一奖章”，是否为“全国五一劳动奖章”？"),
        (
            {"honors": "2015 好人好事"},
            "荣誉",
            "未知荣誉“好人好事”。请使用已登记的荣誉名称，或在“荣誉别名”中登记这种写法。",
        ),
        ({"honors": "15 全国劳动模范"}, "荣誉", "“15 全国劳动模范”：“15”不是四位数字的年份（例如 1965）。"),
        ({"honors": "1899 全国劳动模范"}, "荣誉", f"“1899 全国劳动模范”：年份 1899 不在 1900–{THIS_YEAR} 之间。"),
        ({"honors": "2015"}, "荣誉", "“2015”只有年份，缺少荣誉名称。"),
        ({"honors": "2015 全国工人先锋号"}, "荣誉", "“全国工人先锋号”只授予集体，而这条记录的类别是个人。"),
        ({**COLLECTIVE, "honors": "2015 全国劳动模范"}, "荣誉", "“全国劳动模范”只授予个人，而这条记录的类别是集体。"),
        ({**COLLECTIVE, "gender": "男"}, "性别", "集体不填写性别。"),
        ({**COLLECTIVE, "name": "北" * 100}, "姓名", "名称太长，无法生成排序用的拼音和笔画（请缩短名称）。"),
    ],
)
def test_each_bad_cell_is_reported_with_row_column_and_message(overrides, column, message):
    bad = {**GOOD, "id": "T-0009", **overrides}
    assert errors_of(make_csv(GOOD, bad)) == [(3, column, message)]


def test_every_error_of_a_row_is_reported():
    errors = errors_of(make_csv(record(name="", birth_year="abc", honors="2015 全国劳动模模")))
    assert [(row, column) for row, column, _ in errors] == [(2, "姓名"), (2, "出生年份"), (2, "荣誉")]


def test_duplicate_id_is_an_error_on_its_second_occurrence():
    plan = plan_of(make_csv(GOOD, record(name="王秀英"), COLLECTIVE))
    assert [(e.row, e.column, e.message) for e in plan.errors] == [(3, "编号", "编号“T-0001”与第 2 行重复。")]
    assert [r.honoree.name for r in plan.to_create] == ["李建国", "北京地铁运营公司抢修班组"]


def test_one_bad_row_writes_nothing():
    honorees, awards, revisions = Honoree.objects.count(), Award.objects.count(), Revision.objects.count()
    data = make_csv(GOOD, COLLECTIVE, record(id="T-0003", honors="2015 全国劳动模模"))

    with pytest.raises(ImportRejected) as rejected:
        import_file(data, "records.csv")

    assert rejected.value.plan.bad_rows == 1
    assert (Honoree.objects.count(), Award.objects.count(), Revision.objects.count()) == (honorees, awards, revisions)


def test_skip_invalid_imports_only_the_good_rows():
    data = make_csv(GOOD, record(id="T-0003", birth_year="19６"), COLLECTIVE)

    plan, result = import_file(data, "records.csv", skip_invalid=True)

    assert (result.created, result.skipped_rows) == (2, 1)
    assert set(Honoree.objects.filter(external_id__startswith="T-").values_list("external_id", flat=True)) == {
        "T-0001",
        "T-0002",
    }


def test_real_and_synthetic_records_never_overwrite_each_other():
    Honoree.objects.create(external_id="SYN-T-0001", name="示例", is_synthetic=True, live=True)
    Honoree.objects.create(external_id="T-0001", name="示例", is_synthetic=True, live=True)
    Honoree.objects.create(external_id="SYN-T-0002", name="真实", is_synthetic=False, live=True)

    errors = errors_of(make_csv(GOOD, record(id="SYN-T-0001"), record(id="SYN-T-0002")))

    assert errors == [
        (2, "编号", "档案中的“T-0001”是示例数据，真实记录不能覆盖它（示例数据的编号以 SYN- 开头）。"),
        (4, "编号", "档案中的“SYN-T-0002”是真实记录，不能用示例数据覆盖。"),
    ]


def test_locked_records_are_not_changed():
    import_file(make_csv(GOOD), "records.csv")
    Honoree.objects.filter(external_id="T-0001").update(locked=True)
    assert errors_of(make_csv(GOOD)) == []  # unchanged rows are fine
    assert errors_of(make_csv(record(title="技师"))) == [(2, "", "这条记录已在后台被锁定，导入不能修改它；请先解锁。")]


# --- The command ---------------------------------------------------------------------------------------------------


def write(tmp_path, data: bytes, name: str = "records.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_command_imports_and_reports(tmp_path):
    out = io.StringIO()
    call_command("import_honorees", write(tmp_path, make_csv(GOOD, COLLECTIVE)), stdout=out)
    assert "共 2 行：新建 2，修改 0，不变 0，有错误 0 行。" in out.getvalue()
    assert "已导入：新建 2 条，修改 0 条。" in out.getvalue()
    assert Honoree.objects.filter(external_id__in=["T-0001", "T-0002"]).count() == 2


def test_command_dry_run_writes_nothing(tmp_path):
    out = io.StringIO()
    count = Honoree.objects.count()
    call_command("import_honorees", write(tmp_path, make_csv(GOOD)), "--dry-run", "--verbosity", "2", stdout=out)
    assert "新建 第 2 行 T-0001 李建国" in out.getvalue() and "没有写入任何记录" in out.getvalue()
    assert Honoree.objects.count() == count


def test_command_fails_with_errors_and_writes_nothing(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    path = write(tmp_path, make_csv(GOOD, record(id="T-0003", honors="2015 全国劳动模模")))
    with pytest.raises(CommandError) as failure:
        call_command("import_honorees", path, stdout=out, stderr=err)
    assert failure.value.returncode == 1  # the exit status of `manage.py import_honorees`
    assert "第 3 行“荣誉”：未知荣誉“全国劳动模模”，是否为“全国劳动模范”？" in err.getvalue()
    assert not Honoree.objects.filter(external_id="T-0001").exists()

    with pytest.raises(CommandError):
        call_command("import_honorees", path, "--dry-run", stdout=out, stderr=err)


def test_command_skip_invalid_imports_good_rows_but_still_fails(tmp_path):
    path = write(tmp_path, make_csv(GOOD, record(id="T-0003", kind="团体")))
    with pytest.raises(CommandError) as failure:
        call_command("import_honorees", path, "--skip-invalid", stdout=io.StringIO(), stderr=io.StringIO())
    assert "已跳过" in str(failure.value)
    assert Honoree.objects.filter(external_id="T-0001").exists()
    assert not Honoree.objects.filter(external_id="T-0003").exists()


def test_command_rejects_unreadable_and_missing_files(tmp_path):
    with pytest.raises(CommandError, match="这不是 CSV、XLSX 或 JSON 表格文件"):
        call_command("import_honorees", write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00", "photo.csv"))
    with pytest.raises(CommandError, match="无法读取文件"):
        call_command("import_honorees", str(tmp_path / "missing.csv"))


# --- The admin wizard ----------------------------------------------------------------------------------------------

IMPORT_URL = "/admin/archive/import/"


@pytest.fixture
def archivist(client, make_user):
    user = make_user("archivist", "档案管理员")
    client.force_login(user)
    return user


def upload(client, data: bytes, name: str = "records.csv", **options):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data), **options})


def test_admin_wizard_upload_preview_confirm_result(client, archivist):
    page = client.get(IMPORT_URL)
    assert page.status_code == 200 and "导入劳模记录" in page.content.decode() and "荣誉" in page.content.decode()
    example = client.get(reverse("archive_admin:import_example", args=["csv"]))
    assert b"".join(example.streaming_content) == (EXAMPLES / "honorees-example.csv").read_bytes()

    uploaded = upload(client, make_csv(GOOD, COLLECTIVE))
    assert uploaded.status_code == 302
    preview = client.get(uploaded.url)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert '<td data-count="create">2 条</td>' in html and '<td data-count="errors">0 行（0 处）</td>' in html
    assert "北京地铁运营公司抢修班组" in html and "2010 北京市劳动模范；2015 全国劳动模范" in html
    assert not Honoree.objects.filter(external_id="T-0001").exists()  # previewing writes nothing

    confirmed = client.post(uploaded.url)
    assert confirmed.status_code == 302
    result = client.get(confirmed.url)
    assert "新建 2 条，修改 0 条，0 条保持不变" in result.content.decode()
    honoree = Honoree.objects.get(external_id="T-0001")
    assert honoree.live and honoree.latest_revision.user == archivist

    again = client.post(uploaded.url)  # the stored upload is gone once imported
    assert again.status_code == 302 and again.url == IMPORT_URL


def test_admin_preview_shows_changes(client, archivist):
    import_file(make_csv(GOOD), "records.csv")
    preview = client.get(upload(client, make_csv(record(employer="首钢集团"))).url)
    html = preview.content.decode()
    assert '<td data-count="change">1 条</td>' in html
    assert "<strong>工作单位</strong>：北京第一机床厂 → 首钢集团" in html


def test_admin_preview_lists_errors_and_confirm_needs_the_skip_choice(client, archivist):
    uploaded = upload(client, make_csv(GOOD, record(id="T-0003", district="东城")))
    html = client.get(uploaded.url).content.decode()
    assert '<td data-count="errors">1 行（1 处）</td>' in html
    assert "<td>第 3 行</td><td>所属区</td><td>未知的所属区“东城”，是否为“东城区”？</td>" in html

    refused = client.post(uploaded.url)
    assert refused.status_code == 200 and "没有导入任何记录" in refused.content.decode()
    assert not Honoree.objects.filter(external_id="T-0001").exists()

    client.post(uploaded.url, {"skip_invalid": "on"})
    assert Honoree.objects.filter(external_id="T-0001").exists()
    assert not Honoree.objects.filter(external_id="T-0003").exists()


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.csv", NOT_A_TABLE),
        (b"", "empty.csv", "文件是空的。"),
        ("姓名\n李建国\n".encode(), "noheader.csv", NO_HEADER),
        (b"GIF89a", "picture.gif", "只接受 .csv、.xlsx 或 .json 文件。"),
    ],
)
def test_admin_upload_refuses_unusable_files_with_a_message_and_keeps_the_choices(
    client, archivist, data, name, message
):
    response = upload(client, data, name, skip_invalid="on")
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert re.search(r'<input type="checkbox" name="skip_invalid"[^>]* checked>', html)  # the choice is kept


def test_admin_upload_size_limit(client, archivist, settings):
    settings.LAOMO_IMPORT_MAX_BYTES = 100
    response = upload(client, make_csv(GOOD, COLLECTIVE))
    assert response.status_code == 200 and "文件太大" in response.content.decode()


def test_admin_import_is_refused_without_permission(client, make_user):
    client.force_login(make_user("editor", "编辑"))
    assert client.get(IMPORT_URL).status_code == 302
    response = upload(client, make_csv(GOOD))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not Honoree.objects.filter(external_id="T-0001").exists()


def test_admin_upload_tokens_belong_to_the_uploaders_session(client, archivist, make_user):
    uploaded = upload(client, make_csv(GOOD))
    client.force_login(make_user("archivist2", "档案管理员"))
    assert client.post(uploaded.url).url == IMPORT_URL
    assert not Honoree.objects.filter(external_id="T-0001").exists()


def test_archive_menu_has_import_and_export_for_archivists_only(make_user):
    def archive_menu_labels(user):
        request = RequestFactory().get("/admin/")
        request.user = user
        group = next((item for item in admin_menu.menu_items_for_request(request) if item.name == "archive"), None)
        return [item.label for item in group.menu.menu_items_for_request(request)] if group else []

    assert {"导入记录", "导出记录"} <= set(archive_menu_labels(make_user("archivist", "档案管理员")))
    assert "导入记录" not in archive_menu_labels(make_user("editor", "编辑"))

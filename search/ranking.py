"""How closely a record matches what was typed: the one ranking both engines apply to their candidates.

The embedded engine finds candidates in the database, Elasticsearch in its index; both hand them to these
functions, so a query ranks the same whichever engine answers it (name tiers, suggestions' reading,
did-you-mean's closest names).
"""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from archive.names import MIDDLE_DOTS, read_name

from .text import AnalysedQuery, QueryPart, han_pinyin, segment_pinyin

DID_YOU_MEAN_CUTOFF = 0.75  # difflib's similarity a reading needs to be offered ("did you mean")


@dataclass
class Candidate:
    doc_id: int
    object_id: int
    title: str
    pinyin_full: str
    initials: str
    kind: str
    rank: float


TEXT_TIER = 3  # name_tier's tier for a match in the biography or the other text only

# How closely a part's reading matches a name's, best first (ten apart, so shared characters break ties).
READING_EXACT, READING_INITIALS, READING_SURNAME, READING_SYLLABLES, READING_PREFIX, INITIALS_PREFIX = range(6)


def _syllable_aligned(pinyin: str) -> bool:
    return not pinyin or segment_pinyin(pinyin) is not None


def reading_position(reading: str, wanted: str) -> int | None:
    """Where `wanted` sits in a name's reading on syllable boundaries ('zhang' in liuzhangshun, not in 'zhangg')."""
    position = reading.find(wanted)
    while position != -1:
        if _syllable_aligned(reading[:position]) and _syllable_aligned(reading[position + len(wanted) :]):
            return position
        position = reading.find(wanted, position + 1)
    return None


def _prefix_position(reading: str, typed: str) -> int | None:
    """Where a syllable of the name's reading starts with what was typed so far."""
    position = reading.find(typed)
    while position != -1:
        if _syllable_aligned(reading[:position]):
            return position
        position = reading.find(typed, position + 1)
    return None


def _reading_level(part: QueryPart, candidate: Candidate) -> int | None:
    """How the part matches the name by sound, or None. A Han part counts only if the whole name sounds alike
    (张广意 → 张广义): a word that sounds like a given name (制冰 / 志兵) is no name match."""
    reading = candidate.pinyin_full
    if part.pinyin_full and part.pinyin_full == reading:
        return READING_EXACT
    if part.initials and part.initials == candidate.initials:
        return READING_INITIALS
    if part.raw == part.han:
        return None
    if part.pinyin_full:
        position = reading_position(reading, part.pinyin_full)
        if position is not None:
            return READING_SURNAME if position == 0 else READING_SYLLABLES
    if part.pinyin_prefix and _prefix_position(reading, part.pinyin_prefix) is not None:  # zhangg, guangy
        return READING_PREFIX
    if len(part.initials) >= 2 and candidate.initials.startswith(part.initials):
        return INITIALS_PREFIX
    return None


def name_tier(analysed: AnalysedQuery, candidate: Candidate) -> tuple[int, int]:
    """(tier, closeness), lower is better in both: 0 exact name, 1 name contains the characters,
    2 pinyin/homophone, 3 text only.

    Within a tier: names that start with the query (the surname) and shorter names first; readings by how
    they match (whole name, initials, surname, later syllables, prefix) and then by characters shared
    (张广意 finds 张广义 before 张光义); text matches that also match a part of the name first.
    """
    parts = analysed.parts
    title = candidate.title
    han_only = bool(parts) and all(part.han and part.raw == part.han for part in parts)
    # 张广义; 欧阳 明华 typed with a space; 阿依古丽买买提 typed without the middle dot.
    if han_only and "".join(part.han for part in parts) in (title, _without_dots(title)):
        return 0, 0
    han_hits = han_chars = pinyin_hits = 0
    starts = reading_closeness = sounds_like = 0
    for part in parts:
        if part.han and part.raw == part.han and part.han in title:
            han_hits += 1
            han_chars += len(part.han)
            starts += 0 if title.startswith(part.han) else 1
            continue
        level = _reading_level(part, candidate)
        if level is not None:
            pinyin_hits += 1
            reading_closeness += level * 10 - len(set(part.han) & set(title))
        elif part.han and part.pinyin_full and reading_position(candidate.pinyin_full, part.pinyin_full) is not None:
            sounds_like += 1  # only sounds like a piece of the name: after genuine text matches
    if han_hits == len(parts):
        return 1, starts * 1000 + len(title)
    if han_hits + pinyin_hits == len(parts):
        return 2, reading_closeness * 1000 + starts * 100 + len(title)
    # Text matches: those whose name holds more of the query first (张广义修钢笔: 张广义 before 张文海).
    return TEXT_TIER, -(han_chars + pinyin_hits) * 10 + sounds_like


def name_order(tier: tuple[int, int], candidate: Candidate) -> tuple[int, str, int]:
    """Between names of one tier and closeness: the shorter reading, then the reading's alphabetical order, then the
    older record (homophones: 张广义 and 章广毅), as the suggestions list them, so the name offered first as you
    type is the first result too (zgy: 张广义). Text matches keep their text rank."""
    if tier[0] >= TEXT_TIER:
        return 0, "", 0
    return len(candidate.pinyin_full), candidate.pinyin_full, candidate.object_id


def _without_dots(name: str) -> str:
    return "".join(char for char in name if char not in MIDDLE_DOTS)


def starts_on_syllable(pinyin: str, reading: str) -> bool:
    """li starts li hong on a syllable boundary, but not liu bo."""
    return reading_position(pinyin, reading) == 0


def suggest_reading(analysed: AnalysedQuery) -> str:
    """The whole query as one reading: Han read as a name (曾 zeng), Latin as typed (张guangy → zhangguangy)."""
    return "".join(
        part.pinyin_prefix if part.raw != part.han else read_name(part.han).pinyin.replace(" ", "")
        for part in analysed.parts
    )


def did_you_mean_reading(analysed: AnalysedQuery) -> str:
    """The reading a no-result query is compared with: Han read character by character, Latin as typed."""
    return "".join(
        "".join(han_pinyin(part.han)) if part.han else (part.pinyin_full or part.pinyin_prefix)
        for part in analysed.parts
    )


def reading_closeness(wanted: str, reading: str) -> float:
    """difflib's similarity of two readings (0 to 1), with its cheap upper bounds tried first."""
    matcher = difflib.SequenceMatcher(None, reading, wanted)
    if matcher.real_quick_ratio() < DID_YOU_MEAN_CUTOFF or matcher.quick_ratio() < DID_YOU_MEAN_CUTOFF:
        return 0.0
    return matcher.ratio()


def close_readings(wanted: str, readings: Iterable[str]) -> dict[str, float]:
    """The readings close enough to `wanted` to be offered, with their closeness."""
    closeness = {reading: reading_closeness(wanted, reading) for reading in set(readings)}
    return {reading: value for reading, value in closeness.items() if value >= DID_YOU_MEAN_CUTOFF}


def closest_first(wanted: str, rows: Iterable[tuple[str, Any, Any]], limit: int) -> list[Any]:
    """Of (reading, dictionary order, item) rows, the items whose reading is close enough to `wanted`: the
    closest reading first, namesakes (the same reading) in dictionary order, at most `limit`."""
    rows = list(rows)
    close = close_readings(wanted, (reading for reading, _, _ in rows))
    ranked = sorted((-close[reading], order, item) for reading, order, item in rows if reading in close)
    return [item for _, _, item in ranked[:limit]]

"""寻找名字: find a name on a wall by characters, pinyin, initials or a homophone typo, in a few milliseconds.

Each process keeps a small index of every shown name on a wall (built from the stored placements and the
readings the archive already computed: pinyin, initials, surname), keyed by the wall's layout version, so a
recomputed layout or a changed record rebuilds it. Queries go through search.text.analyse_query, the same
analysis as the site search, so 张广义, zhangguangyi, zhang guangyi, zgy, 张guangyi, 張廣義 and the homophone
张广意 all find 张广义. Accent slips common among older visitors (zh/z, ch/c, sh/s, n/l, -ng/-n) match last.
Matches are checked against Honoree.objects.public() before they are shown, so a withdrawal counts at once.
"""

import threading
from bisect import bisect_left
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from archive.models import Honoree
from search.text import AnalysedQuery, QueryPart, analyse_query, segment_pinyin

from .arrangement import Wall
from .placements import WallPlacement

MAX_MATCHES = 50

# Tiers, best first.
EXACT, CONTAINS, SAME_SOUND, PARTIAL_SOUND, PREFIX, NEAR_SOUND = range(6)
TIER_LABELS = {
    EXACT: _("姓名相同"),
    CONTAINS: _("姓名包含所输入的字"),
    SAME_SOUND: _("读音相同"),
    PARTIAL_SOUND: _("姓或名的拼音、首字母相符"),
    PREFIX: _("拼音开头相符"),
    NEAR_SOUND: _("读音相近"),
}
# Matches by the characters themselves need no explanation next to the name.
SELF_EVIDENT_TIERS = {EXACT, CONTAINS}


@dataclass(frozen=True, slots=True)
class Placed:
    honoree_id: int
    external_id: str
    name: str
    pinyin: str  # "zhangguangyi"
    surname_pinyin: str
    given_pinyin: str
    initials: str
    near_sound: str
    employer: str
    honour: str
    year: int | None
    group_label: str
    panel: int
    column: int
    row: int
    synthetic: bool


@dataclass(frozen=True, slots=True)
class Match:
    placed: Placed
    tier: int

    @property
    def label(self) -> str:
        return str(TIER_LABELS[self.tier])


@dataclass
class LocateResult:
    query: str
    matches: list[Match]
    count: int

    @property
    def same_names(self) -> set[str]:
        """Names found more than once: the results tell these people apart by year and employer."""
        seen: dict[str, set[int]] = {}
        for match in self.matches:
            seen.setdefault(match.placed.name, set()).add(match.placed.honoree_id)
        return {name for name, ids in seen.items() if len(ids) > 1}


def near_sound(syllables) -> str:
    """Fold the distinctions many speakers blur (zh/z, ch/c, sh/s, n/l, -ng/-n) to compare readings loosely."""
    folded = []
    for syllable in syllables:
        for retroflex in ("zh", "ch", "sh"):
            if syllable.startswith(retroflex):
                syllable = retroflex[0] + syllable[2:]
                break
        if syllable.startswith("n"):
            syllable = "l" + syllable[1:]
        if syllable.endswith("ng"):
            syllable = syllable[:-1]
        folded.append(syllable)
    return "".join(folded)


class WallIndex:
    def __init__(self, placed: list[Placed]):
        self.placed = placed
        self.names = [p.name for p in placed]
        self.by_name: dict[str, list[int]] = {}
        self.by_pinyin: dict[str, list[int]] = {}
        self.by_part_pinyin: dict[str, list[int]] = {}
        self.by_initials: dict[str, list[int]] = {}
        self.by_near_sound: dict[str, list[int]] = {}
        self.by_char: dict[str, set[int]] = {}
        for position, p in enumerate(placed):
            for char in p.name:
                self.by_char.setdefault(char, set()).add(position)
            self.by_name.setdefault(p.name, []).append(position)
            if p.pinyin:
                self.by_pinyin.setdefault(p.pinyin, []).append(position)
                self.by_near_sound.setdefault(p.near_sound, []).append(position)
            for part in {p.surname_pinyin, p.given_pinyin} - {""}:
                self.by_part_pinyin.setdefault(part, []).append(position)
            if len(p.initials) >= 2:
                self.by_initials.setdefault(p.initials, []).append(position)
        # Sorted readings: a pinyin prefix ('zhangg') is a bisect and a short walk, not a scan of every name.
        self.sorted_pinyins = sorted((p.pinyin, position) for position, p in enumerate(placed) if p.pinyin)

    def containing(self, han: str):
        """Positions whose name contains `han`: candidates from the rarest character, then checked."""
        candidates = min((self.by_char.get(char, set()) for char in set(han)), key=len)
        return (position for position in candidates if han in self.names[position])

    def starting_with(self, prefix: str):
        start = bisect_left(self.sorted_pinyins, (prefix,))
        for pinyin, position in self.sorted_pinyins[start:]:
            if not pinyin.startswith(prefix):
                break
            yield position

    def name_hits(self, part: QueryPart) -> dict[int, int]:
        """Positions whose name matches this part of the query, with the best tier for each."""
        hits: dict[int, int] = {}

        def add(positions, tier):
            for position in positions:
                if hits.get(position, NEAR_SOUND + 1) > tier:
                    hits[position] = tier

        if part.han and part.raw == part.han:
            add(self.by_name.get(part.han, ()), EXACT)
            add(self.containing(part.han), CONTAINS)
        full = part.pinyin_full
        if full:
            add(self.by_pinyin.get(full, ()), SAME_SOUND)
            add(self.by_part_pinyin.get(full, ()), PARTIAL_SOUND)
            syllables = segment_pinyin(full)
            if syllables:
                add(self.by_near_sound.get(near_sound(syllables), ()), NEAR_SOUND)
        if part.initials and len(part.initials) >= 2:
            add(self.by_initials.get(part.initials, ()), PARTIAL_SOUND)
        prefix = part.pinyin_prefix
        if prefix and len(prefix) >= 2 and not part.han:
            add(self.starting_with(prefix), PREFIX)
        return hits

    def other_fields_match(self, position: int, part: QueryPart) -> bool:
        """A part that is not the name may narrow by employer, honour or year: 王建国 首钢, 张伟 1989."""
        p = self.placed[position]
        if part.han:
            return part.han in p.employer or part.han in p.group_label
        return bool(part.raw) and part.raw.isdigit() and str(p.year or "") == part.raw

    def search(self, analysed: AnalysedQuery) -> list[Match]:
        parts = analysed.parts
        hits = [self.name_hits(part) for part in parts]
        tiers: dict[int, int] = {}
        for part_hits in hits:
            for position, tier in part_hits.items():
                if tiers.get(position, NEAR_SOUND + 1) > tier:
                    tiers[position] = tier
        matches = []
        for position, tier in tiers.items():
            if all(
                position in part_hits or self.other_fields_match(position, part)
                for part, part_hits in zip(parts, hits, strict=True)
            ):
                matches.append(Match(self.placed[position], tier))
        # Best tier first, then the order of the wall itself (panel by panel).
        matches.sort(key=lambda match: (match.tier, match.placed.panel, match.placed.column, match.placed.row))
        return matches


_indexes: dict[int, tuple[str, WallIndex]] = {}
_lock = threading.Lock()


def build_index(wall: Wall) -> WallIndex:
    rows = (
        WallPlacement.objects.filter(
            wall_id=wall.pk,
            honoree__live=True,
            honoree__withdrawn=False,
            honoree__is_synthetic=wall.include_synthetic,
        )
        .order_by("sequence")
        .values_list(
            "honoree_id",
            "honoree__external_id",
            "honoree__name",
            "honoree__name_pinyin",
            "honoree__name_initials",
            "honoree__surname",
            "honoree__employer",
            "honoree__is_synthetic",
            "honour__name",
            "year",
            "group_label",
            "panel",
            "column",
            "row",
        )
    )
    placed = []
    for (
        honoree_id,
        external_id,
        name,
        pinyin,
        initials,
        surname,
        employer,
        synthetic,
        honour,
        year,
        label,
        panel,
        column,
        row,
    ) in rows:
        syllables = pinyin.split()
        surname_length = len(surname)
        placed.append(
            Placed(
                honoree_id=honoree_id,
                external_id=external_id,
                name=name,
                pinyin="".join(syllables),
                surname_pinyin="".join(syllables[:surname_length]) if surname_length else "",
                given_pinyin="".join(syllables[surname_length:]) if surname_length else "",
                initials=initials,
                near_sound=near_sound(syllables),
                employer=employer,
                honour=honour or "",
                year=year,
                group_label=label,
                panel=panel,
                column=column,
                row=row,
                synthetic=synthetic,
            )
        )
    return WallIndex(placed)


def wall_index(wall: Wall, token: str) -> WallIndex:
    """The wall's index for this layout token (layout.state_token), built once per process and token."""
    cached = _indexes.get(wall.pk)
    if cached and cached[0] == token:
        return cached[1]
    with _lock:
        cached = _indexes.get(wall.pk)
        if cached and cached[0] == token:
            return cached[1]
        index = build_index(wall)
        _indexes[wall.pk] = (token, index)
        return index


def locate(wall: Wall, query: str, token: str, limit: int = MAX_MATCHES) -> LocateResult:
    """Every shown placement of a name matching the query, best first (at most `limit`, with the total)."""
    analysed = analyse_query(query)
    if analysed.is_empty:
        return LocateResult(query=analysed.text, matches=[], count=0)
    matches = wall_index(wall, token).search(analysed)
    # A record withdrawn since the index was built must not be shown, even for a moment.
    shown_ids = {m.placed.honoree_id for m in matches[: limit * 2]}
    public = set(Honoree.objects.public().filter(pk__in=shown_ids).values_list("pk", flat=True)) if shown_ids else set()
    matches = [m for m in matches if m.placed.honoree_id in public or m.placed.honoree_id not in shown_ids]
    return LocateResult(query=analysed.text, matches=matches[:limit], count=len(matches))

"""Relevance: what visitors type, and what must come back first.

Every case runs on the embedded engine, and on Elasticsearch when ELASTICSEARCH_URL is set (see conftest).
The records are in records.py (REL-…); the demo's real people (SRC-…: 张广义, 王月鹏, 刘博强 …) are indexed
too, so a case holds with both present. Query styles: full name, part of it, surname + trade, pinyin with and
without spaces, initials, Han + pinyin mixed, homophone typos, traditional characters, employer fragments,
trades and events, district and honour words, single characters; then filters, facets, no-result queries,
as-you-type suggestions and hostile input.
"""

from dataclasses import dataclass, field

import pytest

from archive.browse import parse_filters
from search.engine import HonoreeResults
from search.text import fold_latin

pytestmark = pytest.mark.django_db

ALL = 100  # page size that shows every match of a case on one page


@dataclass
class Case:
    query: str
    first: str = ""  # external id of the first hit
    top: frozenset = frozenset()  # exactly these ids fill the first len(top) places, in any order
    includes: frozenset = frozenset()  # these ids are among the hits
    excludes: frozenset = frozenset()  # these ids are not
    before: tuple = ()  # (a, b): a ranks above b
    count: int | None = None
    filters: dict = field(default_factory=dict)
    first_tier: int | None = None  # 0 exact name, 1 name, 2 pinyin/homophone, 3 text


def case(query, **expected):
    for name in ("top", "includes", "excludes"):
        if name in expected:
            expected[name] = frozenset(expected[name])
    label = query + (
        "?" + "&".join(f"{k}={v}" for k, v in expected["filters"].items()) if "filters" in expected else ""
    )
    return pytest.param(Case(query, **expected), id=label)


HOMOPHONES_OF_ZHANG_GUANGYI = {"SRC-0001", "REL-0001", "REL-0002"}  # 张广义 张光义 章广毅
WANG_JIANGUO = {"REL-0020", "REL-0021", "REL-0022"}
ZHANG_SURNAME = {
    "REL-0001", "REL-0003", "REL-0005", "REL-0006", "REL-0007", "REL-0008", "REL-0009", "REL-0010", "REL-0011",
    "REL-0012", "REL-0013", "REL-0014", "REL-0015", "REL-0016", "REL-0017", "REL-0018", "REL-0019", "SRC-0001",
}  # fmt: skip

CASES = [
    # --- the full name: the exact record first, sound-alikes next, biographies that mention it last
    case(
        "张广义",
        first="SRC-0001",
        first_tier=0,
        top=HOMOPHONES_OF_ZHANG_GUANGYI,
        before=(("REL-0001", "REL-0003"), ("REL-0002", "REL-0003")),
    ),
    case("王建国", top=WANG_JIANGUO, count=3, first_tier=0),
    case("刘博", first="REL-0040", before=(("REL-0040", "SRC-0005"),), first_tier=0),
    case("欧阳明华", first="REL-0130", excludes={"REL-0131", "REL-0132"}),
    case("欧阳 明华", first="REL-0130", first_tier=0),
    case("阿依古丽·买买提", first="REL-0140", first_tier=0),
    case("阿依古丽买买提", first="REL-0140", first_tier=0),
    case("王月鹏", first="SRC-0002", excludes={"REL-0023"}),
    # --- part of a name
    case("广义", top={"SRC-0001", "REL-0004"}, before=(("REL-0004", "REL-0003"),), first_tier=1),
    case("博强", first="SRC-0005"),
    case("买买提", first="REL-0140"),
    case("建国", top=WANG_JIANGUO | {"REL-0038", "REL-0107"}),
    case("欧阳", top={"REL-0130", "REL-0131"}, excludes={"REL-0132"}),
    # --- surname (or name) and a trade, with and without a space
    case("张 修钢笔", top={"SRC-0001", "REL-0003"}, count=2),
    case("张广义修钢笔", first="SRC-0001", includes={"REL-0003"}),
    case("刘 制冰", top={"REL-0040", "SRC-0005"}, count=2),
    case("刘博强制冰", first="SRC-0005", count=1),
    case("王建国 首钢", first="REL-0020", count=1),
    case("王建国首钢", first="REL-0020", count=1),
    case("李秀英 非典", first="REL-0031", count=1),
    # --- pinyin, with or without spaces, any case, as the site displays it (tone marks)
    case("zhangguangyi", top=HOMOPHONES_OF_ZHANG_GUANGYI, count=3, first_tier=2),
    case("zhang guangyi", top=HOMOPHONES_OF_ZHANG_GUANGYI, count=3),
    case("Zhang Guangyi", top=HOMOPHONES_OF_ZHANG_GUANGYI, count=3),
    case("wangyuepeng", first="SRC-0002", count=1),
    case("liubo", first="REL-0040", before=(("REL-0040", "SRC-0005"),)),
    case("ouyang minghua", first="REL-0130", count=1),
    case("Zēng Xiǎolán", first="SRC-0004"),
    case("Lǚ Chángqīng", first="REL-0078"),
    case("lv changqing", first="REL-0078"),
    case("zhang1 guang3 yi4", top=HOMOPHONES_OF_ZHANG_GUANGYI, count=3),  # tone numbers
    case("zhang-guangyi", top=HOMOPHONES_OF_ZHANG_GUANGYI, count=3),
    case("Guangyi Zhang", top=HOMOPHONES_OF_ZHANG_GUANGYI, count=3),  # Western order
    case("zhangguangyi 修钢笔", first="SRC-0001", count=1),  # pinyin name and a trade
    # a bare surname: everyone surnamed 张 (or 章) before 刘长顺, whose zhang is a later syllable
    case("zhang", top=ZHANG_SURNAME | {"REL-0002"}, includes={"REL-0043"}),
    case("li", first_tier=2, before=(("REL-0035", "SRC-0005"), ("REL-0037", "REL-0044"))),
    # surnames read their own way
    case("zeng", top={"SRC-0004", "REL-0110", "REL-0122"}),
    case("zengzhigang", first="REL-0110", count=1),
    case("shan lixin", first="REL-0111"),
    case("qiujianmin", first="REL-0112"),
    case("xiezhiyong", first="REL-0113"),
    case("ouweiming", first="REL-0114"),
    case("zhayulan", first="REL-0115"),
    case("piaozhenghao", first="REL-0116"),
    # …or with the everyday reading, by visitors who do not know the surname's own
    case("cengxiaolan", first="SRC-0004", count=1),
    case("dan lixin", first="REL-0111", count=1),
    case("chou jianmin", first="REL-0112", count=1),
    # --- initials
    case("zgy", top=HOMOPHONES_OF_ZHANG_GUANGYI),
    case("ZGY", top=HOMOPHONES_OF_ZHANG_GUANGYI),
    case("z g y", top=HOMOPHONES_OF_ZHANG_GUANGYI),
    case("wjg", top=WANG_JIANGUO),
    case("oymh", first="REL-0130"),
    # --- Han and pinyin mixed: the characters typed decide among sound-alikes
    case("张guangyi", top={"SRC-0001", "REL-0001"}, before=(("SRC-0001", "REL-0002"), ("REL-0001", "REL-0002"))),
    case("zhang广义", first="SRC-0001", includes={"REL-0001", "REL-0002"}),
    case("欧阳minghua", first="REL-0130"),
    case("张gy", top={"SRC-0001", "REL-0001"}, before=(("SRC-0001", "REL-0002"), ("REL-0001", "REL-0002"))),
    case("王jg", top=WANG_JIANGUO, count=3),
    # --- homophone typos: the name sharing most characters first
    case("张广意", first="SRC-0001", first_tier=2, top=HOMOPHONES_OF_ZHANG_GUANGYI),
    case("曾小岚", first="SRC-0004"),
    case("王月朋", first="SRC-0002", excludes={"REL-0023"}),
    case("欧阳明花", first="REL-0130"),
    # --- traditional characters
    case("張廣義", first="SRC-0001", first_tier=0, top=HOMOPHONES_OF_ZHANG_GUANGYI),
    case("鐘錶", top={"REL-0043", "REL-0138"}, count=2),
    case("钟表", top={"REL-0043", "REL-0138"}, count=2),
    case("怀表", first="REL-0043", count=1),  # only in a biography typed in traditional characters (懷錶)
    case("協和醫院", top={"REL-0201", "REL-0225"}, includes={"REL-0031", "REL-0131"}),
    # --- fragments of an employer or of a collective's name: named collectives first
    case("昌平供电", first="REL-0202", top={"REL-0202", "REL-0050", "SRC-0002"}, count=3),
    case("燕山石化", first="REL-0204", top={"REL-0204", "REL-0002", "REL-0022", "REL-0080"}, count=4),
    case("首钢", first="REL-0203", top={"REL-0203", "REL-0004", "REL-0020", "REL-0083", "REL-0136"}, count=5),
    case("同仁堂", first="REL-0214", top={"REL-0214", "REL-0068", "REL-0118"}, count=3),
    case("一车队", first="REL-0200", count=1),
    case("协和 急诊", first="REL-0201", count=1),
    case("协和急诊", first="REL-0201", count=1),
    case("公交一车队", first="REL-0200", count=1),
    # --- trades and events in the biography
    case("修钢笔", top={"SRC-0001", "REL-0003"}, count=2),
    case(
        "制冰",
        top={"REL-0208", "REL-0221"},
        includes={"REL-0040", "SRC-0005", "REL-0026"},
        count=5,
        before=(("REL-0221", "REL-0026"),),
    ),
    case("冬奥", top={"SRC-0005", "REL-0040", "REL-0078", "REL-0085", "REL-0103", "REL-0208", "REL-0217"}, count=7),
    case("非典", top={"REL-0031", "REL-0054", "REL-0072", "REL-0110", "REL-0201", "REL-0207", "REL-0220"}, count=7),
    case("2003年非典", includes={"REL-0031", "REL-0207", "REL-0220"}, excludes={"REL-0072"}),
    case("抗洪", top={"REL-0010", "REL-0034", "REL-0064", "REL-0206", "REL-0209", "REL-0219"}, count=6),
    case("嫦娥", first="REL-0210", includes={"SRC-0003", "REL-0035", "REL-0059", "REL-0137"}, count=5),
    case("地铁", top={"REL-0205", "REL-0226"}, includes={"REL-0006", "REL-0024", "REL-0041", "REL-0130"}),
    case("电梯", first="REL-0211", includes={"REL-0032", "SRC-0007"}),
    case("抢修", top={"REL-0202", "REL-0206", "REL-0212"}, includes={"REL-0028", "REL-0056", "REL-0134"}),
    case("景泰蓝", first="REL-0075", count=1),
    # --- districts, honours, ethnicity, years: the record's facts
    case("海淀 全国劳动模范", top={"REL-0006", "REL-0100"}, count=2),
    case("海淀区全国劳动模范", top={"REL-0006", "REL-0100"}, count=2),
    case("崇文区", top={"REL-0043", "REL-0060"}, count=2),
    case("朝鲜族", top={"REL-0093", "REL-0116"}, count=2),
    case("1956", top={"REL-0012", "REL-0026", "REL-0043", "REL-0086", "REL-0221"}, count=5),
    case("1995 王建国", first="REL-0021", count=1),
    # --- single characters: a surname first
    case("张", top=ZHANG_SURNAME, excludes={"REL-0002"}),
    case("欧", first="REL-0132", top={"REL-0130", "REL-0131", "REL-0132"}),
    # --- filters combine with the query
    case("张建华", filters={"kind": "person"}, top={"REL-0006", "REL-0007"}, count=2),
    case("张建华", filters={"decade": "2000"}, first="REL-0006", count=1),
    case("张建华", filters={"district": "xi-cheng-qu"}, first="REL-0007", count=1),
    case("王建国", filters={"honour": "quan-guo-lao-dong-mo-fan"}, first="REL-0020", count=1),
    case("王建国", filters={"decade": "1990"}, first="REL-0021", count=1),
    case("冬奥", filters={"kind": "collective"}, top={"REL-0208", "REL-0217"}, count=2),
    case("非典", filters={"district": "dong-cheng-qu"}, top={"REL-0031", "REL-0110", "REL-0201"}, count=3),
    case("zhang", filters={"decade": "1950"}, top={"REL-0005", "REL-0012"}, includes={"REL-0043"}, count=3),
    case("首钢", filters={"honour": "bei-jing-shi-lao-dong-mo-fan"}, count=4, excludes={"REL-0203"}),
    case("张广义", filters={"kind": "collective"}, count=0),
    case("王建国首钢", filters={"decade": "1980"}, first="REL-0020", count=1),
    case("王建国首钢", filters={"decade": "2010"}, count=0),
    case("非典", filters={"district": "no-such-district"}, count=7),  # an unknown filter value is ignored
    # --- nothing to find
    case("zhanguangyi", count=0),
    case("火星移民", count=0),
    case("qwxz", count=0),
    case("张广义 火星", count=0),
]


def search(engine, query: str, filters: dict | None = None) -> HonoreeResults:
    return engine.search_honorees(query, parse_filters(filters or {}), page=1, page_size=ALL)


@pytest.mark.parametrize("expected", CASES)
def test_query(engine, expected: Case):
    results = search(engine, expected.query, expected.filters)
    ids = [hit.id for hit in results.hits]
    assert len(ids) == len(set(ids)), "a record appears twice"
    if expected.count is not None:
        assert results.count == expected.count, ids
    if expected.first:
        assert ids[:1] == [expected.first], ids
    if expected.top:
        assert set(ids[: len(expected.top)]) == expected.top, ids
    assert expected.includes <= set(ids), ids
    assert not expected.excludes & set(ids), ids
    for higher, lower in expected.before:
        assert higher in ids and lower in ids, (higher, lower, ids)
        assert ids.index(higher) < ids.index(lower), (higher, lower, ids)
    if expected.first_tier is not None:
        assert results.hits[0].tier == expected.first_tier


def test_every_hit_of_a_single_character_holds_it_in_the_name(engine):
    results = search(engine, "华")
    assert results.count >= 10
    assert all("华" in hit.name for hit in results.hits)


def test_bare_surname_in_pinyin_ranks_the_surname_before_a_later_syllable(engine):
    ids = [hit.id for hit in search(engine, "zhang").hits]
    assert ids.index("REL-0043") >= len(ZHANG_SURNAME | {"REL-0002"})  # 刘长顺 after every 张 and 章


@pytest.mark.parametrize(
    "traditional, simplified", [("勞動模範", "劳动模范"), ("全國勞模", "全国劳动模范"), ("醫院", "医院")]
)
def test_traditional_and_abbreviated_queries_find_what_the_plain_form_finds(engine, traditional, simplified):
    folded, plain = search(engine, traditional), search(engine, simplified)
    assert plain.count > 0
    assert folded.count == plain.count
    assert {hit.id for hit in folded.hits} == {hit.id for hit in plain.hits}


def test_names_rank_above_biographies(engine):
    results = search(engine, "张广义")
    tiers = [hit.tier for hit in results.hits]
    assert tiers == sorted(tiers)
    assert {hit.id: hit.tier for hit in results.hits} == {"SRC-0001": 0, "REL-0001": 2, "REL-0002": 2, "REL-0003": 3}


def test_no_result_offers_names_that_sound_alike(engine):
    results = search(engine, "zhanguangyi")
    assert results.count == 0 and results.hits == []
    assert "张广义" in [suggestion["name"] for suggestion in results.did_you_mean]


# Both engines rank did-you-mean with search.ranking.closest_first: the closest reading first, namesakes (the
# same reading) in dictionary order.
@pytest.mark.parametrize(
    "query, expected",
    [
        ("zhanguangyi", ["SRC-0001", "REL-0001", "REL-0002"]),  # 张广义 张光义 章广毅 all read zhangguangyi
        ("wangjiangguo", ["REL-0020", "REL-0021", "REL-0022"]),  # three people named 王建国
        ("zhangjianhuo", ["REL-0006", "REL-0007"]),  # two named 张建华
    ],
)
def test_did_you_mean_lists_every_namesake_closest_first(engine, query, expected):
    results = search(engine, query)
    assert results.count == 0
    assert [row["id"] for row in results.did_you_mean] == expected


def test_did_you_mean_reaches_as_far_as_each_engine_looks(engine):
    ids = [row["id"] for row in search(engine, "liuboqiong").did_you_mean]
    assert ids[0] == "SRC-0005"  # 刘博强, one letter off, first on both
    # The engines legitimately differ past two edits: Elasticsearch's fuzzy query finds readings at most two
    # edits away, the embedded engine compares every reading with the same first letter; 李国强 (liguoqiang) is
    # three edits away, yet similar enough for difflib.
    assert ids[1:] == (["REL-0039"] if engine.name == "embedded" else [])


# --- facets -----------------------------------------------------------------------------------------


def facet(results: HonoreeResults, name: str) -> dict[str, int]:
    return {row["value"]: row["count"] for row in results.facets[name]}


def test_facets_count_every_match(engine):
    results = search(engine, "抗洪")
    assert facet(results, "kind") == {"person": 3, "collective": 3}
    assert facet(results, "district") == {"feng-tai-qu": 2, "men-tou-gou-qu": 2, "tong-zhou-qu": 1, "xi-cheng-qu": 1}
    assert facet(results, "industry") == {"jiao-tong-yun-shu": 1, "cheng-shi-yun-xing": 5}


def test_facets_count_honours_and_decades_per_record(engine):
    results = search(engine, "王建国")
    assert facet(results, "honour") == {
        "quan-guo-lao-dong-mo-fan": 1,
        "quan-guo-wu-yi-lao-dong-jiang-zhang": 1,
        "bei-jing-shi-lao-dong-mo-fan": 2,
    }
    assert facet(results, "decade") == {"1970": 1, "1980": 1, "1990": 1, "2010": 1}


def test_facets_follow_the_filters(engine):
    results = search(engine, "非典", {"kind": "collective"})
    assert results.count == 3
    assert facet(results, "kind") == {"collective": 3}
    assert facet(results, "industry") == {"yi-liao-wei-sheng": 3}


def test_no_result_has_no_facets(engine):
    assert not any(search(engine, "火星移民").facets.values())


# --- as you type ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix, first, includes",
    [
        ("zhangg", "", {"SRC-0001", "REL-0001", "REL-0002", "REL-0014"}),  # pinyin prefix
        ("张广", "", {"SRC-0001", "REL-0014"}),  # Han prefix
        ("zgy", "", {"SRC-0001", "REL-0001", "REL-0002"}),  # initials
        ("liub", "REL-0040", {"SRC-0005"}),  # the complete name before the longer one
        ("ouyang", "", {"REL-0130", "REL-0131"}),  # a double surname
        ("zhangguangyl", "", {"SRC-0001"}),  # a typo
        ("张广意", "SRC-0001", {"REL-0001", "REL-0002"}),  # a homophone typo
        ("曾", "", {"SRC-0004", "REL-0110", "REL-0122"}),  # 曾 as a surname
        ("zeng", "", {"SRC-0004", "REL-0110", "REL-0122"}),  # …and read as one
        ("協和", "", {"REL-0201", "REL-0225"}),  # traditional, a fragment of a collective's name
        ("阿依", "REL-0140", set()),
        ("张gy", "", {"SRC-0001", "REL-0001"}),  # surname and initials
        ("li", "", {"REL-0035", "REL-0037"}),
    ],
)
def test_suggest(engine, prefix, first, includes):
    suggestions = engine.suggest(prefix)
    ids = [s["id"] for s in suggestions]
    assert 0 < len(ids) <= 8
    if first:
        assert ids[0] == first, ids
    assert includes <= set(ids), ids
    assert all({"id", "name", "pinyin", "url"} <= set(s) for s in suggestions)


@pytest.mark.parametrize(
    "prefix, namesakes",
    [
        ("王建国", {"REL-0020", "REL-0021", "REL-0022"}),
        ("wangjianguo", {"REL-0020", "REL-0021", "REL-0022"}),
        ("wjg", {"REL-0020", "REL-0021", "REL-0022"}),
        ("zhangguangyi", HOMOPHONES_OF_ZHANG_GUANGYI),  # one reading, three people
        ("张建华", {"REL-0006", "REL-0007"}),
    ],
)
def test_suggest_lists_every_namesake(engine, prefix, namesakes):
    ids = [s["id"] for s in engine.suggest(prefix)]
    assert set(ids[: len(namesakes)]) == namesakes, ids


def test_suggest_by_pinyin_prefix_offers_only_names_read_that_way(engine):
    for suggestion in engine.suggest("zhangg"):
        assert fold_latin(suggestion["pinyin"]).replace(" ", "").lower().startswith("zhangg")


def test_suggest_mixed_puts_the_typed_character_first(engine):
    ids = [s["id"] for s in engine.suggest("张guang")]
    assert set(ids[:3]) == {"SRC-0001", "REL-0001", "REL-0014"}
    assert ids.index("REL-0002") > 2  # 章广毅: right reading, other surname character


def test_suggest_prefers_a_whole_syllable(engine):
    names = [s["name"] for s in engine.suggest("li")]
    assert names[0].startswith("李"), names  # li is 李 before it is the start of liu (刘)


# --- hostile and odd input --------------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "张" * 2000,
    "a" * 2000,
    "zhang" * 400,
    '"张广义"',
    "'张广义'",
    "张*",
    "*",
    ":",
    "(",
    ")",
    '"',
    "name:张* OR 1=1; DROP TABLE site_search_searchdocument; --",
    "张 AND 王 OR NOT 李 NEAR(刘, 2)",
    '{"query": {"match_all": {}}}',
    "\\",
    "%_%",
    "😀👷‍♀️",
    "张\x00广义",
    "\x00",
    "\u200b\u200b",
    "ｚｈａｎｇ　ｇｕａｎｇｙｉ",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("query", NASTY, ids=[repr(q[:30]) for q in NASTY])
def test_hostile_input_returns_a_result(engine, query):
    results = search(engine, query)
    assert isinstance(results, HonoreeResults)
    assert results.count >= 0 and len(results.hits) <= ALL
    assert isinstance(engine.suggest(query), list)
    assert engine.search_pages(query).count >= 0


def test_full_width_pinyin_is_ordinary_pinyin(engine):
    ids = {hit.id for hit in search(engine, "ｚｈａｎｇ　ｇｕａｎｇｙｉ").hits}
    assert ids == HOMOPHONES_OF_ZHANG_GUANGYI


def test_query_syntax_is_never_obeyed(engine):
    # 'OR' is not an operator: the query asks for 张 and the letters, and finds nobody, not everybody.
    assert search(engine, "name:张* OR 1=1").count < 5
    assert search(engine, "*").count == 0


@pytest.mark.parametrize("query", ["zgy", "zhangguangyi", "zhang guangyi", "张广", "zhangg"])
def test_the_first_suggestion_is_the_first_result(engine, query):
    """Issue 17: a name offered first as you type is the first result when you press 搜索 (zgy was 14th)."""
    first_suggestion = engine.suggest(query)[0]["name"]
    assert search(engine, query).hits[0].name == first_suggestion

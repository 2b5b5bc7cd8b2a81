"""What a search answers, whichever engine answered it: the result types both engines return."""

from dataclasses import dataclass, field

# Result tabs: the kind stored with every indexed document, and its label.
PAGE_KINDS = {
    "exhibition": "展览",
    "story": "故事",
    "film": "微电影",
    "lesson": "课堂",
    "interview": "口述史",  # interviews and their segments (core/moments.py), each segment at its second
    "page": "其他页面",
}
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass
class HonoreeHit:
    id: str  # external id
    name: str
    url: str
    honors: list[dict]  # [{"year": 2020, "honor": "全国劳动模范"}]
    highlight: str  # safe HTML: escaped text with <mark> around matches
    tier: int = 3  # 0 exact name, 1 name contains, 2 pinyin/homophone, 3 text
    synthetic: bool = False
    employer: str = ""


@dataclass
class HonoreeResults:
    count: int
    hits: list[HonoreeHit]
    facets: dict[str, list[dict]]
    page: int = 1
    page_size: int = PAGE_SIZE
    did_you_mean: list[dict] = field(default_factory=list)  # [{"name", "url", "id"}] when nothing matched


@dataclass
class PageHit:
    kind: str
    title: str
    url: str
    highlight: str


@dataclass
class PageResults:
    count: int
    hits: list[PageHit]
    counts_by_kind: dict[str, int]
    page: int = 1
    page_size: int = PAGE_SIZE

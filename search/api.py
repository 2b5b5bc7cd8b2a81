"""Search endpoints of the open API: /api/honorees/search/, /api/search/ (pages and their moments) and
/api/search/suggest/.

Query text is data, never syntax: search.text reduces it to letters and digits before any engine sees it.
"""

import math

from ninja import Field, Query, Router, Schema, Status

from archive.browse import parse_filters

from .engine import MAX_PAGE_SIZE, PAGE_KINDS, PAGE_SIZE, get_engine

router = Router()
QUERY_MAX_LENGTH = 2000


class Paging(Schema):
    """The page asked for, shared by both searches."""

    page: int = Field(1, ge=1, le=1000, description="页码，从 1 开始")
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"每页条数，1–{MAX_PAGE_SIZE}")


class PagedOut(Schema):
    page: int
    page_size: int
    num_pages: int


def paging(params: Paging, count: int) -> dict:
    return {
        "page": params.page,
        "page_size": params.page_size,
        "num_pages": max(1, math.ceil(count / params.page_size)),
    }


class SearchParams(Paging):
    q: str = Field(
        "", max_length=QUERY_MAX_LENGTH, description="搜索词：姓名、部分姓名、拼音（全拼或首字母）、单位或事迹中的词"
    )
    honor: str | None = Field(None, max_length=100, description="荣誉的网址标识（见 /api/honours/）；也接受 honour")
    honour: str | None = Field(None, max_length=100, description="同 honor")
    decade: str | None = Field(None, max_length=100, description="获奖年代，如 1990")
    district: str | None = Field(None, max_length=100, description="所属区的网址标识")
    industry: str | None = Field(None, max_length=100, description="行业的网址标识")
    kind: str | None = Field(None, max_length=100, description="person（个人）或 collective（集体）")


class HonorOut(Schema):
    year: int | None
    honor: str


class SearchHit(Schema):
    id: str = Field(description="稳定编号")
    name: str
    url: str = Field(description="条目页的完整网址")
    honors: list[HonorOut]
    highlight: str = Field(description="事迹摘要：已转义的 HTML，匹配处用 <mark> 标出")
    synthetic: bool = Field(description="是否为示例数据")


class FacetValue(Schema):
    value: str
    label: str
    count: int


class SearchOut(PagedOut):
    count: int = Field(description="匹配的公开条目总数")
    results: list[SearchHit]
    facets: dict[str, list[FacetValue]] = Field(description="分面计数：honour、decade、district、industry、kind")
    did_you_mean: list[dict[str, str]] = Field(description="没有结果时，读音相近的姓名")


class PageSearchParams(Paging):
    q: str = Field(
        "", max_length=QUERY_MAX_LENGTH, description="搜索词：标题、正文、访谈中说到的话或人名（汉字、拼音、首字母）"
    )
    kind: str | None = Field(
        None,
        max_length=20,
        description="只看一类：" + "、".join(f"{kind}（{label}）" for kind, label in PAGE_KINDS.items()),
    )


class PageHitOut(Schema):
    kind: str = Field(description="类别，见 kind 参数")
    title: str
    url: str = Field(description="完整网址；访谈片段的网址带 ?t=秒数，打开即从那一秒播放")
    highlight: str = Field(description="摘要：已转义的 HTML，匹配处用 <mark> 标出")


class PageSearchOut(PagedOut):
    count: int = Field(description="所选类别中匹配的总数")
    counts_by_kind: dict[str, int] = Field(description="每一类的匹配数")
    results: list[PageHitOut]


class SuggestOut(Schema):
    results: list[dict[str, str | bool]] = Field(description="[{id, name, pinyin, url, synthetic}]")


class BadRequest(Schema):
    detail: str
    errors: dict[str, str]


@router.get(
    "/honorees/search/",
    response={200: SearchOut, 400: BadRequest},
    tags=["搜索"],
    summary="搜索劳模",
    description=(
        "中文姓名、部分姓名、拼音（有无空格均可）、首字母、同音字、繁体字、单位片段或事迹中的词。"
        "姓名完全相同的排在最前，其次是姓名（含拼音、同音）匹配，再次是事迹匹配。可与筛选参数组合。"
    ),
    url_name="honoree-search",
)
def search_honorees(request, params: Query[SearchParams]):
    filters = parse_filters(
        {
            "honour": params.honor or params.honour or "",
            "decade": params.decade or "",
            "district": params.district or "",
            "industry": params.industry or "",
            "kind": params.kind or "",
        }
    )
    if filters.errors:
        return Status(400, {"detail": "参数有误", "errors": filters.errors})
    results = get_engine().search_honorees(params.q, filters, page=params.page, page_size=params.page_size)
    return {
        "count": results.count,
        **paging(params, results.count),
        "results": [
            {
                "id": hit.id,
                "name": hit.name,
                "url": request.build_absolute_uri(hit.url),
                "honors": hit.honors,
                "highlight": hit.highlight,
                "synthetic": hit.synthetic,
            }
            for hit in results.hits
        ],
        "facets": results.facets,
        "did_you_mean": [
            {"name": item["name"], "url": request.build_absolute_uri(item["url"])} for item in results.did_you_mean
        ],
    }


@router.get(
    "/search/",
    response={200: PageSearchOut, 400: BadRequest},
    tags=["搜索"],
    summary="搜索展览、故事、影片、课堂与口述史",
    description=(
        "网站内容的全文搜索，与网站的搜索页相同。口述史访谈按片段建立索引：一个片段的结果直接指向那一秒"
        "（网址带 ?t=秒数）。只包含公开的内容。"
    ),
    url_name="page-search",
)
def search_pages(request, params: Query[PageSearchParams]):
    kind = params.kind or ""
    if kind and kind not in PAGE_KINDS:
        return Status(400, {"detail": "参数有误", "errors": {"kind": f"没有“{kind[:20]}”这一类。"}})
    results = get_engine().search_pages(params.q, kind=kind, page=params.page, page_size=params.page_size)
    return {
        "count": results.count,
        "counts_by_kind": results.counts_by_kind,
        **paging(params, results.count),
        "results": [
            {
                "kind": hit.kind,
                "title": hit.title,
                "url": request.build_absolute_uri(hit.url),
                "highlight": hit.highlight,
            }
            for hit in results.hits
        ],
    }


@router.get(
    "/search/suggest/",
    response=SuggestOut,
    tags=["搜索"],
    summary="输入提示",
    description="边输入边提示姓名：汉字前缀、拼音前缀（zhangg → 张广义）、首字母，读音相近也能找到。",
    url_name="search-suggest",
)
def suggest(request, q: str = Query("", max_length=200, description="已输入的文字")):
    return {"results": get_engine().suggest(q)}

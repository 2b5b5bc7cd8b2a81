"""The archive's read-only JSON API (开放接口): honorees, honours, districts, industries and statistics.

Only `Honoree.objects.public()` is ever read, and every payload is an explicit schema with an explicit
field list, so a private field (PRIVATE_FIELDS, withdrawn, withdrawn_reason) cannot leak by being added
to the model. Filters are the dictionary pages' own (archive.browse), with the same Chinese messages.
"""

import logging
import math
from datetime import datetime
from typing import Literal
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, Q, QuerySet

from wagtail.images.models import SourceImageIOError

from ninja import Field, Query, Router, Schema, Status

from .browse import browse, cached_count, parse_filters
from .models import Award, District, Honoree, Honour, Industry
from .statistics import statistics

logger = logging.getLogger(__name__)

router = Router()

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 20, 100
FILTER_MAX_LENGTH = 100
PHOTO_SPEC = "fill-300x400"
# The image model of record photos (the media app's), found through the field: the archive sits below media.
PHOTOS = Honoree._meta.get_field("photo").related_model

# ninja checks these before a view runs; laomo.api turns its English 422 errors into these 400s.
PARAMETER_MESSAGES = {
    "page": "页码应为正整数。",
    "page_size": f"每页条数应为 1 到 {MAX_PAGE_SIZE} 之间的整数。",
}

LevelValue = Literal["national", "municipal", "sector"]
KindValue = Literal["person", "collective"]


# --- parameters ---------------------------------------------------------


class HonoreeFilters(Schema):
    """The dictionary pages' filters. Values are read as text and checked by browse.parse_filters."""

    letter: str | None = Field(None, max_length=FILTER_MAX_LENGTH, description="拼音首字母：A–Z，或 # 表示其他")
    strokes: str | None = Field(None, max_length=FILTER_MAX_LENGTH, description="姓氏笔画数，1–64 的整数")
    honour: str | None = Field(None, max_length=FILTER_MAX_LENGTH, description="荣誉的网址标识，见 /api/honours/")
    level: str | None = Field(
        None,
        max_length=FILTER_MAX_LENGTH,
        description="荣誉级别：national（全国）、municipal（北京市）、sector（系统/行业）",
    )
    decade: str | None = Field(None, max_length=FILTER_MAX_LENGTH, description="获奖年代，如 1950、1960")
    year: str | None = Field(None, max_length=FILTER_MAX_LENGTH, description="获奖年份，1949–2100")
    district: str | None = Field(None, max_length=FILTER_MAX_LENGTH, description="所属区的网址标识，见 /api/districts/")
    industry: str | None = Field(None, max_length=FILTER_MAX_LENGTH, description="行业的网址标识，见 /api/industries/")
    kind: str | None = Field(
        None, max_length=FILTER_MAX_LENGTH, description="类别：person（个人）或 collective（集体）"
    )


class PageParams(Schema):
    page: int = Field(1, ge=1, description="页码，从 1 开始")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"每页条数，1–{MAX_PAGE_SIZE}")


# --- payloads -----------------------------------------------------------


class AwardOut(Schema):
    year: int | None = Field(description="获奖年份；资料未载明时为 null（年份待考）")
    honor: str = Field(description="荣誉名称")
    level: LevelValue = Field(description="荣誉级别")


class HonoreeOut(Schema):
    id: str = Field(description="稳定编号（不是数据库主键），用于网址与引用")
    name: str = Field(description="姓名或集体名称")
    kind: KindValue = Field(description="类别：person 个人，collective 集体")
    url: str = Field(description="劳模辞典条目页的完整网址")
    honors: list[AwardOut] = Field(description="获得的荣誉，按年份排列")
    pinyin: str = Field(description="拼音（不带声调，姓氏按姓氏读音）")
    pinyin_display: str = Field(description="拼音（带声调）")
    initials: str = Field(description="拼音首字母")
    surname: str = Field(description="姓氏（集体为空）")
    surname_strokes: int | None = Field(description="姓氏（或名称首字）笔画数")
    gender: Literal["male", "female"] | None = Field(description="性别；未注明或集体为 null")
    ethnicity: str = Field(description="民族")
    birth_year: int | None = Field(description="出生年份")
    death_year: int | None = Field(description="逝世年份")
    native_place: str = Field(description="籍贯")
    employer: str = Field(description="获得荣誉时的工作单位")
    title: str = Field(description="职务职称")
    industry: str | None = Field(description="行业名称")
    district: str | None = Field(description="所属区名称")
    biography: str = Field(description="主要事迹，段落之间空一行")
    photo: str | None = Field(description="照片（300×400 裁切）的完整网址；没有照片为 null")
    synthetic: bool = Field(description="是否为示例数据（演示用的虚构条目）")
    updated_at: datetime = Field(description="最后更新时间")

    @staticmethod
    def resolve_id(obj):
        return obj.external_id

    @staticmethod
    def resolve_url(obj, context):
        return context["request"].build_absolute_uri(obj.get_absolute_url())

    @staticmethod
    def resolve_honors(obj):
        return [
            {"year": award.year, "honor": award.honour.name, "level": award.honour.level} for award in obj.awards.all()
        ]

    @staticmethod
    def resolve_pinyin(obj):
        return obj.name_pinyin

    @staticmethod
    def resolve_initials(obj):
        return obj.name_initials

    @staticmethod
    def resolve_gender(obj):
        return obj.gender or None

    @staticmethod
    def resolve_industry(obj):
        return obj.industry.name if obj.industry else None

    @staticmethod
    def resolve_district(obj):
        return obj.district.name if obj.district else None

    @staticmethod
    def resolve_photo(obj, context):
        if obj.photo is None:
            return None
        try:
            rendition = obj.photo.get_rendition(PHOTO_SPEC)
        except SourceImageIOError:
            logger.warning("Photo file missing for honoree %s (image %s)", obj.external_id, obj.photo_id)
            return None
        return context["request"].build_absolute_uri(rendition.url)

    @staticmethod
    def resolve_synthetic(obj):
        return obj.is_synthetic


class HonoreePage(Schema):
    count: int = Field(description="符合条件的公开条目总数")
    page: int = Field(description="当前页码")
    page_size: int = Field(description="每页条数")
    num_pages: int = Field(description="总页数（没有结果时为 1）")
    next: str | None = Field(description="下一页的完整网址（保留筛选条件）；已是最后一页为 null")
    previous: str | None = Field(description="上一页的完整网址；已是第一页为 null")
    results: list[HonoreeOut]


class HonourOut(Schema):
    slug: str = Field(description="网址标识，用作 honour 筛选参数")
    name: str = Field(description="荣誉名称")
    level: LevelValue = Field(description="级别")
    for_kind: KindValue = Field(description="授予对象：person 个人，collective 集体")
    count: int = Field(description="获得此荣誉的公开条目数")


class TaxonomyOut(Schema):
    slug: str = Field(description="网址标识，用作筛选参数")
    name: str = Field(description="名称")
    count: int = Field(description="公开条目数")


class DistrictOut(TaxonomyOut):
    is_current: bool = Field(description="是否为现行区划（崇文区、宣武区等历史区划为 false）")


class StatisticRow(Schema):
    label: str
    count: int


class StatisticsOut(Schema):
    total: list[StatisticRow] = Field(description="公开条目总数（不含示例数据）")
    synthetic: list[StatisticRow] = Field(description="另有的示例数据条数，未计入任何其他数字")
    by_year: list[StatisticRow] = Field(description="各年份获奖人数")
    by_decade: list[StatisticRow] = Field(description="各年代获奖人数")
    by_honour: list[StatisticRow] = Field(description="各项荣誉获得人数")
    by_industry: list[StatisticRow] = Field(description="各行业人数")
    by_district: list[StatisticRow] = Field(description="各区人数")
    by_gender: list[StatisticRow] = Field(description="个人的性别构成")


class NotFound(Schema):
    detail: str


class BadRequest(Schema):
    detail: str = Field(description="“参数有误”")
    errors: dict[str, str] = Field(description="参数名 → 中文说明")


# --- endpoints ----------------------------------------------------------


def with_payload_relations(queryset: QuerySet) -> QuerySet:
    """Everything HonoreeOut reads, in a fixed number of queries however many records there are."""
    return queryset.select_related("district", "industry").prefetch_related(
        Prefetch("awards", queryset=Award.objects.select_related("honour")),
        Prefetch("photo", queryset=PHOTOS.objects.prefetch_renditions(PHOTO_SPEC)),
    )


def page_url(request, active: dict[str, str], page: int, page_size: int) -> str:
    params = dict(active)
    if page_size != DEFAULT_PAGE_SIZE:
        params["page_size"] = str(page_size)
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{urlencode(params)}")


@router.get(
    "/honorees/",
    response={200: HonoreePage, 400: BadRequest, 404: NotFound},
    tags=["劳模名录"],
    summary="劳模名录",
    description=(
        "公开的劳模与先进集体条目，按姓氏笔画排序（与劳模辞典相同），分页返回。"
        "筛选参数与辞典页面相同，可以组合使用；参数有误时返回 400 和中文说明，页码超出范围返回 404。"
    ),
    url_name="honoree-list",
)
def list_honorees(request, filters: Query[HonoreeFilters], paging: Query[PageParams]):
    parsed = parse_filters(filters.model_dump())
    if parsed.errors:
        return Status(400, {"detail": "参数有误", "errors": parsed.errors})
    honorees = browse(parsed)
    count = cached_count(honorees, parsed)
    page, page_size = paging.page, paging.page_size
    num_pages = max(1, math.ceil(count / page_size))
    if page > num_pages:
        return Status(404, {"detail": "页码超出范围"})
    start = (page - 1) * page_size
    # Sort and skip over primary keys only, then load the page's full rows: deep pages cost a third as much.
    page_pks = list(honorees.values_list("pk", flat=True)[start : start + page_size])
    results = with_payload_relations(Honoree.objects.filter(pk__in=page_pks)).in_dictionary_order()
    active = parsed.active
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "num_pages": num_pages,
        "next": page_url(request, active, page + 1, page_size) if page < num_pages else None,
        "previous": page_url(request, active, page - 1, page_size) if page > 1 else None,
        "results": list(results),
    }


# GET /honorees/search/ lives in search.api, whose router laomo.api mounts before this one:
# routes match in order, and after this one "search" would be looked up as an external id.


@router.get(
    "/honorees/{id}/",
    response={200: HonoreeOut, 404: NotFound},
    tags=["劳模名录"],
    summary="劳模条目",
    description="按稳定编号（如 SRC-0001）取一个公开条目。未发布、已撤下或不存在的编号都返回 404。",
    url_name="honoree-detail",
)
def honoree_detail(request, id: str):
    honoree = with_payload_relations(Honoree.objects.public()).filter(external_id=id).first()
    if honoree is None:
        return Status(404, {"detail": f"没有找到编号为 {id[:40]} 的公开条目。"})
    return honoree


PUBLIC_VIA_AWARDS = Q(awards__honoree__live=True, awards__honoree__withdrawn=False)
PUBLIC_HONOREES = Q(honorees__live=True, honorees__withdrawn=False)


@router.get(
    "/honours/",
    response=list[HonourOut],
    tags=["分类"],
    summary="荣誉列表",
    description="全部荣誉称号及获得者中公开条目的人数；slug 可用作名录的 honour 参数。",
    url_name="honour-list",
)
def list_honours(request):
    counted = Honour.objects.annotate(count=Count("awards__honoree", filter=PUBLIC_VIA_AWARDS, distinct=True))
    return counted.order_by("sort_order", "name")  # Meta.ordering is dropped from aggregate queries


@router.get(
    "/districts/",
    response=list[DistrictOut],
    tags=["分类"],
    summary="所属区列表",
    description="北京各区（含崇文、宣武等历史区划）及其公开条目数；slug 可用作名录的 district 参数。",
    url_name="district-list",
)
def list_districts(request):
    return District.objects.annotate(count=Count("honorees", filter=PUBLIC_HONOREES)).order_by("sort_order", "name")


@router.get(
    "/industries/",
    response=list[TaxonomyOut],
    tags=["分类"],
    summary="行业列表",
    description="行业及其公开条目数；slug 可用作名录的 industry 参数。",
    url_name="industry-list",
)
def list_industries(request):
    return Industry.objects.annotate(count=Count("honorees", filter=PUBLIC_HONOREES)).order_by("sort_order", "name")


@router.get(
    "/statistics/",
    response=StatisticsOut,
    tags=["统计"],
    summary="统计数字",
    description="与统计页相同的数字：总数，以及按年份、年代、荣誉、行业、区和性别的分布（只计公开的真实条目；示例数据另计）。",
    url_name="statistics",
)
def get_statistics(request):
    return statistics()

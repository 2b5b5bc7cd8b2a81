"""Public dictionary pages: browsing with facets, the entries, and the statistics page."""

import datetime
import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy

from wagtail.images.models import SourceImageIOError

from core.extensions import entry_sections
from core.facets import FilterLinks, facet_group
from core.i18n import bcp47, home_url, is_default_language
from core.origin import absolute_url
from core.visitor_cache import cacheable_for_visitors

from . import browse, labels
from .models import PRIVATE_FIELDS, Award, Gender, Honoree
from .statistics import statistics as archive_statistics

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
LETTERS = [chr(code) for code in range(ord("A"), ord("Z") + 1)] + ["#"]

# Facet groups below the A–Z bar, in the order a visitor meets them.
FACET_HEADINGS = {
    "strokes": gettext_lazy("按姓氏笔画"),
    "honour": gettext_lazy("按荣誉"),
    "level": gettext_lazy("按荣誉级别"),
    "decade": gettext_lazy("按获奖年代"),
    "year": gettext_lazy("按获奖年份"),
    "district": gettext_lazy("按所属区"),
    "industry": gettext_lazy("按行业"),
    "kind": gettext_lazy("个人或集体"),
}
SCHEMA_GENDERS = {Gender.MALE: "https://schema.org/Male", Gender.FEMALE: "https://schema.org/Female"}


class CachedCountPaginator(Paginator):
    """Takes its total from the cache (browse.cached_count), so a deep page costs one LIMIT/OFFSET query, no COUNT."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._cached_count = count

    @cached_property
    def count(self):
        return self._cached_count


def ordered_awards():
    """Awards as a timeline: by year, undated ones (年份待考) last; awards of one year as the archivist arranged them."""
    return Award.objects.select_related("honour").order_by(
        F("year").asc(nulls_last=True), "sort_order", "honour__sort_order", "honour__name"
    )


def filter_links(active: dict[str, str]) -> FilterLinks:
    """The dictionary home's filters; parameters in one fixed order so equal filters share one URL."""
    return FilterLinks(reverse("archive:home"), browse.FILTER_NAMES, active)


def filter_url(active: dict[str, str], **changes) -> str:
    return filter_links(active).url(**changes)


def page_url(active: dict[str, str], number: int) -> str:
    """A page of the filtered list; page 1 keeps the plain filter URL."""
    url = filter_url(active)
    if number <= 1:
        return url
    return f"{url}{'&' if '?' in url else '?'}page={number}"


def page_links(active: dict[str, str], page) -> dict[str, str]:
    """First / previous / next / last, leaving out "first" and "last" where they would repeat previous or next."""
    links = {}
    last = page.paginator.num_pages
    if page.has_previous():
        links["previous"] = page_url(active, page.previous_page_number())
        if page.number > 2:
            links["first"] = page_url(active, 1)
    if page.has_next():
        links["next"] = page_url(active, page.next_page_number())
        if page.number < last - 1:
            links["last"] = page_url(active, last)
    return links


def filter_labels(filters: browse.Filters) -> dict[str, str]:
    """How each filter in effect reads in the list of active filters."""
    letter = str(labels.OTHER_LETTER) if filters.letter == "#" else filters.letter
    texts = {
        "letter": gettext("拼音首字母 %(letter)s") % {"letter": letter},
        "strokes": gettext("姓氏 %(count)s 画") % {"count": filters.strokes},
        "honour": filters.honour.display_name if filters.honour else "",
        "level": gettext("%(level)s级荣誉") % {"level": labels.choice_label(labels.LEVEL_LABELS, filters.level)},
        "decade": labels.decade_label(filters.decade),
        "year": labels.year_label(filters.year),
        "district": filters.district.display_name if filters.district else "",
        "industry": filters.industry.display_name if filters.industry else "",
        "kind": labels.choice_label(labels.KIND_LABELS, filters.kind) if filters.kind else "",
    }
    return {name: texts[name] for name in filters.active}


def facet_links(filters: browse.Filters, facets: dict[str, list[dict]]) -> dict:
    """Every facet option with the link that selects it (or, for the current one, removes it)."""
    links = filter_links(filters.active)
    letter_counts = {row["value"]: row["count"] for row in facets["letter"]}
    letters = [
        links.option(
            "letter", letter, str(labels.OTHER_LETTER) if letter == "#" else letter, letter_counts.get(letter, 0)
        )
        for letter in LETTERS
        if letter != "#" or letter in letter_counts
    ]
    groups = []
    for name, heading in FACET_HEADINGS.items():
        if name == "year" and filters.decade is None and filters.year is None:
            continue  # years are offered inside a chosen decade, so the list stays short
        # Choosing a decade starts afresh within it: the year facet was counted without the year.
        extra = {"year": None} if name == "decade" else {}
        options = [
            {**row, **links.option(name, row["value"], row["label"], row["count"], **extra)}
            for row in labels.facet_rows(name, facets[name])
        ]
        hint = gettext("选定年代后，可再按具体年份查找。") if name == "decade" and filters.decade is None else ""
        if options:
            groups.append(facet_group(name, heading, options, hint))
    return {"letters": letters, "groups": groups}


@cacheable_for_visitors
def dictionary_home(request):
    filters = browse.parse_filters(request.GET)
    active = filters.active
    ordered = browse.browse(filters)
    by_pinyin = bool(filters.letter)
    if by_pinyin:  # a pinyin index reads in alphabetical order (音序); everything else in stroke order
        ordered = ordered.order_by("name_pinyin", "stroke_key", "external_id")
    total = browse.cached_count(ordered, filters)
    synthetic = browse.cached_count(ordered.filter(is_synthetic=True), filters, "synthetic") if total else 0
    # Page through ids alone (an index scan, cheap at any depth), then load only this page's rows in full.
    page = CachedCountPaginator(ordered.values_list("pk", flat=True), PAGE_SIZE, count=total).get_page(
        request.GET.get("page")
    )
    ids = list(page.object_list)
    rows = (
        Honoree.objects.select_related("district", "industry")
        .defer("biography", "biography_en", "withdrawn_reason", *PRIVATE_FIELDS)
        .prefetch_related(Prefetch("awards", queryset=ordered_awards(), to_attr="timeline"))
        .in_bulk(ids)
    )
    page.object_list = [rows[pk] for pk in ids if pk in rows]  # one may have been withdrawn in between
    context = {
        "filters": filters,
        "errors": list(filters.errors.values()),
        "active_filters": filter_links(active).chips(filter_labels(filters)),
        "clear_url": reverse("archive:home"),
        "facets": facet_links(filters, browse.facet_counts(filters)),
        "page_obj": page,
        "page_links": page_links(active, page),
        "total": total,
        "synthetic": synthetic,
        "by_pinyin": by_pinyin,
        "active_params": active,
    }
    return render(request, "archive/dictionary_home.html", context)


def neighbours(honoree: Honoree) -> tuple[Honoree | None, Honoree | None]:
    """The entries before and after this one in dictionary order (stroke order, then 编号).

    A range on stroke_key with the same-key entries on the wrong side left out, rather than the textbook
    `a < x OR (a = x AND b < y)`: SQLite cannot walk the public-order index for that OR and reads every
    record instead (140 ms at 100,000 records, under 1 ms this way).

    Real and synthetic records are kept apart: from a real entry the way leads only to real ones."""
    public = Honoree.objects.public().filter(is_synthetic=honoree.is_synthetic)
    public = public.only("external_id", "name", "is_synthetic")
    key, external_id = honoree.stroke_key, honoree.external_id
    before = public.filter(stroke_key__lte=key).exclude(stroke_key=key, external_id__gte=external_id)
    after = public.filter(stroke_key__gte=key).exclude(stroke_key=key, external_id__lte=external_id)
    return (
        before.order_by("-stroke_key", "-external_id").first(),
        after.order_by("stroke_key", "external_id").first(),
    )


def _date(value: datetime.date) -> str:
    return format_date(value, gettext("Y年n月j日"))


def citations(honoree: Honoree, url: str, today: datetime.date) -> dict[str, str]:
    """GB/T 7714-2015 electronic resource: 责任者. 题名[EB/OL]. (更新日期)[引用日期]. 访问路径. As HTML: on the
    English site the name inside is marked as Chinese."""
    site = escape(gettext(settings.WAGTAIL_SITE_NAME))  # in the catalogue: base.html translates the site's name
    name = escape(honoree.name)
    if not is_default_language():
        name = format_html('<span lang="{}">{}</span>', bcp47(settings.LANGUAGE_CODE), honoree.name)
    updated = timezone.localdate(honoree.updated_at)
    plain = gettext("%(name)s，载%(site)s·劳模辞典，%(url)s（%(updated)s更新，%(today)s查阅）。") % {
        "name": name,
        "site": site,
        "url": escape(url),
        "updated": escape(_date(updated)),
        "today": escape(_date(today)),
    }
    gbt = f"{site}. {name}[EB/OL]. ({updated:%Y-%m-%d})[{today:%Y-%m-%d}]. {escape(url)}."
    return {"gbt": mark_safe(gbt), "plain": mark_safe(plain)}  # noqa: S308 - every part escaped above


def summary(honoree: Honoree, length: int = 160) -> str:
    """The start of the biography the visitor reads (the English one on the English site, where there is one)."""
    return Truncator(" ".join(honoree.display_paragraphs)).chars(length)


def structured_data(honoree: Honoree, awards: list[Award], url: str, image_url: str = "") -> dict:
    """schema.org Person (个人) or Organization (集体), for search engines; json-escaped by the ld_json filter."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person" if honoree.is_person else "Organization",
        "name": honoree.name,
        "url": url,
    }
    if awards:
        data["award"] = [f"{award.year} {award.honour.name}" if award.year else award.honour.name for award in awards]
    if honoree.biography:
        data["description"] = summary(honoree, 300)
    if image_url:
        data["image"] = image_url
    if honoree.is_person:
        if honoree.pinyin_display:
            data["alternateName"] = honoree.pinyin_display
        if honoree.gender in SCHEMA_GENDERS:
            data["gender"] = SCHEMA_GENDERS[honoree.gender]
        if honoree.birth_year:
            data["birthDate"] = str(honoree.birth_year)
        if honoree.death_year:
            data["deathDate"] = str(honoree.death_year)
        if honoree.employer:
            data["worksFor"] = {"@type": "Organization", "name": honoree.display_employer}
        if honoree.title:
            data["jobTitle"] = honoree.title
    return data


def share_image(honoree: Honoree):
    """The rendition for og:image and JSON-LD; a photo whose file has gone missing just goes unshared."""
    if not honoree.photo:
        return None
    try:
        return honoree.photo.get_rendition("max-1200x1200")
    except SourceImageIOError:
        logger.warning("Photo file missing for honoree %s (image %s)", honoree.external_id, honoree.photo_id)
        return None


@cacheable_for_visitors
def entry(request, external_id):
    honoree = get_object_or_404(
        Honoree.objects.public()
        .select_related("district", "industry", "photo")
        .prefetch_related(Prefetch("awards", queryset=ordered_awards(), to_attr="timeline")),
        external_id=external_id,
    )
    url = absolute_url(honoree.get_absolute_url())  # canonical, cited and shared: the public origin
    image = share_image(honoree)
    image_url = request.build_absolute_uri(image.url) if image else ""
    previous_entry, next_entry = neighbours(honoree)
    # On the English site without an English biography: the Chinese one, with a note saying so.
    biography_fallback = bool(honoree.biography) and not is_default_language() and not honoree.biography_in_english
    context = {
        "honoree": honoree,
        "awards": honoree.timeline,
        "canonical_url": url,
        "summary": summary(honoree),
        "og_image": image,
        "og_image_url": image_url,
        "structured_data": structured_data(honoree, honoree.timeline, url, image_url),
        "citations": citations(honoree, url, timezone.localdate()),
        "previous_entry": previous_entry,
        "next_entry": next_entry,
        "biography_fallback": biography_fallback,
        "extra_sections": entry_sections(request, honoree),
        "honoree_crumbs": [
            {"title": gettext("首页"), "url": home_url()},
            {"title": gettext("劳模辞典"), "url": reverse("archive:home")},
            {"title": honoree.name, "url": "", "lang": "" if is_default_language() else bcp47(settings.LANGUAGE_CODE)},
        ],
    }
    return render(request, "archive/entry.html", context)


# statistics() key → heading, and the column heading of its data table.
CHARTS = {
    "by_year": (gettext_lazy("按获奖年份"), gettext_lazy("获奖年份")),
    "by_decade": (gettext_lazy("按获奖年代"), gettext_lazy("年代")),
    "by_honour": (gettext_lazy("按荣誉"), gettext_lazy("荣誉")),
    "by_industry": (gettext_lazy("按行业"), gettext_lazy("行业")),
    "by_district": (gettext_lazy("按所属区"), gettext_lazy("所属区")),
    "by_gender": (gettext_lazy("按性别（个人）"), gettext_lazy("性别")),
}


@cacheable_for_visitors
def statistics(request):
    data = archive_statistics()
    charts = [
        {
            "id": f"chart-{key.replace('_', '-')}",
            "title": str(title),
            "label_heading": str(label_heading),
            "rows": data.get(key, []),
        }
        for key, (title, label_heading) in CHARTS.items()
    ]
    total = data["total"][0]["count"] if data.get("total") else 0
    synthetic = data["synthetic"][0]["count"] if data.get("synthetic") else 0
    crumbs = [
        {"title": gettext("首页"), "url": home_url()},
        {"title": gettext("劳模辞典"), "url": reverse("archive:home")},
        {"title": gettext("数据"), "url": ""},
    ]
    return render(
        request,
        "archive/statistics.html",
        {"charts": charts, "total": total, "synthetic": synthetic, "crumbs": crumbs},
    )

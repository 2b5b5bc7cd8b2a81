"""Browsing the dictionary: filters parsed from a query string, applied to public records, with facet counts.

Shared by the dictionary pages and the API, so both accept the same parameters:
letter (A–Z or #), strokes (surname stroke count), honour (slug), level, decade (1950), year,
district (slug), industry (slug), kind (person / collective).
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, QuerySet

from .cache import versioned_key
from .models import Award, District, Honoree, Honour, Industry, Kind, Level

FILTER_NAMES = ("letter", "strokes", "honour", "level", "decade", "year", "district", "industry", "kind")
MIN_YEAR, MAX_YEAR = 1949, 2100


@dataclass
class Filters:
    letter: str = ""
    strokes: int | None = None
    honour: Honour | None = None
    level: str = ""
    decade: int | None = None
    year: int | None = None
    district: District | None = None
    industry: Industry | None = None
    kind: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> dict[str, str]:
        """The filters in effect, as query-string values (for links, cache keys and the API)."""
        values = {
            "letter": self.letter,
            "strokes": self.strokes,
            "honour": self.honour.slug if self.honour else "",
            "level": self.level,
            "decade": self.decade,
            "year": self.year,
            "district": self.district.slug if self.district else "",
            "industry": self.industry.slug if self.industry else "",
            "kind": self.kind,
        }
        return {name: str(value) for name, value in values.items() if value not in ("", None)}


def _int(params, name: str, errors: dict, low: int, high: int, message: str) -> int | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        errors[name] = message
        return None
    return int(raw)


def parse_filters(params) -> Filters:
    """Read filters from a QueryDict or dict; unknown values are reported in Chinese, never raised."""
    errors: dict[str, str] = {}
    filters = Filters(errors=errors)
    letter = (params.get("letter") or "").strip().upper()
    if letter:
        if len(letter) == 1 and (letter.isascii() and letter.isalpha() or letter == "#"):
            filters.letter = letter
        else:
            errors["letter"] = "拼音首字母应为 A–Z 中的一个字母。"
    filters.strokes = _int(params, "strokes", errors, 1, 64, "姓氏笔画应为 1 到 64 之间的整数。")
    filters.decade = _int(params, "decade", errors, 1940, 2090, "年代应写作 1950、1960 这样的四位年份。")
    if filters.decade is not None and filters.decade % 10:
        errors["decade"] = "年代应写作 1950、1960 这样的四位年份。"
        filters.decade = None
    filters.year = _int(params, "year", errors, MIN_YEAR, MAX_YEAR, f"年份应在 {MIN_YEAR} 到 {MAX_YEAR} 之间。")
    for name, model in (("honour", Honour), ("district", District), ("industry", Industry)):
        slug = (params.get(name) or "").strip()
        if slug:
            found = model.objects.filter(slug=slug).first()
            if found is None:
                errors[name] = f"没有找到这个{model._meta.verbose_name}：{slug[:40]}"
            setattr(filters, name, found)
    level = (params.get("level") or "").strip()
    if level:
        if level in Level.values:
            filters.level = level
        else:
            errors["level"] = "级别应为 national（全国）、municipal（北京市）或 sector（系统/行业）。"
    kind = (params.get("kind") or "").strip()
    if kind:
        if kind in Kind.values:
            filters.kind = kind
        else:
            errors["kind"] = "类别应为 person（个人）或 collective（集体）。"
    return filters


def apply_filters(queryset: QuerySet, filters: Filters) -> QuerySet:
    if filters.letter:
        queryset = queryset.filter(initial=filters.letter)
    if filters.strokes is not None:
        queryset = queryset.filter(surname_strokes=filters.strokes)
    if filters.district:
        queryset = queryset.filter(district=filters.district)
    if filters.industry:
        queryset = queryset.filter(industry=filters.industry)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    awards = Award.objects.filter(honoree=OuterRef("pk"))
    if filters.honour or filters.level or filters.decade is not None or filters.year is not None:
        if filters.honour:
            awards = awards.filter(honour=filters.honour)
        if filters.level:
            awards = awards.filter(honour__level=filters.level)
        if filters.decade is not None:
            awards = awards.filter(year__gte=filters.decade, year__lt=filters.decade + 10)
        if filters.year is not None:
            awards = awards.filter(year=filters.year)
        queryset = queryset.filter(Exists(awards))
    return queryset


def browse(filters: Filters) -> QuerySet:
    """Public records matching the filters, in dictionary order (按姓氏笔画)."""
    return apply_filters(Honoree.objects.public(), filters).in_dictionary_order()


def cached_count(queryset: QuerySet, filters: Filters, what: str = "count") -> int:
    key = versioned_key(what, *sorted(filters.active.items()))
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, 60 * 60)
    return count


def facet_counts(filters: Filters) -> dict[str, list[dict]]:
    """Counts for every browsing facet within the current filters; cached per filter combination."""
    key = versioned_key("facets", *sorted(filters.active.items()))
    facets = cache.get(key)
    if facets is None:
        facets = _compute_facets(filters)
        cache.set(key, facets, 60 * 60)
    return facets


def _compute_facets(filters: Filters) -> dict[str, list[dict]]:
    matching = apply_filters(Honoree.objects.public(), filters)
    ids = matching.values("pk")
    letters = matching.order_by().values("initial").annotate(n=Count("pk")).order_by("initial")
    strokes = (
        matching.exclude(surname_strokes=None)
        .order_by()
        .values("surname_strokes")
        .annotate(n=Count("pk"))
        .order_by("surname_strokes")
    )
    districts = (
        matching.exclude(district=None)
        .order_by()
        .values("district__slug", "district__name", "district__sort_order")
        .annotate(n=Count("pk"))
        .order_by("district__sort_order")
    )
    industries = (
        matching.exclude(industry=None)
        .order_by()
        .values("industry__slug", "industry__name", "industry__sort_order")
        .annotate(n=Count("pk"))
        .order_by("industry__sort_order")
    )
    kinds = matching.order_by().values("kind").annotate(n=Count("pk")).order_by("kind")
    awards = Award.objects.filter(honoree__in=ids)
    honours = (
        awards.order_by()
        .values("honour__slug", "honour__name", "honour__sort_order")
        .annotate(n=Count("honoree", distinct=True))
        .order_by("honour__sort_order")
    )
    decades = (
        awards.exclude(year=None)
        .annotate(decade=F("year") / 10 * 10)
        .order_by()
        .values("decade")
        .annotate(n=Count("honoree", distinct=True))
        .order_by("decade")
    )
    kind_labels = dict(Kind.choices)
    return {
        "letter": [{"value": row["initial"], "label": row["initial"], "count": row["n"]} for row in letters],
        "strokes": [
            {"value": str(row["surname_strokes"]), "label": f"{row['surname_strokes']}画", "count": row["n"]}
            for row in strokes
        ],
        "honour": [{"value": r["honour__slug"], "label": r["honour__name"], "count": r["n"]} for r in honours],
        "decade": [{"value": str(r["decade"]), "label": f"{r['decade']}年代", "count": r["n"]} for r in decades],
        "district": [{"value": r["district__slug"], "label": r["district__name"], "count": r["n"]} for r in districts],
        "industry": [{"value": r["industry__slug"], "label": r["industry__name"], "count": r["n"]} for r in industries],
        "kind": [{"value": r["kind"], "label": kind_labels.get(r["kind"], r["kind"]), "count": r["n"]} for r in kinds],
    }

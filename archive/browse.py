"""Browsing the dictionary: filters parsed from a query string, applied to public records, with facet counts.

Shared by the dictionary pages and the API, so both accept the same parameters:
letter (A–Z or #), strokes (surname stroke count), honour (slug), level, decade (1950), year,
district (slug), industry (slug), kind (person / collective).

The award filters (honour, level, decade, year) must all hold for one and the same award:
?honour=全国劳模&decade=1990 means "national model worker in the 1990s", not "national model worker
at some time and honoured by anything in the 1990s".
"""

import re
from dataclasses import dataclass, field, fields, replace

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext

from core.params import parse_int

from .cache import versioned_key
from .models import Award, District, Honoree, Honour, Industry, Kind, Level

FILTER_NAMES = ("letter", "strokes", "honour", "level", "decade", "year", "district", "industry", "kind")
AWARD_FILTER_NAMES = ("honour", "level", "decade", "year")
# Facets shown for browsing: each is counted with every filter except its own (and, for decade, the year
# inside it), so a facet's count is exactly what following its link shows.
FACET_NAMES = ("letter", "strokes", "honour", "level", "decade", "year", "district", "industry", "kind")
_FACET_IGNORES = {"decade": ("decade", "year")}
MIN_YEAR, MAX_YEAR = 1949, 2100
SLUG = re.compile(r"[-\w]{1,80}")


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

    def without(self, *names: str) -> "Filters":
        """A copy with the named filters cleared (and no errors)."""
        defaults = {f.name: f.default for f in fields(self) if f.name in names}
        return replace(self, **defaults, errors={})

    @property
    def has_award_filter(self) -> bool:
        return bool(self.honour or self.level or self.decade is not None or self.year is not None)


def _int(params, name: str, errors: dict, low: int, high: int, message: str) -> int | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    number = parse_int(raw, low, high)
    if number is None:
        errors[name] = message
    return number


def parse_filters(params) -> Filters:
    """Read filters from a QueryDict or dict; unknown values are reported in the visitor's language (Chinese in
    the API, whose addresses are always Chinese), never raised."""
    errors: dict[str, str] = {}
    filters = Filters(errors=errors)
    letter = (params.get("letter") or "").strip().upper()
    if letter:
        if len(letter) == 1 and (letter.isascii() and letter.isalpha() or letter == "#"):
            filters.letter = letter
        else:
            errors["letter"] = gettext("拼音首字母应为 A–Z 中的一个字母。")
    filters.strokes = _int(params, "strokes", errors, 1, 64, gettext("姓氏笔画应为 1 到 64 之间的整数。"))
    decade_message = gettext("年代应写作 1950、1960 这样的四位年份。")
    filters.decade = _int(params, "decade", errors, 1940, 2090, decade_message)
    if filters.decade is not None and filters.decade % 10:
        errors["decade"] = decade_message
        filters.decade = None
    year_message = gettext("年份应在 %(low)s 到 %(high)s 之间。") % {"low": MIN_YEAR, "high": MAX_YEAR}
    filters.year = _int(params, "year", errors, MIN_YEAR, MAX_YEAR, year_message)
    not_found = {
        "honour": gettext("没有找到这个荣誉：%(value)s"),
        "district": gettext("没有找到这个所属区：%(value)s"),
        "industry": gettext("没有找到这个行业：%(value)s"),
    }
    for name, model in (("honour", Honour), ("district", District), ("industry", Industry)):
        slug = (params.get(name) or "").strip()
        if slug:
            # Only slug-shaped values reach the database (PostgreSQL rejects NUL characters outright).
            found = model.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
            if found is None:
                errors[name] = not_found[name] % {"value": slug[:40]}
            setattr(filters, name, found)
    level = (params.get("level") or "").strip()
    if level:
        if level in Level.values:
            filters.level = level
        else:
            errors["level"] = gettext("级别应为 national（全国）、municipal（北京市）或 sector（系统/行业）。")
    kind = (params.get("kind") or "").strip()
    if kind:
        if kind in Kind.values:
            filters.kind = kind
        else:
            errors["kind"] = gettext("类别应为 person（个人）或 collective（集体）。")
    return filters


def award_condition(filters: Filters) -> Q:
    """The award filters as one condition on a single Award row."""
    condition = Q()
    if filters.honour:
        condition &= Q(honour=filters.honour)
    if filters.level:
        condition &= Q(honour__level=filters.level)
    if filters.decade is not None:
        condition &= Q(year__gte=filters.decade, year__lt=filters.decade + 10)
    if filters.year is not None:
        condition &= Q(year=filters.year)
    return condition


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
    if filters.has_award_filter:
        awards = Award.objects.filter(award_condition(filters), honoree=OuterRef("pk"))
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
    """Counts for every browsing facet, each within all the other filters (see FACET_NAMES).

    Cached per facet and per the filters that facet depends on, so stepping through the letters A–Z
    reuses the letter counts; one cache round trip for all facets.
    """
    keys = {name: _facet_key(name, filters) for name in FACET_NAMES}
    cached = cache.get_many(list(keys.values()))
    facets, missing = {}, {}
    for name, key in keys.items():
        if key in cached:
            facets[name] = cached[key]
        else:
            facets[name] = _compute_facet(name, filters.without(*_FACET_IGNORES.get(name, (name,))))
            missing[key] = facets[name]
    if missing:
        cache.set_many(missing, 60 * 60)
    return facets


def _facet_key(name: str, filters: Filters) -> str:
    relevant = filters.without(*_FACET_IGNORES.get(name, (name,)))
    return versioned_key("facet", name, *sorted(relevant.active.items()))


def _rows(queryset: QuerySet, value: str, label: str | None, order: tuple[str, ...], distinct_honorees: bool):
    """Group `queryset` by `value`, counting records (or distinct honorees, for awards)."""
    count = Count("honoree", distinct=True) if distinct_honorees else Count("pk")
    fields_ = (value, label) if label else (value,)
    return queryset.order_by().values(*fields_).annotate(n=count).order_by(*order)


def _compute_facet(name: str, filters: Filters) -> list[dict]:
    """Counts for one facet under `filters` (which no longer include the facet's own filter)."""
    if name in AWARD_FILTER_NAMES:
        honorees = apply_filters(Honoree.objects.public(), filters.without(*AWARD_FILTER_NAMES))
        queryset = Award.objects.filter(award_condition(filters), honoree__in=honorees.values("pk"))
        if name in ("decade", "year"):
            queryset = queryset.exclude(year=None).annotate(decade=F("year") / 10 * 10)
    else:
        queryset = apply_filters(Honoree.objects.public(), filters)
        if name in ("strokes", "district", "industry"):
            queryset = queryset.exclude(**{_FACET_FIELDS[name][0]: None})
    value, label, order, fmt = _FACET_FIELDS[name]
    rows = _rows(queryset, value, label, order, distinct_honorees=name in AWARD_FILTER_NAMES)
    if name in _CHOICE_ORDER:  # choices in their declared order (全国 before 北京市, 个人 before 集体)
        rows = sorted(rows, key=lambda row: _CHOICE_ORDER[name].get(row[value], len(_CHOICE_ORDER[name])))
    return [
        {"value": str(row[value]), "label": fmt(row[label] if label else row[value]), "count": row["n"]} for row in rows
    ]


_LEVEL_LABELS, _KIND_LABELS = dict(Level.choices), dict(Kind.choices)
_CHOICE_ORDER = {
    "level": {value: position for position, value in enumerate(Level.values)},
    "kind": {value: position for position, value in enumerate(Kind.values)},
}

# facet → (value field, label field or None, ordering, label format)
_FACET_FIELDS = {
    "letter": ("initial", None, ("initial",), str),
    "strokes": ("surname_strokes", None, ("surname_strokes",), "{}画".format),
    "honour": ("honour__slug", "honour__name", ("honour__sort_order", "honour__name"), str),
    "level": ("honour__level", None, ("honour__level",), lambda level: _LEVEL_LABELS.get(level, level)),
    "decade": ("decade", None, ("decade",), "{}年代".format),
    "year": ("year", None, ("year",), "{}年".format),
    "district": ("district__slug", "district__name", ("district__sort_order", "district__name"), str),
    "industry": ("industry__slug", "industry__name", ("industry__sort_order", "industry__name"), str),
    "kind": ("kind", None, ("kind",), lambda kind: _KIND_LABELS.get(kind, kind)),
}

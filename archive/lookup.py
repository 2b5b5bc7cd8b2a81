"""Finding honorees in the admin: by characters, full pinyin, initials or external id, withdrawn records included.

The search indexes hold public records only (see Honoree.get_indexed_objects), so the admin's choosers ask the
database directly. Plain LIKE comparisons over the name fields computed on save work the same on SQLite and
PostgreSQL and take a few milliseconds at 13,058 records.
"""

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Replace

from .models import Award, Honoree


def find_honorees(queryset: QuerySet, query: str) -> QuerySet:
    """Records matching `query`, best matches first: the exact name or id, then prefixes, then anywhere.

    `张国英`, `zhangguoying`, `zhang guoying`, `zgy` and `SYN-000123` all find 张国英.
    """
    text = "".join(query.split())
    if not text:
        return queryset
    letters = text.lower().replace("'", "")
    exact = Q(name=text) | Q(external_id__iexact=text)
    prefix = Q(name__startswith=text) | Q(external_id__istartswith=text)
    anywhere = Q(name__contains=text) | Q(external_id__icontains=text)
    if letters.isascii() and letters.isalpha():
        # name_pinyin holds "zhang guo ying": compare without the spaces, so typing them is optional.
        queryset = queryset.annotate(compact_pinyin=Replace("name_pinyin", Value(" "), Value("")))
        exact |= Q(compact_pinyin=letters) | Q(name_initials=letters)
        prefix |= Q(compact_pinyin__startswith=letters) | Q(name_initials__startswith=letters)
        anywhere |= Q(compact_pinyin__contains=letters)
    elif len(text) > 1:
        # A unit's name tells namesakes apart; a single character would match half the employers.
        anywhere |= Q(employer__contains=text)
    rank = Case(When(exact, then=Value(0)), When(prefix, then=Value(1)), default=Value(2), output_field=IntegerField())
    return (
        queryset.filter(exact | prefix | anywhere)
        .annotate(match_rank=rank)
        .order_by("match_rank", "stroke_key", "external_id")
    )


def with_chooser_details(queryset: QuerySet) -> QuerySet:
    """What a chooser row reads (district, honours with years), fetched in two queries for the whole page."""
    return queryset.select_related("district").prefetch_related(
        Prefetch("awards", queryset=Award.objects.select_related("honour"))
    )


def honours_summary(honoree: Honoree) -> str:
    """`1995 全国劳动模范；2000 北京市劳动模范` from prefetched awards."""
    return "；".join(f"{award.year or '年份待考'} {award.honour.name}" for award in honoree.awards.all())


def honoree_label(honoree: Honoree) -> str:
    """A name that tells namesakes apart wherever only one line fits: `丁玉（北京第一机床厂，BJ-0001）`."""
    details = "，".join(part for part in (honoree.employer, honoree.external_id) if part)
    return f"{honoree.name}（{details}）"

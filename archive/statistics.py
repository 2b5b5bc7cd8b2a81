"""Figures for the statistics page and API, drawn from live public records and cached per data version.

Real records only: synthetic ones (示例数据, generated to show the site at scale) are counted apart, in
"synthetic", so a visitor is told they exist and that no other figure includes them.

Labels are in the visitor's language (archive/labels.py) and cached per language; the API, whose addresses are
always Chinese, gets exactly the Chinese labels.
"""

from django.core.cache import cache
from django.db.models import Count, F
from django.utils.translation import gettext

from core.i18n import current_language

from . import labels
from .cache import versioned_key
from .models import Award, Honoree, Kind


def _rows(queryset, value_field, label=lambda value: value):
    return [
        {
            "label": label(row[value_field]) if row[value_field] not in (None, "") else str(labels.UNKNOWN),
            "count": row["n"],
        }
        for row in queryset
    ]


def compute_statistics() -> dict[str, list[dict]]:
    public = Honoree.objects.public().real()
    public_awards = Award.objects.filter(honoree__in=public.values("pk"))
    synthetic = Honoree.objects.public().filter(is_synthetic=True).count()
    return {
        "total": [{"label": gettext("公开条目"), "count": public.count()}],
        "synthetic": [{"label": gettext("示例数据（未计入）"), "count": synthetic}],
        "by_year": _rows(
            public_awards.exclude(year=None)
            .order_by()
            .values("year")
            .annotate(n=Count("honoree", distinct=True))
            .order_by("year"),
            "year",
            labels.year_label,
        ),
        "by_decade": _rows(
            public_awards.exclude(year=None)
            .annotate(decade=F("year") / 10 * 10)
            .order_by()
            .values("decade")
            .annotate(n=Count("honoree", distinct=True))
            .order_by("decade"),
            "decade",
            labels.decade_label,
        ),
        "by_honour": _rows(
            public_awards.order_by()
            .values("honour__name", "honour__sort_order")
            .annotate(n=Count("honoree", distinct=True))
            .order_by("honour__sort_order"),
            "honour__name",
            labels.name_in_language("honour"),
        ),
        "by_industry": _rows(
            public.order_by().values("industry__name").annotate(n=Count("pk")).order_by("-n", "industry__name"),
            "industry__name",
            labels.name_in_language("industry"),
        ),
        "by_district": _rows(
            public.order_by()
            .values("district__name", "district__sort_order")
            .annotate(n=Count("pk"))
            .order_by("district__sort_order"),
            "district__name",
            labels.name_in_language("district"),
        ),
        "by_gender": _rows(
            public.filter(kind=Kind.PERSON).order_by().values("gender").annotate(n=Count("pk")).order_by("gender"),
            "gender",
            lambda gender: labels.choice_label(labels.GENDER_LABELS, gender),
        ),
    }


def statistics() -> dict[str, list[dict]]:
    key = versioned_key("statistics", current_language())
    data = cache.get(key)
    if data is None:
        data = compute_statistics()
        cache.set(key, data, 60 * 60)
    return data

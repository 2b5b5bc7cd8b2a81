"""Facet counts for a set of matching honorees: honour, decade, district, industry, kind."""

from django.db.models import Count, F, QuerySet

from archive.models import Award, Kind


def search_facets(matching: QuerySet) -> dict[str, list[dict]]:
    ids = matching.order_by().values("pk")
    awards = Award.objects.filter(honoree__in=ids).order_by()
    honours = (
        awards.values("honour__slug", "honour__name", "honour__sort_order")
        .annotate(n=Count("honoree", distinct=True))
        .order_by("honour__sort_order")
    )
    decades = (
        awards.exclude(year=None)
        .annotate(decade=F("year") / 10 * 10)
        .values("decade")
        .annotate(n=Count("honoree", distinct=True))
        .order_by("decade")
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
    kind_labels = dict(Kind.choices)
    return {
        "honour": [{"value": r["honour__slug"], "label": r["honour__name"], "count": r["n"]} for r in honours],
        "decade": [{"value": str(r["decade"]), "label": f"{r['decade']}年代", "count": r["n"]} for r in decades],
        "district": [{"value": r["district__slug"], "label": r["district__name"], "count": r["n"]} for r in districts],
        "industry": [{"value": r["industry__slug"], "label": r["industry__name"], "count": r["n"]} for r in industries],
        "kind": [{"value": r["kind"], "label": kind_labels.get(r["kind"], r["kind"]), "count": r["n"]} for r in kinds],
    }

"""The films index: filter by theme, year and honoree, with counts, clean query strings and no JavaScript.

The films index page (models/film_index.py) calls it; it reads the films' own tables (models/films.py).

Films number in the hundreds at most (the source speaks of "近百名劳模微电影"), so the facet counts are
computed from three small queries instead of one GROUP BY per facet.
"""

from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from archive.models import Honoree
from core.facets import FilterLinks, facet_group
from core.fallback import original
from core.params import parse_int

from .films import FilmPage, FilmTheme
from .images import SiteImage

PAGE_SIZE = 12
PARAMS = ("theme", "year", "honoree")  # the order they appear in links


def year_label(year) -> str:
    return _("%(year)s年") % {"year": year}


def film_gallery(index, request) -> dict:
    films = FilmPage.objects.child_of(original(index)).live().public()
    errors = []

    # What the films are filed under: (film id, year), themes and public honorees.
    years = dict(films.values_list("pk", "year"))
    theme_links = list(
        FilmPage.themes.through.objects.filter(filmpage_id__in=years).values_list("filmpage_id", "filmtheme_id")
    )
    public = Honoree.objects.public()
    honoree_links = list(
        FilmPage.honorees.through.objects.filter(filmpage_id__in=years, honoree__in=public).values_list(
            "filmpage_id", "honoree_id"
        )
    )

    # The request's filters; unknown values are reported and ignored.
    themes = {theme.slug: theme for theme in FilmTheme.objects.all()}
    chosen = {"theme": "", "year": "", "honoree": ""}
    theme_value = request.GET.get("theme", "").strip()
    if theme_value:
        if theme_value in themes:
            chosen["theme"] = theme_value
        else:
            errors.append(_("没有名为“%(theme)s”的主题。") % {"theme": theme_value[:40]})
    year_value = request.GET.get("year", "").strip()
    if year_value:
        if len(year_value) == 4 and parse_int(year_value) is not None:
            chosen["year"] = year_value  # a year without films is an empty result, not an error
        else:
            errors.append(_("年份“%(year)s”应为四位数字，如 2020。") % {"year": year_value[:10]})
    honoree_value = request.GET.get("honoree", "").strip()
    honoree = None
    if honoree_value:
        # Ids are at most 40 characters (a NUL never gets here: core/middleware.py).
        honoree = public.filter(external_id=honoree_value).first() if len(honoree_value) <= 40 else None
        if honoree:
            chosen["honoree"] = honoree_value
        else:
            errors.append(_("没有编号为“%(id)s”的公开劳模条目。") % {"id": honoree_value[:40]})

    themes_of, honorees_of = {}, {}
    for film_id, theme_id in theme_links:
        themes_of.setdefault(film_id, set()).add(theme_id)
    for film_id, honoree_id in honoree_links:
        honorees_of.setdefault(film_id, set()).add(honoree_id)
    theme_id = themes[chosen["theme"]].pk if chosen["theme"] else None

    def matches(film_id: int, skip: str = "") -> bool:
        if skip != "theme" and theme_id and theme_id not in themes_of.get(film_id, ()):
            return False
        if skip != "year" and chosen["year"] and str(years[film_id]) != chosen["year"]:
            return False
        if skip != "honoree" and honoree and honoree.pk not in honorees_of.get(film_id, ()):
            return False
        return True

    links = FilterLinks(request.path, PARAMS, chosen)

    # Counts for each option, given the other filters (so every count is what clicking it shows).
    theme_counts = Counter(t for f, ts in themes_of.items() if matches(f, "theme") for t in ts)
    year_counts = Counter(y for f, y in years.items() if y and matches(f, "year"))
    honoree_counts = Counter(h for f, hs in honorees_of.items() if matches(f, "honoree") for h in hs)
    honoree_names = {h.pk: h for h in public.filter(pk__in=honoree_counts).in_dictionary_order()}

    facets = [
        facet_group(
            "theme",
            _("按主题"),
            [
                links.option("theme", t.slug, t.name, theme_counts[t.pk])
                for t in themes.values()
                if theme_counts[t.pk] or chosen["theme"] == t.slug
            ],
        ),
        facet_group(
            "year",
            _("按年份"),
            [links.option("year", str(y), year_label(y), year_counts[y]) for y in sorted(year_counts, reverse=True)],
        ),
        facet_group(
            "honoree",
            _("按片中劳模"),
            [links.option("honoree", h.external_id, h.name, honoree_counts[pk]) for pk, h in honoree_names.items()],
        ),
    ]
    chips = {
        "theme": chosen["theme"] and _("主题：%(theme)s") % {"theme": themes[chosen["theme"]].name},
        "year": chosen["year"] and _("年份：%(year)s") % {"year": year_label(chosen["year"])},
        "honoree": honoree and _("片中劳模：%(name)s") % {"name": honoree.name},
    }

    selected = [film_id for film_id in years if matches(film_id)]
    listing = (
        films.filter(pk__in=selected)
        .select_related("video")
        .prefetch_related(
            Prefetch("poster", queryset=SiteImage.objects.prefetch_related("renditions")),
            "themes",
            Prefetch("honorees", queryset=public.only("pk", "name", "external_id"), to_attr="public_honoree_list"),
        )
        .order_by("-year", "-first_published_at", "-pk")
    )
    page_obj = Paginator(listing, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "films": page_obj,
        "page_obj": page_obj,
        "total": len(selected),
        "facets": [facet for facet in facets if facet["options"]],
        "active_filters": links.chips(chips),
        "filter_errors": errors,
        "clear_url": request.path,
        "query_string": links.query(),
    }

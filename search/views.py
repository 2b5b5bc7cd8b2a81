"""The site-wide search page: honorees with facets, and tabs for exhibitions, stories, films and lessons."""

from dataclasses import replace
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext, gettext_lazy

from archive import labels
from archive.browse import parse_filters
from core.facets import FilterLinks, facet_group
from core.i18n import current_language, is_default_language, translate_path

from .engine import PAGE_KINDS, PAGE_SIZE, get_engine

FACET_LABELS = {
    "honour": gettext_lazy("荣誉"),
    "decade": gettext_lazy("年代"),
    "district": gettext_lazy("所属区"),
    "industry": gettext_lazy("行业"),
    "kind": gettext_lazy("类别"),
}
SEARCH_FILTERS = tuple(FACET_LABELS)
# The engine's kinds with their labels in the visitor's language (msgids are the engine's Chinese labels).
KIND_LABELS = {
    "exhibition": gettext_lazy("展览"),
    "story": gettext_lazy("故事"),
    "film": gettext_lazy("微电影"),
    "lesson": gettext_lazy("课堂"),
    "interview": gettext_lazy("口述史"),
    "page": gettext_lazy("其他页面"),
}
TABS = {"honorees": gettext_lazy("劳模"), **{kind: KIND_LABELS.get(kind, label) for kind, label in PAGE_KINDS.items()}}


class _CountedList:
    """Lets Paginator page through results whose total the engine already counted."""

    def __init__(self, items, count, offset):
        self.items, self.total, self.offset = items, count, offset

    def count(self):
        return self.total

    def __getitem__(self, window):
        return self.items[window.start - self.offset : window.stop - self.offset]


def _page_number(raw) -> int:
    raw = str(raw or "")
    # Length first: int() refuses (ValueError) digit strings longer than 4,300 characters.
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 and 0 < int(raw) <= 1000 else 1


def results(request):
    query = request.GET.get("q", "")[:200]
    tab = request.GET.get("tab", "honorees")
    tab = tab if tab in TABS else "honorees"
    page_number = _page_number(request.GET.get("page"))
    filters = parse_filters({name: request.GET.get(name, "") for name in SEARCH_FILTERS})
    engine = get_engine()
    context = {"search_query": query, "tab": tab, "tabs": TABS, "filter_errors": filters.errors}
    if query.strip():
        honorees = engine.search_honorees(
            query, filters, page=page_number if tab == "honorees" else 1, english=not is_default_language()
        )
        pages = engine.search_pages(
            query, kind="" if tab == "honorees" else tab, page=page_number if tab != "honorees" else 1
        )
        if not is_default_language():
            honorees, pages = _in_visitor_language(honorees, pages)
        tab_counts = {"honorees": honorees.count, **{kind: pages.counts_by_kind.get(kind, 0) for kind in PAGE_KINDS}}
        if tab == "honorees":
            result, hits = honorees, honorees.hits
        else:
            result, hits = pages, pages.hits
        offset = (result.page - 1) * result.page_size
        total = result.count
        page_obj = Paginator(_CountedList(hits, total, offset), PAGE_SIZE).get_page(page_number)
        active = filters.active
        links = FilterLinks("", SEARCH_FILTERS, active, keep=(("q", query),))
        context.update(
            tab_items=[
                {
                    "key": key,
                    "label": str(label),
                    "count": tab_counts[key],
                    "url": "?" + urlencode({"q": query, "tab": key}),
                }
                for key, label in TABS.items()
            ],
            tab_label=str(TABS[tab]),
            honorees=honorees,
            page_obj=page_obj,
            hits=hits,
            tab_counts=tab_counts,
            facets=_facet_links(links, honorees.facets) if tab == "honorees" else [],
            active_filters=_active_filter_links(links, honorees.facets),
            clear_url=links.cleared,
            query_string=urlencode({"q": query, "tab": tab, **active}),
            nothing_found=not any(tab_counts.values()),
        )
    return render(request, "search/results.html", context)


def _in_visitor_language(honorees, pages):
    """On the English site: links to English addresses, honours and facets by their English names.

    The engines answer in Chinese (their indexes hold the Chinese site's addresses and names), whatever the
    language; the page translates what it shows, on copies, so nothing an engine keeps is changed.
    """
    language = current_language()
    honour_names = labels.english_names("honour", "name")
    honorees = replace(
        honorees,
        hits=[
            replace(
                hit,
                url=translate_path(hit.url, language),
                honors=[{**honor, "honor": honour_names.get(honor["honor"], honor["honor"])} for honor in hit.honors],
            )
            for hit in honorees.hits
        ],
        did_you_mean=[{**item, "url": translate_path(item["url"], language)} for item in honorees.did_you_mean],
        facets={name: labels.facet_rows(name, rows) for name, rows in (honorees.facets or {}).items()},
    )
    pages = replace(pages, hits=[replace(hit, url=translate_path(hit.url, language)) for hit in pages.hits])
    return honorees, pages


def _facet_links(links: FilterLinks, facets: dict) -> list[dict]:
    return [
        facet_group(
            name, label, [{**row, **links.option(name, row["value"], row["label"], row["count"])} for row in rows]
        )
        for name, label in FACET_LABELS.items()
        if (rows := facets.get(name))
    ]


def _active_filter_links(links: FilterLinks, facets: dict) -> list[dict]:
    shown = {(name, row["value"]): row["label"] for name, rows in (facets or {}).items() for row in rows}
    return links.chips(
        {
            name: gettext("%(facet)s：%(value)s")
            % {"facet": FACET_LABELS.get(name, name), "value": shown.get((name, value), value)}
            for name, value in links.active.items()
        }
    )

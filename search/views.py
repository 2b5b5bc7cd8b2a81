"""The site-wide search page: honorees with facets, and tabs for exhibitions, stories, films and lessons."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from archive.browse import parse_filters

from .engine import PAGE_KINDS, PAGE_SIZE, get_engine

FACET_LABELS = {"honour": "荣誉", "decade": "年代", "district": "所属区", "industry": "行业", "kind": "类别"}
SEARCH_FILTERS = tuple(FACET_LABELS)
TABS = {"honorees": "劳模", **PAGE_KINDS}


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
    query = request.GET.get("q", "")[:200].replace("\x00", "")
    tab = request.GET.get("tab", "honorees")
    tab = tab if tab in TABS else "honorees"
    page_number = _page_number(request.GET.get("page"))
    filters = parse_filters({name: request.GET.get(name, "") for name in SEARCH_FILTERS})
    engine = get_engine()
    context = {"search_query": query, "tab": tab, "tabs": TABS, "filter_errors": filters.errors}
    if query.strip():
        honorees = engine.search_honorees(query, filters, page=page_number if tab == "honorees" else 1)
        pages = engine.search_pages(
            query, kind="" if tab == "honorees" else tab, page=page_number if tab != "honorees" else 1
        )
        tab_counts = {"honorees": honorees.count, **{kind: pages.counts_by_kind.get(kind, 0) for kind in PAGE_KINDS}}
        if tab == "honorees":
            result, hits = honorees, honorees.hits
        else:
            result, hits = pages, pages.hits
        offset = (result.page - 1) * result.page_size
        total = result.count
        page_obj = Paginator(_CountedList(hits, total, offset), PAGE_SIZE).get_page(page_number)
        active = filters.active
        context.update(
            tab_items=[
                {"key": key, "label": label, "count": tab_counts[key], "url": "?" + urlencode({"q": query, "tab": key})}
                for key, label in TABS.items()
            ],
            tab_label=TABS[tab],
            honorees=honorees,
            page_obj=page_obj,
            hits=hits,
            tab_counts=tab_counts,
            facets=_facet_links(query, active, honorees.facets) if tab == "honorees" else [],
            active_filters=_active_filter_links(query, active, honorees.facets),
            query_string=urlencode({"q": query, "tab": tab, **active}),
            nothing_found=not any(tab_counts.values()),
        )
    return render(request, "search/results.html", context)


def _url(query: str, filters: dict) -> str:
    return "?" + urlencode({"q": query, **filters})


def _facet_links(query: str, active: dict, facets: dict) -> list[dict]:
    groups = []
    for name, label in FACET_LABELS.items():
        values = facets.get(name) or []
        if not values:
            continue
        items = []
        for value in values:
            selected = active.get(name) == value["value"]
            toggled = {k: v for k, v in active.items() if k != name}
            if not selected:
                toggled[name] = value["value"]
            items.append({**value, "selected": selected, "url": _url(query, toggled)})
        groups.append({"name": name, "label": label, "items": items})
    return groups


def _active_filter_links(query: str, active: dict, facets: dict) -> list[dict]:
    labels = {(name, v["value"]): v["label"] for name, values in (facets or {}).items() for v in values}
    return [
        {
            "label": f"{FACET_LABELS.get(name, name)}：{labels.get((name, value), value)}",
            "remove_url": _url(query, {k: v for k, v in active.items() if k != name}),
        }
        for name, value in active.items()
    ]

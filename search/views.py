"""The site-wide search page."""

import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

from archive.models import Honoree

MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    """Keep letters, digits and spaces only, capped in length: search text is data, never query syntax."""
    cleaned = re.sub(r"[^\w\s]|_", " ", raw)
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def results(request):
    query = clean_query(request.GET.get("q", ""))
    honorees, pages = [], []
    if query:
        honorees = list(Honoree.objects.public().select_related("district").search(query, operator="or")[:20])
        pages = Paginator(Page.objects.live().public().specific().search(query, operator="or"), 20).get_page(
            request.GET.get("page")
        )
    return render(
        request,
        "search/results.html",
        {"search_query": query, "honorees": honorees, "pages": pages, "query_string": urlencode({"q": query})},
    )

"""The search box (and on phones the 搜索 button) in every page's header, with its stylesheet and suggestion script (laomo/page_parts.py)."""

from wagtail import hooks

from core.page_parts import PageParts


@hooks.register("laomo_page_parts")
def page_parts():
    return PageParts(
        order=10,
        stylesheets=("search/search.css",),
        scripts=("search/suggest.js",),
        templates={
            "header_buttons": ("search/page/header_search_button.html",),
            "header_tools": ("search/page/header_search.html",),
        },
    )

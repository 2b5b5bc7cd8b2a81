"""Template tags for the two languages of the site.

{% load laomo_i18n %}
{% html_lang %}                         the active language as HTML spells it (zh-Hans, en)
{% lang_attr "zh-hans" %}               ` lang="zh-Hans"` when text in that language sits on a page in another
{% page_lang_attr page %}               the same for a page's content, in whatever language the page is
{{ name|in_language:"zh-hans" }}        the text, in <span lang="zh-Hans"> on a page in another language
{{ image.credit|han_marked }}          the same for text of unknown language, when it holds Han characters
{% og_locale %}                         og:locale for the active language (zh_CN, en_GB)
<input …{% suggest_attrs %}>            a search box with name suggestions, in the visitor's language
{% language_links as links %}           the same content in each language (switch and <link rel="alternate">)
{% untranslated_page as fallback %}     true when the page being served stands in for a missing translation
{% localized_pageurl page %}            a link to `page` that keeps the visitor in their language
{% localized_page page as shown %}      the page in the visitor's language where it has been translated
"""

import re

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from wagtail.models import Page

from core import fallback
from core.i18n import (
    OPEN_GRAPH_LOCALES,
    SWITCH_LABELS,
    bcp47,
    current_language,
    home_url,
    is_default_language,
    translate_path,
)

register = template.Library()
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@register.simple_tag
def html_lang() -> str:
    return bcp47(current_language())


@register.simple_tag
def lang_attr(language: str) -> str:
    if language == current_language():
        return ""
    return format_html(' lang="{}"', bcp47(language))


@register.filter
def in_language(text, language: str) -> str:
    """`text` as it is, or inside <span lang="…"> when the page is in another language (a Chinese name on
    the English site); so the Chinese site's markup stays exactly as it was."""
    if language == current_language():
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', bcp47(language), text)


@register.filter
def han_marked(text) -> str:
    """Text an editor wrote in whichever language (a picture's credit, a place): marked as Chinese on a page in
    another language when it holds Han characters, so an English page names the language of what it shows."""
    if text and not is_default_language() and HAN.search(str(text)):
        return format_html('<span lang="{}">{}</span>', bcp47(settings.LANGUAGE_CODE), text)
    return conditional_escape(text)


@register.simple_tag
def suggest_attrs() -> str:
    """`data-suggest` for a search box (search/static/search/suggest.js), with what the script shows and where
    its links go on a site in another language; the script's defaults are the Chinese site's."""
    if is_default_language():
        return mark_safe(" data-suggest")
    return format_html(
        ' data-suggest data-suggest-label="{}" data-suggest-synthetic="{}" data-suggest-prefix="{}"',
        gettext("姓名提示"),
        gettext("示例数据"),
        home_url().rstrip("/"),
    )


@register.simple_tag
def og_locale() -> str:
    return OPEN_GRAPH_LOCALES.get(current_language(), "zh_CN")


@register.simple_tag
def page_lang_attr(page) -> str:
    """` lang="…"` for a page's content shown where the visitor reads another language (a fallback page)."""
    if not isinstance(page, Page):
        return ""
    return lang_attr(fallback.language_of(page))


@register.simple_tag(takes_context=True)
def untranslated_page(context) -> bool:
    """Whether the page being served stands in for a missing translation (other views never do)."""
    request = context.get("request")
    return fallback.is_untranslated(fallback.served_page(request)) if request else False


@register.simple_tag
def localized_page(page):
    """`page`, or its live translation into the visitor's language (a Chinese page listed on the English site)."""
    return fallback.localized_pages([page])[0] if isinstance(page, Page) else page


@register.simple_tag(takes_context=True)
def localized_pageurl(context, page) -> str:
    return fallback.localized_url(page, context.get("request"))


def _in_language(request, language: str, page) -> str:
    """This request's content at `language`'s address: a page's own translation where it has one (keeping a
    routable page's sub-path, e.g. a story index's month), otherwise the same path with or without /en/."""
    full_path = request.get_full_path()
    if page is not None:
        urls = fallback.translation_urls(page)
        target = urls.get(language)
        if target:
            current = current_language()
            served = urls.get(current) or translate_path(page.get_url(request) or "", current)
            rest = request.path[len(served) :] if served and request.path.startswith(served) else ""
            query = request.META.get("QUERY_STRING", "")
            return f"{target}{rest}{'?' + query if query else ''}"
    translated = translate_path(full_path, language)
    # An address no view answers (a 404 page) cannot be translated: offer that language's home instead.
    return translated if translated != full_path else home_url(language)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per language: where this content is in it, and whether it is the language being read."""
    request = context.get("request")
    if request is None:
        return []
    current = current_language()
    page = fallback.served_page(request)
    links = []
    for language, _name in settings.LANGUAGES:
        url = request.get_full_path() if language == current else _in_language(request, language, page)
        links.append(
            {
                "code": language,
                "lang": bcp47(language),
                "label": SWITCH_LABELS.get(language, language),
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": language == current,
            }
        )
    return links

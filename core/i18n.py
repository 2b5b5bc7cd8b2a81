"""Languages of the public site: Chinese at /…, English at /en/… (i18n_patterns in laomo/urls.py).

Small helpers every app can use without touching models: which language the visitor reads, how HTML spells it,
and the same address in the other language. Wagtail pages and their translations are in core/fallback.py.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

# What the language switch says, each in its own language.
SWITCH_LABELS = {"zh-hans": "中文", "en": "English"}
# og:locale wants a territory; the English text follows British spelling.
OPEN_GRAPH_LOCALES = {"zh-hans": "zh_CN", "en": "en_GB"}


def current_language() -> str:
    # None after translation.deactivate_all() (management commands may do that): the site's language then.
    return translation.get_language() or settings.LANGUAGE_CODE


def is_default_language(language: str | None = None) -> bool:
    return (language or current_language()) == settings.LANGUAGE_CODE


def bcp47(language: str) -> str:
    """Django's code in the case HTML's lang and hreflang use: zh-hans → zh-Hans, en-gb → en-GB."""
    first, *rest = language.split("-")
    subtags = [first.lower()]
    for part in rest:
        subtags.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part.lower())
    return "-".join(subtags)


def language_of_path(path: str) -> str:
    """The language an address of this site is in: its /en/ prefix, or Chinese without one."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def translate_path(url: str, language: str) -> str:
    """The same view at `language`'s address (/dictionary/x/ ↔ /en/dictionary/x/), query and fragment kept.

    Addresses that are not ours, or lie outside i18n_patterns (/api/, /admin/), come back unchanged.
    """
    source = language_of_path(urlsplit(url).path)
    if source == language:
        return url
    # translate_url resolves in the active language, so resolve in the address's own.
    with translation.override(source):
        return translate_url(url, language)


def home_url(language: str | None = None) -> str:
    with translation.override(language or current_language()):
        return reverse("wagtail_serve", args=[""])

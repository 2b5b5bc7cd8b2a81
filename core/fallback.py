"""Wagtail pages in the visitor's language, and the Chinese page standing in where no translation exists.

Pages are translated with Wagtail's locales: an editor's 翻译 copies a Chinese page into the English tree.
Most pages will never be translated, so under /en/ a path that the English tree cannot answer is routed through
the Chinese tree instead (route(), used by laomo.views.serve), and the Chinese page is served with a note
(base.html). A page that exists in English is always served in English, even at its Chinese page's address.
Aliases that Wagtail creates in the English tree to hold a translated page's parents (copy_parents) are
stand-ins too: their content is the Chinese page's, so the Chinese page is served in their place.

Lookups are cached under the pages' version (core/pagecache.py), which every publish, unpublish, move and
delete bumps: after the first view, a page's translations cost no query at all.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import Http404

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from .i18n import current_language, is_default_language, translate_path
from .pagecache import bump_pages_version, pages_version

LOCALES_CACHE_KEY = "laomo:locale-ids"


def locale_ids() -> dict[str, int]:
    """Language code → Locale id. Every page asks and locales almost never change, so it lives in the cache,
    under the pages' version: a locale added or removed in any process changes which pages are served."""
    key = f"{LOCALES_CACHE_KEY}:{pages_version()}"
    ids = cache.get(key)
    if ids is None:
        ids = dict(Locale.all_objects.values_list("language_code", "pk"))
        cache.set(key, ids, 60 * 60)
    return ids


def forget_locales(**kwargs) -> None:
    bump_pages_version()


def connect() -> None:
    post_save.connect(forget_locales, sender=Locale, dispatch_uid="laomo-locales-saved")
    post_delete.connect(forget_locales, sender=Locale, dispatch_uid="laomo-locales-deleted")


def locale_id(language: str | None = None) -> int | None:
    try:
        code = get_supported_content_language_variant(language or current_language())
    except LookupError:
        return None
    return locale_ids().get(code)


def originals(pages):
    """Only the Chinese originals of a page queryset. An editor's English copy is the same work: lists and
    lookups by slug (a copy keeps its original's slug) must see each page once, and /en/ swaps in the copy."""
    return pages.filter(locale_id=locale_id(settings.LANGUAGE_CODE))


def original(page: Page) -> Page:
    """The Chinese original of a translated page, or the page itself. A translated index page lists what its
    original holds, so a page below it is listed whether or not it has been translated yet (and swapped for its
    translation where it has one: localized_pages)."""
    default = locale_id(settings.LANGUAGE_CODE)
    if page.locale_id == default:
        return page
    return Page.objects.filter(translation_key=page.translation_key, locale_id=default).first() or page


def language_of(page: Page) -> str:
    """The language of a page's content."""
    for code, pk in locale_ids().items():
        if pk == page.locale_id:
            return code
    return settings.LANGUAGE_CODE


def _translations(page: Page) -> dict[str, dict]:
    """Language → {"id", "url", "alias"} of each live translation of `page`, itself included."""
    key = f"laomo:translations:{pages_version()}:{page.translation_key}"
    found = cache.get(key)
    if found is None:
        translations = Page.objects.filter(translation_key=page.translation_key, live=True).select_related("locale")
        found = {}
        # A real translation wins over an alias in the same locale (there is normally only one of either).
        for translated in sorted(translations, key=lambda translated: translated.alias_of_id is None):
            found[translated.locale.language_code] = {
                "id": translated.pk,
                "url": translated.get_url() or "",
                "alias": translated.alias_of_id is not None,
            }
        cache.set(key, found, 60 * 60)
    return found


def translation_urls(page: Page) -> dict[str, str]:
    """Language → URL of each live translation of `page` with its own content (itself included)."""
    return {
        language: found["url"] for language, found in _translations(page).items() if found["url"] and not found["alias"]
    }


def served_page(request) -> Page | None:
    """The Wagtail page this request is serving (laomo.views.serve routed it), or None for any other view."""
    found = getattr(request, "_wagtail_route_for_request", None)
    return found[0] if found else None


def is_untranslated(page) -> bool:
    """True when `page` is shown in place of a translation into the visitor's language (its content is not)."""
    if not isinstance(page, Page) or page.pk is None or is_default_language():
        return False
    return page.locale_id != locale_id()


def localized_url(page: Page, request=None) -> str:
    """Where a link to `page` goes for this visitor: its translation, or the page itself at this language's address.

    Under /en/ an untranslated Chinese page is linked at /en/<its path>, so the visitor stays on the English site
    (the page is served with the fallback note); on the Chinese site this is just page.get_url().
    """
    if page.locale_id == locale_id():
        return page.get_url(request) or ""
    language = current_language()
    urls = translation_urls(page)
    if language in urls:
        return urls[language]
    url = page.get_url(request)
    return translate_path(url, language) if url else ""


def localized_pages(pages: list[Page]) -> list[Page]:
    """Chinese pages for a list, each swapped for its live English translation where there is one (one query)."""
    if is_default_language() or not pages:
        return list(pages)
    active = locale_id()
    translated = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=[page.translation_key for page in pages],
            locale_id=active,
            live=True,
            alias_of__isnull=True,
        ).specific()
    }
    return [translated.get(page.translation_key, page) for page in pages]


def _translation_id(page: Page, language: str, aliases: bool = False) -> int | None:
    found = _translations(page).get(language)
    return found["id"] if found and (aliases or not found["alias"]) else None


def _is_stand_in(page: Page) -> bool:
    """An alias in this locale of a page in another locale: Wagtail's placeholder for an untranslated parent."""
    if page.alias_of_id is None:
        return False
    return not Page.objects.filter(pk=page.alias_of_id, locale_id=page.locale_id).exists()


def route(request, path: str):
    """(page, args, kwargs) for a path in the visitor's language, or None: Wagtail's routing plus the fallback."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    root = site.root_page
    language = current_language()
    if not is_default_language(language):
        # The English tree, when there is one: its home may itself be an alias holding translated pages below.
        translated_root = _translation_id(root, language, aliases=True)
        if translated_root:
            try:
                result = Page.objects.get(pk=translated_root).specific.route(request, components)
            except (Http404, Page.DoesNotExist):
                result = None
            if result is not None and not _is_stand_in(result[0]):
                return result
    try:
        page, args, kwargs = root.specific.route(request, components)
    except Http404:
        return None
    if not is_default_language(language):
        # Reached by its Chinese address, but translated after all (its English slug may differ): serve that.
        translated = _translation_id(page, language)
        if translated:
            page = Page.objects.get(pk=translated).specific
    return page, args, kwargs

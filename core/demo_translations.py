"""English copies of demo pages, made as an editor's 翻译 makes them (docs/translation.md).

load_demo and each app's demo content call english_copy() right after the Chinese page exists, parents first, so
a newcomer's `make run` shows an English site. It only ever adds: an English page that is already there, an
editor's or an earlier run's, live or draft, is left exactly as it is.
"""

from django.conf import settings

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page

ENGLISH = "en"


def english_copy(page: Page, **fields) -> Page | None:
    """Publish `page`'s English translation with the English `fields`, unless it has one already.

    Like the admin's 翻译: copy_for_translation into the English locale (its parents copied as aliases where they
    have no translation yet), English text, published. A stand-in alias that Wagtail made for a translated child
    holds no English of its own, so it becomes the translation. Returns the new translation, or None when an
    English page was kept (or settings.LAOMO_DEMO_ENGLISH is off, or there is no English locale)."""
    locale = Locale.objects.filter(language_code=ENGLISH).first()
    if locale is None or not settings.LAOMO_DEMO_ENGLISH:
        return None
    existing = page.get_translation_or_none(locale)
    if existing is not None and existing.alias_of_id is None:
        return None
    if existing is not None:
        ConvertAliasPageAction(existing).execute(skip_permission_checks=True)
        translated = Page.objects.get(pk=existing.pk).specific
    else:
        translated = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated

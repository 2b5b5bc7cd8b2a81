from django import template
from django.conf import settings
from django.utils.translation import gettext

from laomo.fallback import localized_pages, localized_url
from laomo.i18n import bcp47, is_default_language

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(page=None):
    """Breadcrumbs from the home page down to `page`, in the visitor's language where pages are translated."""
    crumbs = []
    if page is not None:
        ancestors = list(page.get_ancestors(inclusive=True).filter(depth__gte=2).specific(defer=True))
        for original, shown in zip(ancestors, localized_pages(ancestors), strict=True):
            # Titles of untranslated pages on the English site stay Chinese, and are marked so.
            untranslated = not is_default_language() and shown is original
            crumbs.append(
                {
                    "title": gettext("首页") if original.depth == 2 else shown.title,
                    "url": localized_url(shown),
                    "lang": bcp47(settings.LANGUAGE_CODE) if untranslated and original.depth != 2 else "",
                }
            )
    return {"crumbs": crumbs}

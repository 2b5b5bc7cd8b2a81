from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core import page_parts
from core.fallback import localized_pages, localized_url
from core.i18n import bcp47, is_default_language

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


@register.simple_tag
def page_stylesheets():
    """The apps' stylesheets (laomo/page_parts.py), after the site's own."""
    return format_html_join(
        "\n  ", '<link rel="stylesheet" href="{}">', ((static(p),) for p in page_parts.stylesheets())
    )


@register.simple_tag
def page_scripts():
    """The apps' scripts (laomo/page_parts.py), deferred, after the site's own."""
    return format_html_join("\n  ", '<script src="{}" defer></script>', ((static(p),) for p in page_parts.scripts()))


@register.simple_tag(takes_context=True)
def page_part(context, place: str):
    """The apps' templates for this place of the page (laomo/page_parts.py), each with the page's context."""
    engine = context.template.engine
    return mark_safe("".join(engine.get_template(name).render(context) for name in page_parts.templates(place)))

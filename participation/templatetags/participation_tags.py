"""Template tags other pages use for sharing and corrections.

{% load participation_tags %}
{% share_panel page %}                       a Wagtail page: its URL and title
{% share_panel url title short_url=… %}      any URL of this site
{% correction_link page %}                   "纠错/补充" for a page
{% correction_link page place="第3块石碑" %}   … for a place on it
{% correction_link wall place=… name=编号 panel=N %}   … for a name's place on a name wall
{% share_meta %}                             default Open Graph tags (base.html's meta block)
{% share_page_meta %}                        og:url, og:locale and og:image for pages writing their other tags
"""

import hashlib
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.fallback import localized_url
from core.origin import absolute_url
from core.qr import qr_svg
from core.templatetags.laomo_i18n import og_locale

from ..share import best_share_image, default_share_image
from ..urlnames import correction_url, public_url

register = template.Library()


@register.simple_tag(takes_context=True)
def share_panel(context, target, title="", short_url="", card_url=""):
    """The share panel: the page's QR code (drawn here), its link with a copy button, and the short URL if any."""
    request = context.get("request")
    if request is None or not public_url("qr"):
        return ""
    # On the public origin, not this request's host: the link and QR code are copied, printed and passed on.
    if isinstance(target, Page):
        title = title or target.title
        url = absolute_url(localized_url(target, request) or request.path)
    else:
        url = absolute_url(str(target))
    if short_url:
        short_url = absolute_url(short_url)
    context_data = {
        "url": url,
        "title": title,
        "short_url": short_url,
        "short_label": short_url.split("://", 1)[-1] if short_url else "",
        "qr": qr_svg(url, _("%(title)s的网页二维码") % {"title": title} if title else ""),
        "qr_download_url": f"{public_url('qr')}?{urlencode({'url': url})}",
        "card_url": card_url,
        "panel_id": "share-" + hashlib.sha256(url.encode()).hexdigest()[:8],
    }
    return render_to_string("participation/share_panel.html", context_data, request=request)


@register.simple_tag
def correction_link(target, place="", label="", name="", panel=None):
    """A link to the 纠错/补充 form about an entry, a page, a place on a page, or a name's place on a wall."""
    url = correction_url(target, place, name=name, panel=panel)
    if not url:
        return ""
    return format_html('<a class="correction-link" href="{}" rel="nofollow">{}</a>', url, label or _("纠错/补充"))


def _image_tags(image) -> str:
    return format_html(
        '<meta property="og:image" content="{}">\n  <meta property="og:image:width" content="{}">\n'
        '  <meta property="og:image:height" content="{}">\n  <meta property="og:image:alt" content="{}">',
        image.url,
        image.width,
        image.height,
        image.alt,
    )


def _previewing(context) -> bool:
    """A preview: the honoree's (its context says so) or a page's (Wagtail marks the request).

    A page preview's request carries the Wagtail Site's host, not the admin's, so its absolute image URLs would
    point at another origin, which the admin's policy (img-src 'self') blocks."""
    return bool(context.get("is_preview") or getattr(context.get("request"), "is_preview", False))


def _page_url(request, page) -> str:
    """The page's absolute address in the visitor's language (its translation, or /en/… on the English site), on
    the site's public origin (LAOMO_SITE_URL or the Site record), as the share panel writes it."""
    return absolute_url(localized_url(page, request) or request.path)


@register.simple_tag(takes_context=True)
def share_meta(context):
    """Open Graph tags for a page that writes none of its own: title, description, URL and a ≥300 px image."""
    request = context.get("request")
    if request is None or _previewing(context):
        return ""
    page = context.get("page")
    if isinstance(page, Page):
        title = page.seo_title or page.title
        description = page.search_description or ""
        url = _page_url(request, page)
    else:
        title, description, url = "", "", absolute_url(request.path)
    site = _(settings.WAGTAIL_SITE_NAME)  # the site's name has its translation in the catalogues
    tags = format_html(
        '<meta property="og:type" content="website">\n  <meta property="og:site_name" content="{}">\n'
        '  <meta property="og:locale" content="{}">\n  <meta property="og:title" content="{}">\n'
        '  <meta property="og:url" content="{}">\n',
        site,
        og_locale(),
        f"{title} · {site}" if title and title != site else site,
        url,
    )
    if description:
        tags = format_html('{}  <meta property="og:description" content="{}">\n', tags, description)
    return format_html("{}  {}", tags, _image_tags(best_share_image(context)))


@register.simple_tag(takes_context=True)
def share_page_meta(context):
    """og:url, og:locale and the ≥300 px og:image, for pages that write their own type, title and description
    (films): the page's ``share_image`` when big enough, otherwise the site's share image."""
    request = context.get("request")
    page = context.get("page")
    if request is None or _previewing(context) or not isinstance(page, Page):
        return ""
    return format_html(
        '<meta property="og:url" content="{}">\n  <meta property="og:locale" content="{}">\n  {}',
        _page_url(request, page),
        og_locale(),
        _image_tags(best_share_image(context)),
    )


@register.simple_tag(takes_context=True)
def share_image_fallback(context):
    """The site's share image for views that write their own Open Graph tags but had no picture to offer.

    Such views (the dictionary entry) put ``og_image_url`` in the context; when it is empty this adds the default.
    """
    if "og_image_url" not in context or context.get("og_image_url") or _previewing(context):
        return ""
    if not context.get("canonical_url"):
        return ""
    return _image_tags(default_share_image(context.get("request")))


@register.simple_tag(takes_context=True)
def wechat_share_image(context):
    """WeChat's in-app browser shares the first picture of at least 300×300 px on the page: put the right one first."""
    if context.get("request") is None or _previewing(context):
        return ""
    image = best_share_image(context)
    return format_html(
        '<div class="wechat-share-image" hidden><img src="{}" width="{}" height="{}" alt=""></div>',
        image.url,
        image.width,
        image.height,
    )

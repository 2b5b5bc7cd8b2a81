"""Template tags for pictures and films, usable by any app: `{% load media_tags %}`.

    {% responsive_image page.cover sizes="(max-width: 760px) 100vw, 760px" ratio="16:9" %}
    {% responsive_image image widths="240,480" sizes="240px" alt="" class="thumb" loading="eager" %}

`ratio` crops around the image's focal point (fill-…); without it the image keeps its shape (width-…).
`alt` defaults to the image's description (its title when there is none); alt="" marks it decorative.

    {% zoom_link item.image alt=item.alt caption=item.caption credit=item.image.credit ratio="4:3" widths="240,480" %}

A picture (or `text`) that opens larger in the lightbox, inside any element marked `data-gallery` whose words come
from `{% include "media/includes/lightbox_words.html" %}`; `media/includes/lightbox_assets.html` brings the script.
"""

from django import template

from ..images import DEFAULT_WIDTHS, lightbox_attrs, render_picture
from ..timecodes import format_clock

register = template.Library()


@register.simple_tag
def responsive_image(image, sizes="100vw", ratio="", widths=DEFAULT_WIDTHS, **attrs):
    return render_picture(image, sizes=sizes, ratio=ratio, widths=widths, **attrs)


@register.inclusion_tag("media/includes/zoom_link.html")
def zoom_link(image, alt="", caption="", credit="", text="", sizes="100vw", ratio="", widths=DEFAULT_WIDTHS):
    """A link to the large picture (so it opens without JavaScript too) that lightbox.js opens in place, with the
    lighter candidates it offers a phone. A zoomed picture is never decorative: without `alt` it takes the image's
    own description."""
    if not image:
        return {}
    return {
        "image": image,
        "large": lightbox_attrs(image),
        "alt": alt or image.alt,
        "caption": " · ".join(part for part in (caption, credit) if part),
        "text": text,
        "picture": {"sizes": sizes, "ratio": ratio, "widths": widths},
    }


@register.filter
def clock(seconds) -> str:
    """75 → "01:15"."""
    try:
        return format_clock(float(seconds))
    except (TypeError, ValueError):
        return ""

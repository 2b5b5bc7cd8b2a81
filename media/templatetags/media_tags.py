"""Template tags for pictures and films, usable by any app: `{% load media_tags %}`.

    {% responsive_image page.cover sizes="(max-width: 760px) 100vw, 760px" ratio="16:9" %}
    {% responsive_image image widths="240,480" sizes="240px" alt="" class="thumb" loading="eager" %}

`ratio` crops around the image's focal point (fill-…); without it the image keeps its shape (width-…).
`alt` defaults to the image's description (its title when there is none); alt="" marks it decorative.
"""

from django import template

from ..images import DEFAULT_WIDTHS, lightbox_attrs, render_picture
from ..timecodes import format_clock

register = template.Library()


@register.simple_tag
def responsive_image(image, sizes="100vw", ratio="", widths=DEFAULT_WIDTHS, **attrs):
    return render_picture(image, sizes=sizes, ratio=ratio, widths=widths, **attrs)


@register.simple_tag
def lightbox_link_attrs(image):
    """The large JPEG a gallery link opens without JavaScript, and the WebP candidates the lightbox uses."""
    return lightbox_attrs(image) if image else {}


@register.filter
def clock(seconds) -> str:
    """75 → "01:15"."""
    try:
        return format_clock(float(seconds))
    except (TypeError, ValueError):
        return ""

"""Responsive pictures: one <picture> with AVIF (when Pillow can write it), WebP and a JPEG fallback.

Every candidate is a Wagtail rendition, so focal points are respected by `fill-` crops and renditions are
cached. Widths larger than the original are dropped rather than upscaled. Used by the `responsive_image`
template tag (media/templatetags/media_tags.py), which any app may use.
"""

from functools import lru_cache

from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from PIL import features

DEFAULT_WIDTHS = (320, 480, 640, 960, 1280)
QUALITY = {"avif": "avifquality-55", "webp": "webpquality-75", "jpeg": "jpegquality-80", "png": ""}
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}


@lru_cache(maxsize=1)
def avif_supported() -> bool:
    return bool(features.check("avif"))


def source_formats(image) -> list[str]:
    """Formats in the order browsers should try them; the last one is the fallback every browser reads."""
    name = (image.file.name or "").lower()
    fallback = "png" if name.endswith((".png", ".gif")) else "jpeg"
    modern = ["avif", "webp"] if avif_supported() else ["webp"]
    return [*modern, fallback]


def parse_ratio(ratio: str) -> tuple[int, int] | None:
    if not ratio:
        return None
    try:
        width, height = (int(part) for part in ratio.replace("/", ":").split(":"))
    except ValueError as error:
        raise ValueError(f"ratio should look like 16:9, got {ratio!r}") from error
    if width <= 0 or height <= 0:
        raise ValueError(f"ratio should be positive, got {ratio!r}")
    return width, height


def parse_widths(widths) -> list[int]:
    if isinstance(widths, str):
        widths = [part for part in widths.replace(" ", "").split(",") if part]
    return sorted({int(width) for width in widths})


def candidate_specs(image, widths, ratio: tuple[int, int] | None) -> list[str]:
    """Resize specs (without format), smallest first; none wider than the original image."""
    usable = [width for width in widths if width <= image.width] or [min(min(widths), image.width)]
    if ratio is None:
        return [f"width-{width}" for width in usable]
    rw, rh = ratio
    return [f"fill-{width}x{max(1, round(width * rh / rw))}" for width in usable]


def render_picture(image, sizes: str = "100vw", ratio: str = "", widths=DEFAULT_WIDTHS, **attrs) -> SafeString:
    """<picture> with one <source> per modern format and an <img> fallback with width, height and lazy loading."""
    if not image:
        return mark_safe("")
    specs = candidate_specs(image, parse_widths(widths), parse_ratio(ratio))
    formats = source_formats(image)
    full_specs = {
        (fmt, spec): "|".join(part for part in (spec, f"format-{fmt}", QUALITY[fmt]) if part)
        for fmt in formats
        for spec in specs
    }
    renditions = image.get_renditions(*full_specs.values())

    def candidates(fmt: str) -> list:
        """One rendition per distinct width (a small original gives equal renditions for several widths)."""
        return list({r.width: r for r in (renditions[full_specs[(fmt, spec)]] for spec in specs)}.values())

    def srcset(items: list) -> str:
        return ", ".join(f"{r.url} {r.width}w" for r in items)

    sources = [
        format_html("<source{}>", flatatt({"type": MIME[fmt], "srcset": srcset(candidates(fmt)), "sizes": sizes}))
        for fmt in formats[:-1]
    ]
    fallbacks = candidates(formats[-1])
    # `src` is for browsers without srcset: a middling picture, not the largest.
    fallback = max((r for r in fallbacks if r.width <= 640), key=lambda r: r.width, default=fallbacks[0])
    alt = attrs.pop("alt", None)
    img_attrs = {
        "src": fallback.url,
        "srcset": srcset(fallbacks),
        "sizes": sizes,
        "width": fallback.width,
        "height": fallback.height,
        "alt": image.alt if alt is None else alt,
        "loading": attrs.pop("loading", "lazy"),
        "decoding": attrs.pop("decoding", "async"),
    }
    img_attrs.update({key: value for key, value in attrs.items() if value not in (None, "")})
    if img_attrs["loading"] == "eager":
        del img_attrs["loading"]
    return format_html("<picture>{}<img{}></picture>", mark_safe("".join(sources)), flatatt(img_attrs))


def lightbox_attrs(image) -> dict:
    """What a gallery link needs: the large picture it opens without JavaScript (WebP, no upscaling) and a
    lighter candidate the lightbox offers a phone instead of the 1600-pixel one."""
    specs = [f"max-{size}x{size}|format-webp|webpquality-75" for size in (800, 1600)]
    renditions = image.get_renditions(*specs)
    seen, candidates = set(), []
    for rendition in renditions.values():
        if rendition.width not in seen:
            seen.add(rendition.width)
            candidates.append(f"{rendition.url} {rendition.width}w")
    large = renditions[specs[-1]]
    return {"href": large.url, "srcset": ", ".join(candidates), "width": large.width, "height": large.height}

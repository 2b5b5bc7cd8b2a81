"""QR codes drawn on our own server (the ``qrcode`` package), as small SVG: no outside service sees our visitors.

The SVG is one path of unit squares on a grid with the standard four-module quiet zone, so it scales to any
print size without blurring. Results are cached by URL.
"""

import hashlib

from django.core.cache import cache
from django.utils.html import escape
from django.utils.translation import gettext

import qrcode
import qrcode.constants

CACHE_SECONDS = 60 * 60 * 24
BORDER = 4  # the quiet zone scanners need around the code
# M recovers from about 15% damage: a printed card or a weathered plaque still scans.
ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M


def qr_matrix(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION, border=BORDER)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def matrix_path(matrix: list[list[bool]]) -> str:
    """SVG path data: one rectangle per horizontal run of dark modules."""
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start},{y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return "".join(parts)


def qr_svg(data: str, label: str = "") -> str:
    """An inline-ready <svg> of the QR code for ``data`` (no XML declaration), labelled for screen readers."""
    label = label or gettext("二维码：%(url)s") % {"url": data}
    key = "laomo:qr:" + hashlib.sha256(f"{data}\n{label}".encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        matrix = qr_matrix(data)
        size = len(matrix)
        title = escape(label)
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" class="qr-code" role="img" '
            f'shape-rendering="crispEdges" data-qr-data="{escape(data)}"><title>{title}</title>'
            f'<rect width="{size}" height="{size}" fill="#fff"/>'
            f'<path fill="#000" d="{matrix_path(matrix)}"/></svg>'
        )
        cache.set(key, svg, CACHE_SECONDS)
    return svg

import io
import struct
import zlib

from django.urls import NoReverseMatch, reverse

import pytest
from PIL import Image


@pytest.fixture(autouse=True)
def participation_settings(settings, tmp_path):
    """Evidence in a temporary folder; no minimum wait before sending the form (tests send at once)."""
    settings.LAOMO_CORRECTIONS_EVIDENCE_DIR = tmp_path / "evidence"
    settings.LAOMO_CORRECTIONS_MIN_SECONDS = 0
    try:
        reverse("participation:correction_new")
    except NoReverseMatch:
        settings.ROOT_URLCONF = "tests.participation.urls"
    return settings


def png_bytes(width=400, height=300, colour=(158, 27, 31)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims huge dimensions (a decompression bomb's header) without the pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )

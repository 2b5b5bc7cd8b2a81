"""Checking evidence files by their content, never by their name or the browser's word.

Images are opened with Pillow (refusing decompression bombs: pictures whose pixel count would exhaust memory
when decoded) and verified; PDFs are recognised by their magic bytes. Everything else is refused.
"""

import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _

from PIL import Image, UnidentifiedImageError

IMAGE_TYPES = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}
PDF_MAGIC = b"%PDF-"
ACCEPT = "image/jpeg,image/png,image/gif,image/webp,application/pdf,.jpg,.jpeg,.png,.gif,.webp,.pdf"


@dataclass
class CheckedFile:
    content_type: str
    extension: str
    width: int | None = None
    height: int | None = None

    def storage_name(self) -> str:
        return f"{uuid.uuid4().hex}.{self.extension}"


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def check_evidence(upload) -> CheckedFile:
    """The file's real type, or a ValidationError in Chinese naming the file."""
    name = upload.name
    if upload.size > settings.LAOMO_CORRECTIONS_MAX_FILE_BYTES:
        raise ValidationError(
            _("文件“%(name)s”太大：每个文件不能超过 %(size)s。")
            % {"name": name, "size": megabytes(settings.LAOMO_CORRECTIONS_MAX_FILE_BYTES)},
            code="too_big",
        )
    if upload.size == 0:
        raise ValidationError(_("文件“%(name)s”是空的。") % {"name": name}, code="empty")
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head == PDF_MAGIC:
        return CheckedFile("application/pdf", "pdf")
    return _check_image(upload, name)


def _check_image(upload, name: str) -> CheckedFile:
    not_supported = ValidationError(
        _("文件“%(name)s”不是可以识别的照片或 PDF。请上传 JPG、PNG、GIF、WebP 图片或 PDF 扫描件。") % {"name": name},
        code="type",
    )
    max_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it; treat the warning as the error it is.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                kind = image.format
                if width * height > max_pixels:
                    raise ValidationError(
                        _("图片“%(name)s”的像素太多（%(width)s×%(height)s），请缩小后再上传。")
                        % {"name": name, "width": width, "height": height},
                        code="too_many_pixels",
                    )
                image.verify()  # reads the whole file: truncated or corrupt data fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        message = _("图片“%(name)s”的像素太多，请缩小后再上传。") % {"name": name}
        raise ValidationError(message, code="too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise not_supported from None
    finally:
        upload.seek(0)
    if kind not in IMAGE_TYPES:
        raise not_supported
    content_type, extension = IMAGE_TYPES[kind]
    return CheckedFile(content_type, extension, width, height)


class EvidenceLimitHandler(FileUploadHandler):
    """First in the upload chain: skips (never stores) files past the size or count limit while the request is read.

    The rest of the form still arrives, so the visitor keeps what they typed and is told which file was too big.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.max_bytes = settings.LAOMO_CORRECTIONS_MAX_FILE_BYTES
        self.max_files = settings.LAOMO_CORRECTIONS_MAX_FILES
        self.count = 0
        self.received = 0
        self.skipped: list[tuple[str, str]] = []  # (file name, "size" | "count")
        self.skip_reason = ""

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0
        self.count += 1
        self.skip_reason = "count" if self.count > self.max_files else ""

    def receive_data_chunk(self, raw_data, start):
        # Skipping happens here, not in new_file(): by now every handler has opened this file, and skipping
        # closes only it (skipping in new_file() would close the previous file, already received).
        self.received += len(raw_data)
        if not self.skip_reason and self.received > self.max_bytes:
            self.skip_reason = "size"
        if self.skip_reason:
            self.skipped.append((self.file_name, self.skip_reason))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None

    def messages(self) -> list[str]:
        result = []
        for name, reason in self.skipped:
            if reason == "size":
                result.append(
                    _("文件“%(name)s”太大：每个文件不能超过 %(size)s，未能上传。")
                    % {"name": name, "size": megabytes(self.max_bytes)}
                )
            else:
                result.append(
                    _("文件“%(name)s”未能上传：最多上传 %(files)s 个文件。") % {"name": name, "files": self.max_files}
                )
        return result

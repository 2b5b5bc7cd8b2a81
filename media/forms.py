"""Admin upload forms: images must be described, videos are checked by what they contain, not their names, and a
storage that cannot be written is a form error (uploads.py)."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtailmedia.forms import BaseMediaForm

from PIL import Image as PILImage

from . import video
from .uploads import StoreUploadsMixin

CORRUPT_IMAGE = "图片文件已损坏或不完整，无法读取。请用图片软件重新导出后再上传。"
TOO_MANY_PIXELS = (
    "图片像素过多（%(num_pixels)s 像素），上限为 %(max_pixels_count)s 像素（例如 8000×8000）。"
    "这可能是一张异常的图片，也可能只是尺寸太大：请缩小后再上传。"
)
FAR_TOO_MANY_PIXELS = "图片像素远远超过上限（%(max_pixels_count)s 像素），可能是一张恶意构造的图片，已拒绝。"
TOO_LARGE = "图片文件过大（%(file_size)s），上限为 %(max_filesize)s。请压缩或缩小后再上传。"


def header_size(upload) -> tuple[int, int]:
    """Width and height as the file's header states them, without decoding pixels; (0, 0) when unknown.

    Raises PIL.Image.DecompressionBombError when the header alone is beyond what Pillow will open.
    """
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            return PILImage.open(upload).size
    except (PILImage.UnidentifiedImageError, OSError, ValueError):
        return 0, 0  # not for Pillow (SVG, say): Wagtail's own checks apply
    finally:
        upload.seek(0)


class CheckedImageField(WagtailImageField):
    """Wagtail's image upload field, checking the pixel count from the header before anything is decoded.

    Wagtail decodes frames before it compares the pixel count with WAGTAILIMAGES_MAX_IMAGE_PIXELS, so a
    crafted or truncated file raised OSError there (a server error instead of a message).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages.update(file_too_many_pixels=TOO_MANY_PIXELS, file_too_large=TOO_LARGE)

    def check_image_pixel_size(self, f):
        limit = self.max_image_pixels
        try:
            width, height = header_size(f)
        except PILImage.DecompressionBombError:
            raise ValidationError(
                FAR_TOO_MANY_PIXELS % {"max_pixels_count": limit}, code="file_too_many_pixels"
            ) from None
        if limit and width * height > limit:
            raise ValidationError(
                TOO_MANY_PIXELS % {"num_pixels": width * height, "max_pixels_count": limit}, code="file_too_many_pixels"
            )
        try:
            super().check_image_pixel_size(f)
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(CORRUPT_IMAGE, code="invalid_image") from error


class SiteImageForm(StoreUploadsMixin, BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): required alt text, clear Chinese upload errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            original = self.fields["file"]
            self.fields["file"] = CheckedImageField(
                label=original.label, required=original.required, widget=original.widget, help_text=original.help_text
            )
        if "description" in self.fields:
            description = self.fields["description"]
            description.required = True
            description.label = "图片说明（替代文字）"
            description.help_text = (
                "必填。为看不到图片的读者写一句话说明图片内容，如“张广义在柜台前修理钢笔”；读屏软件会朗读它。"
            )


def check_media_upload(upload, media_type: str) -> None:
    """Refuse files that are too large or that are not what they claim to be. Messages are for editors."""
    limit = settings.LAOMO_VIDEO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"文件过大（{filesizeformat(upload.size)}），上限为 {filesizeformat(limit)}。"
            "请压缩后再上传（建议 MP4：H.264 视频 + AAC 音频，分辨率不超过 1080p）。",
            code="file_too_large",
        )
    accepted = video.VIDEO_TYPES if media_type == "video" else video.AUDIO_TYPES
    kind = "视频" if media_type == "video" else "音频"
    formats = "、".join(sorted(set(accepted.values())))
    detected = video.sniff(upload)
    if detected is None:
        raise ValidationError(
            f"无法识别这个文件的内容，它不像是{kind}文件。请上传 {formats} 格式的{kind}。", code="unknown_type"
        )
    if detected not in accepted:
        raise ValidationError(
            f"这个文件的内容是 {detected}，不是可以在网页上播放的{kind}（无论扩展名是什么）。"
            f"请上传 {formats} 格式的{kind}。",
            code="wrong_type",
        )
    if media_type == "video":
        try:
            with video.local_path(upload) as path:
                info = video.probe(path)
        except video.VideoError as error:
            raise ValidationError(f"无法读取这个视频文件：{error}请重新导出后再上传。", code="unreadable") from None
        if not info.has_video:
            raise ValidationError("这个文件里没有视频画面（可能只有声音）。请上传视频文件。", code="no_video")


class CheckedMediaForm(StoreUploadsMixin, BaseMediaForm):
    """wagtailmedia's form (WAGTAILMEDIA["MEDIA_FORM_BASE"]): size limit and content check for new uploads."""

    upload_fields = ("file", "thumbnail")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            check_media_upload(upload, self.instance.type or "video")
        return upload


class SiteDocumentForm(StoreUploadsMixin, BaseDocumentForm):
    """Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE), reporting a storage that cannot be written."""

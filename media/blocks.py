"""Blocks other apps can put in their StreamFields: `from media.blocks import GalleryBlock`.

The gallery's template links its own CSS and lightbox script, so it works wherever it is placed.
"""

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    caption = blocks.CharBlock(label="图注", required=False, max_length=300)
    alt = blocks.CharBlock(
        label="替代文字",
        required=False,
        max_length=255,
        help_text="留空时使用图片自带的说明。为看不到图片的读者描述画面。",
    )

    class Meta:
        icon = "image"
        label = "图片"

    def clean(self, value):
        value = super().clean(value)
        image = value.get("image")
        if image is not None and not (value.get("alt") or image.description or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt": ValidationError("这张图片还没有说明：请在这里填写替代文字，或在图片库中补上图片说明。")
                }
            )
        return value


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", required=False, max_length=80)
    images = blocks.ListBlock(GalleryImageBlock(), label="图片", min_num=1, max_num=60)

    class Meta:
        icon = "image"
        label = "图片集"
        template = "media/blocks/gallery.html"
        description = "一组缩略图，点开放大浏览；支持键盘（← → Esc）和手指左右滑动"

    def get_preview_value(self):
        images = get_image_model().objects.exclude(description="").order_by("-created_at")[:4]
        return self.to_python(
            {
                "heading": "图片集",
                "images": [{"image": image.pk, "caption": image.title, "alt": ""} for image in images],
            }
        )

"""StreamField blocks shared by exhibitions, sections and stories.

Every block has a template, an icon, a label, a description and a preview for the block picker. Preview
values never name database ids: blocks that show an image or an honoree pick one when the preview is drawn.
Blocks with chooser fields fetch their objects in bulk (one query per block type and stream), with what
their templates read, so a section full of honoree cards costs a fixed number of queries.
"""

import copy

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from archive.models import Award, Honoree
from archive.widgets import HonoreeSnippetChooser
from media import blocks as media_blocks

PREVIEW_TEMPLATE = "exhibits/blocks/preview.html"

# Stored values are the Chinese words; the labels are what visitors read, in their language.
MEDIUM_CHOICES = [
    ("雕塑", _("雕塑")),
    ("油画", _("油画")),
    ("国画", _("国画")),
    ("水彩", _("水彩")),
    ("素描", _("素描")),
    ("摄影", _("摄影")),
]
EARLIEST_ARTWORK_YEAR = 1900
# A full-width picture is drawn across the whole screen: a smaller one would be blown up and blurred.
FULL_WIDTH_MIN_PIXELS = 1200
# Height of a picture in the gallery strip on wider screens (hall.css: --strip-height, 20rem); the width follows.
STRIP_HEIGHT_PX = 320


def _in_bulk_in_order(queryset, values):
    """Objects for these primary keys, in order, None kept, one instance per occurrence (as ChooserBlock does)."""
    objects = queryset.in_bulk([value for value in values if value is not None])
    seen, result = set(), []
    for pk in values:
        obj = objects.get(pk)
        if obj is not None and pk in seen:
            obj = copy.copy(obj)
        result.append(obj)
        seen.add(pk)
    return result


def _error(message: str) -> ValidationError:
    return ValidationError(message)


def _rich_text_has_words(value) -> bool:
    return bool(strip_tags(str(getattr(value, "source", value) or "")).strip())


def _sample_images(count: int) -> list:
    return list(get_image_model().objects.order_by("pk")[:count])


def _sample_honoree():
    return Honoree.objects.public().real().order_by("pk").first()


class SiteImageChooserBlock(ImageChooserBlock):
    """An image chooser whose bulk fetch brings the renditions along, so templates make no query per image."""

    def bulk_to_python(self, values):
        return _in_bulk_in_order(self.model_class.objects.prefetch_renditions(), values)


class HonoreeChooserBlock(SnippetChooserBlock):
    """Chooses a dictionary record; the bulk fetch brings the photo and the awards the honoree card shows."""

    def __init__(self, **kwargs):
        super().__init__("archive.Honoree", **kwargs)

    @cached_property
    def widget(self):
        # The archive's chooser widget: the chosen record is shown with its unit and id, so namesakes differ.
        if not self.has_explicit_icon:
            self.set_meta_options({"icon": self.target_model.snippet_viewset.icon})
        return HonoreeSnippetChooser(icon=self.meta.icon)

    def bulk_to_python(self, values):
        queryset = self.model_class.objects.select_related("photo").prefetch_related(
            Prefetch("awards", queryset=Award.objects.select_related("honour"))
        )
        return _in_bulk_in_order(queryset, values)


def _credit_block():
    return blocks.CharBlock(label="署名", required=False, max_length=200, help_text="留空时使用图片自带的署名。")


class SiteGalleryImageBlock(media_blocks.GalleryImageBlock):
    """A picture of a gallery (alt text checked by the media library) fetched in bulk with its renditions."""

    image = SiteImageChooserBlock(label="图片")


class ImageBlock(blocks.StructBlock):
    image = SiteImageChooserBlock(label="图片")
    caption = blocks.CharBlock(label="图注", required=False, max_length=300)
    credit = _credit_block()

    class Meta:
        icon = "image"
        label = "图片"
        template = "exhibits/blocks/image.html"
        preview_template = PREVIEW_TEMPLATE
        description = "一张图片，带图注与署名"

    def get_preview_value(self):
        images = _sample_images(1)
        return self.normalize(
            {"image": images[0] if images else None, "caption": "图注写在这里：图片拍摄或创作的时间、地点与内容。"}
        )


class FullWidthImageBlock(ImageBlock):
    """A large landscape picture across the whole screen, its caption and credit below, zoomable."""

    class Meta:
        icon = "desktop"
        label = "通栏大图"
        template = "exhibits/blocks/full_width_image.html"
        description = (
            "一张横跨整个屏幕的大图（横幅，至少 1200 像素宽），图注与署名在图下方；点开可放大。手机上与屏幕同宽"
        )

    def clean(self, value):
        value = super().clean(value)
        image = value["image"]
        if image.width < FULL_WIDTH_MIN_PIXELS:
            raise StructBlockValidationError(
                block_errors={
                    "image": _error(
                        f"通栏大图需要至少 {FULL_WIDTH_MIN_PIXELS} 像素宽的图片（这张只有 {image.width} 像素宽）；"
                        "较小的图片请使用“图片”块。"
                    )
                }
            )
        if image.height > image.width:
            raise StructBlockValidationError(
                block_errors={"image": _error("通栏大图需要横幅图片（宽大于高）；竖幅图片请使用“图文并排”或“图片”块。")}
            )
        return value


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    speaker = blocks.CharBlock(label="讲话人", required=False, max_length=120)
    source = blocks.CharBlock(label="出处", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "引语"
        template = "exhibits/blocks/quote.html"
        preview_template = PREVIEW_TEMPLATE
        description = "一段引语与讲话人"
        preview_value = {
            "text": "一生只干一件事，而且干到最好，这就是精益求精的工匠精神。",
            "speaker": "蔡奇",
            "source": "2020年春节前夕看望劳模张广义",
        }


class QuoteImageBlock(QuoteBlock):
    """A quotation and its speaker set over a darkened picture (the shade keeps white text above 4.5:1)."""

    image = SiteImageChooserBlock(label="背景图片", help_text="横幅图片效果最好；图片会被调暗，文字叠印在上面。")
    credit = _credit_block()

    class Meta:
        icon = "openquote"
        label = "图上引语"
        template = "exhibits/blocks/quote_image.html"
        description = "一段引语与讲话人，叠印在调暗的大图上，横跨整个屏幕；图片署名在下方，点开可查看原图"

    def get_preview_value(self):
        images = _sample_images(1)
        return self.normalize({**self.meta.preview_value, "image": images[0] if images else None})


class HonoreeCardBlock(blocks.StructBlock):
    honoree = HonoreeChooserBlock(label="劳模")
    note = blocks.CharBlock(label="一句话介绍", required=False, max_length=200)

    class Meta:
        icon = "user"
        label = "劳模卡片"
        template = "exhibits/blocks/honoree_card.html"
        preview_template = PREVIEW_TEMPLATE
        description = "从劳模辞典中选一位劳模：照片、姓名、荣誉与链接。撤下或未发布的条目不会显示。"

    def get_preview_value(self):
        return self.normalize({"honoree": _sample_honoree(), "note": "一句话介绍这位劳模与本单元的关系。"})


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label="数字", max_length=30)
    label = blocks.CharBlock(label="说明", max_length=80)


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", required=False, max_length=80)
    figures = blocks.ListBlock(FigureBlock(), label="数字", min_num=1)

    class Meta:
        icon = "table"
        label = "关键数字"
        template = "exhibits/blocks/key_figures.html"
        preview_template = PREVIEW_TEMPLATE
        description = "一组醒目的数字"
        preview_value = {
            "heading": "2015—2020年",
            "figures": [
                {"value": "173", "label": "名全国劳动模范和先进工作者"},
                {"value": "2301", "label": "名北京市劳动模范和先进工作者"},
            ],
        }


class TimelineEventBlock(blocks.StructBlock):
    date = blocks.CharBlock(label="时间", max_length=40, help_text="如 2020年12月22日 或 1950")
    title = blocks.CharBlock(label="事件", max_length=120)
    text = blocks.TextBlock(label="说明", required=False)


class TimelineBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", required=False, max_length=80)
    events = blocks.ListBlock(TimelineEventBlock(), label="事件", min_num=1)

    class Meta:
        icon = "time"
        label = "时间线"
        template = "exhibits/blocks/timeline.html"
        preview_template = PREVIEW_TEMPLATE
        description = "按时间排列的事件"
        preview_value = {
            "heading": "表彰大会",
            "events": [
                {"date": "2020年11月24日", "title": "全国劳动模范和先进工作者表彰大会", "text": ""},
                {"date": "2020年12月22日", "title": "北京市劳动模范、先进工作者表彰大会", "text": "在北京会议中心举行"},
            ],
        }


class GalleryBlock(media_blocks.GalleryBlock):
    """The media library's gallery (thumbnails, a lightbox, alt text checked), at least two pictures in a story."""

    images = blocks.ListBlock(SiteGalleryImageBlock(), label="图片", min_num=1, max_num=60)

    class Meta:
        icon = "image"
        label = "图集"
        preview_template = PREVIEW_TEMPLATE
        description = "一组按顺序排列的图片，手机上两列、电脑上多列；点开放大浏览"

    def clean(self, value):
        value = super().clean(value)
        if len(value["images"]) < 2:
            raise StructBlockValidationError(
                block_errors={
                    "images": ListBlockValidationError(
                        non_block_errors=[_error("图集至少需要两张图片；只有一张时请使用“图片”块。")]
                    )
                }
            )
        return value

    def get_preview_value(self):
        return self.normalize(
            {
                "heading": "展厅一瞥",
                "images": [{"image": image, "caption": image.title} for image in _sample_images(4)],
            }
        )


class GalleryStripBlock(GalleryBlock):
    """Pictures side by side in one row that scrolls sideways (touch, or the arrow keys once it has the focus)."""

    class Meta:
        icon = "dots-horizontal"
        label = "图片长廊"
        template = "exhibits/blocks/gallery_strip.html"
        description = "一排横向排列的图片，各带图注，可用手指或方向键左右滑动、点开放大；手机上一张接一张竖排"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # Every picture is as high as the strip, so its width (what the browser picks a rendition by) is its own.
        context["items"] = [
            {
                "item": item,
                "sizes": f"(min-width: 40em) {round(STRIP_HEIGHT_PX * item['image'].width / item['image'].height)}px, "
                "calc(100vw - 2rem)",
            }
            for item in value["images"]
            if item["image"]
        ]
        return context


class ArtworkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="作品名称", max_length=120)
    artist = blocks.CharBlock(label="作者", max_length=120)
    medium = blocks.ChoiceBlock(label="类别", choices=MEDIUM_CHOICES)
    year = blocks.IntegerBlock(label="创作年份", required=False, help_text="四位数字，如 2019；不详时留空。")
    dimensions = blocks.CharBlock(label="尺寸", required=False, max_length=80, help_text="如 180×120 厘米")
    image = SiteImageChooserBlock(label="作品图片")
    description = blocks.TextBlock(label="作品说明", required=False)
    honoree = HonoreeChooserBlock(
        label="所绘劳模", required=False, help_text="作品表现的劳模；条目公开时，作品会出现在他的辞典页面。"
    )

    class Meta:
        icon = "image"
        label = "艺术作品"
        template = "exhibits/blocks/artwork.html"
        preview_template = PREVIEW_TEMPLATE
        description = "一件雕塑、油画、国画、水彩、素描或摄影作品：图片、作者、类别、年份、尺寸与说明"

    def clean(self, value):
        value = super().clean(value)
        year = value.get("year")
        this_year = timezone.localdate().year
        if year is not None and year > this_year:
            raise StructBlockValidationError(block_errors={"year": _error(f"创作年份不能晚于今年（{this_year}年）。")})
        if year is not None and year < EARLIEST_ARTWORK_YEAR:
            raise StructBlockValidationError(
                block_errors={"year": _error(f"创作年份应为四位数字，且不早于{EARLIEST_ARTWORK_YEAR}年。")}
            )
        return value

    def get_preview_value(self):
        images = _sample_images(1)
        return self.normalize(
            {
                "title": "劳模肖像习作（示意）",
                "artist": "示意插图（程序生成）",
                "medium": "素描",
                "year": None,
                "dimensions": "",
                "image": images[0] if images else None,
                "description": "作品说明：作品表现的人物与事迹、创作背景与收藏单位。",
            }
        )


class FilmBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="片名", max_length=120)
    video = EmbedBlock(
        label="视频网址", required=False, help_text="哔哩哔哩、腾讯视频等视频页面的网址；系统会自动生成播放器。"
    )
    page = blocks.PageChooserBlock(label="影片页面", required=False, help_text="本站介绍这部影片的页面（可选）。")
    caption = blocks.TextBlock(label="说明", required=False)

    class Meta:
        icon = "media"
        label = "影片"
        template = "exhibits/blocks/film.html"
        preview_template = PREVIEW_TEMPLATE
        description = "一段劳模微电影或纪录影像：嵌入视频，或链接到本站的影片页面"
        preview_value = {
            "title": "劳模微电影",
            "caption": "北京市总工会拍摄完成了近百名劳模微电影，并组织陆续播出。",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("video") and not value.get("page"):
            raise StructBlockValidationError(
                block_errors={
                    "video": _error("请填写视频网址，或在“影片页面”中选择一个页面。"),
                    "page": _error("请选择一个影片页面，或在“视频网址”中填写视频网址。"),
                }
            )
        return value


class TwoColumnBlock(blocks.StructBlock):
    image = SiteImageChooserBlock(label="图片")
    image_position = blocks.ChoiceBlock(label="图片位置", choices=[("left", "左侧"), ("right", "右侧")], default="left")
    caption = blocks.CharBlock(label="图注", required=False, max_length=200)
    credit = _credit_block()
    heading = blocks.CharBlock(label="标题", required=False, max_length=80)
    text = blocks.RichTextBlock(label="文字", features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "doc-full"
        label = "图文并排"
        template = "exhibits/blocks/two_column.html"
        preview_template = PREVIEW_TEMPLATE
        description = "图片与文字左右并排（图片在左或在右），图注与署名在图下方，点开可放大；手机上图片在上、文字在下"

    def clean(self, value):
        value = super().clean(value)
        if not _rich_text_has_words(value["text"]):
            raise StructBlockValidationError(block_errors={"text": _error("请填写与图片并排的文字。")})
        return value

    def get_preview_value(self):
        images = _sample_images(1)
        return self.normalize(
            {
                "image": images[0] if images else None,
                "image_position": "left",
                "heading": "镌刻在城市中轴线上的名字",
                "text": "<p>市总工会在奥林匹克森林公园和明城墙遗址公园分别设置了“劳模墙”、劳动广场。</p>",
            }
        )


class StoryStreamBlock(blocks.StreamBlock):
    """The stream of exhibitions (序厅), their sections and stories."""

    paragraph = blocks.RichTextBlock(
        label="正文",
        icon="pilcrow",
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        template="exhibits/blocks/paragraph.html",
        preview_template=PREVIEW_TEMPLATE,
        preview_value="<p>劳模精神，在岁月变迁中传承，历久弥新；在艰难行进中坚守，愈显光辉。</p>",
        description="富文本段落",
    )
    image = ImageBlock()
    full_width_image = FullWidthImageBlock()
    gallery = GalleryBlock()
    gallery_strip = GalleryStripBlock()
    two_column = TwoColumnBlock()
    artwork = ArtworkBlock()
    film = FilmBlock()
    quote = QuoteBlock()
    quote_image = QuoteImageBlock()
    honoree_card = HonoreeCardBlock()
    key_figures = KeyFiguresBlock()
    timeline = TimelineBlock()

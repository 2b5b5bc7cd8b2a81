"""Image galleries as pages: a lead, then galleries and text."""

from django.db import models

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.slugs import PinyinSlugMixin

from ..blocks import GalleryBlock


class GalleryPage(PinyinSlugMixin, Page):
    intro = models.TextField("导语", blank=True)
    body = StreamField(
        [
            ("gallery", GalleryBlock()),
            (
                "paragraph",
                blocks.RichTextBlock(
                    label="正文",
                    icon="pilcrow",
                    features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
                    preview_value="<p>劳模精神，在岁月变迁中传承，历久弥新。</p>",
                    description="富文本段落",
                ),
            ),
        ],
        verbose_name="内容",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["laomo.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "图片集"

    def first_image(self):
        for block in self.body:
            if block.block_type == "gallery" and block.value["images"]:
                return block.value["images"][0]["image"]
        return None

"""Editors build an exhibition section from every block type in the admin; page-tree rules of the hall."""

from django.urls import reverse

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from archive.models import Honoree
from exhibits.blocks import StoryStreamBlock
from exhibits.models import (
    Artwork,
    ArtworkGalleryPage,
    ExhibitionPage,
    ExhibitionSectionPage,
    HallIndexPage,
    HonoreeMention,
    LessonIndexPage,
    LessonPage,
    StoryIndexPage,
    StoryPage,
)
from laomo.models import ContentPage, HomePage
from media.models import SiteImage

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.bilibili.com/video/BV1xx411c7mD"


def list_items(items: list[dict]) -> dict:
    """Form data of a ListBlock: count, then each item's value, order, deleted flag and id."""
    data = {"count": str(len(items))}
    for index, value in enumerate(items):
        data[str(index)] = {"value": value, "order": str(index), "deleted": "", "id": ""}
    return data


def every_block(image, second_image, honoree, page) -> dict:
    return streamfield(
        [
            ("paragraph", rich_text("<p>段落：为劳模造像。</p>")),
            ("image", {"image": image.pk, "caption": "单张图片", "credit": ""}),
            ("full_width_image", {"image": image.pk, "caption": "通栏大图的图注", "credit": "通栏大图的署名"}),
            (
                "gallery",
                {
                    "heading": "图集标题",
                    "images": list_items(
                        [{"image": image.pk, "caption": "第一张"}, {"image": second_image.pk, "caption": "第二张"}]
                    ),
                },
            ),
            (
                "gallery_strip",
                {
                    "heading": "图片长廊标题",
                    "images": list_items(
                        [{"image": second_image.pk, "caption": "长廊一"}, {"image": image.pk, "caption": "长廊二"}]
                    ),
                },
            ),
            (
                "two_column",
                {
                    "image": image.pk,
                    "image_position": "right",
                    "caption": "并排图注",
                    "credit": "",
                    "heading": "图文标题",
                    "text": rich_text("<p>图文并排的文字。</p>"),
                },
            ),
            (
                "artwork",
                {
                    "title": "后台录入的油画",
                    "artist": "编辑录入",
                    "medium": "油画",
                    "year": "2019",
                    "dimensions": "100×80 厘米",
                    "image": image.pk,
                    "description": "作品说明。",
                    "honoree": honoree.pk,
                },
            ),
            ("film", {"title": "后台录入的影片", "video": VIDEO_URL, "page": page.pk, "caption": "影片说明"}),
            ("quote", {"text": "引文内容", "speaker": "讲话人", "source": "出处"}),
            (
                "quote_image",
                {"text": "图上的引文", "speaker": "图上的讲话人", "source": "", "image": image.pk, "credit": ""},
            ),
            ("honoree_card", {"honoree": honoree.pk, "note": "卡片说明"}),
            (
                "key_figures",
                {"heading": "数字标题", "figures": list_items([{"value": "1197", "label": "名全国劳模"}])},
            ),
            (
                "timeline",
                {
                    "heading": "时间线标题",
                    "events": list_items([{"date": "2020年12月22日", "title": "表彰大会", "text": ""}]),
                },
            ),
        ]
    )


def test_editor_adds_a_section_with_every_block_type_and_it_renders(client, make_user):
    assert set(StoryStreamBlock().child_blocks) == {
        "paragraph",
        "image",
        "full_width_image",
        "gallery",
        "gallery_strip",
        "two_column",
        "artwork",
        "film",
        "quote",
        "quote_image",
        "honoree_card",
        "key_figures",
        "timeline",
    }, "a new block type needs a place in this test"
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe src="https://player.bilibili.com/player.html?bvid=BV1xx411c7mD" title="影片"></iframe>',
    )
    image, second_image = SiteImage.objects.order_by("pk")[:2]
    honoree = Honoree.objects.get(external_id="SRC-0005")
    exhibition = ExhibitionPage.objects.get()
    film_page = ExhibitionSectionPage.objects.get(slug="spirit")
    client.force_login(make_user("curator", superuser=True))

    url = reverse("wagtailadmin_pages:add", args=["exhibits", "exhibitionsectionpage", exhibition.pk])
    data = nested_form_data(
        {"title": "后台新建的单元", "slug": "every-block", "body": every_block(image, second_image, honoree, film_page)}
    )
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    section = ExhibitionSectionPage.objects.get(slug="every-block")
    assert section.live
    assert [block.block_type for block in section.body] == list(StoryStreamBlock().child_blocks)
    client.logout()
    html = client.get(section.url).content.decode()
    for text in (
        "段落：为劳模造像。",
        "单张图片",
        "第一张",
        "第二张",
        "通栏大图的图注",
        "通栏大图的署名",
        "图片长廊标题",
        "长廊二",
        "图上的引文",
        "—— 图上的讲话人",
        "图文并排的文字。",
        "《后台录入的油画》",
        "100×80 厘米",
        "player.bilibili.com",
        "影片说明",
        "引文内容",
        "卡片说明",
        "1197",
        "表彰大会",
    ):
        assert text in html, text
    # Publishing fed the catalogue and the honoree's entry page.
    assert Artwork.objects.filter(page=section, title="后台录入的油画", medium="油画", honoree=honoree).exists()
    assert HonoreeMention.objects.filter(page=section, honoree=honoree).exists()
    assert section.url in client.get(honoree.get_absolute_url()).content.decode()


def test_admin_shows_block_errors_in_chinese(client, make_user):
    image = SiteImage.objects.order_by("pk").first()
    exhibition = ExhibitionPage.objects.get()
    client.force_login(make_user("curator", superuser=True))
    url = reverse("wagtailadmin_pages:add", args=["exhibits", "exhibitionsectionpage", exhibition.pk])
    body = streamfield(
        [("gallery", {"heading": "", "images": list_items([{"image": image.pk, "caption": "只有一张"}])})]
    )
    data = nested_form_data({"title": "只有一张图的图集", "slug": "one-image", "body": body})
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    stream_error = response.context["form"].errors["body"].as_data()[0]
    gallery_error = stream_error.block_errors[0].block_errors["images"]
    assert [str(m) for m in gallery_error.non_block_errors.as_data()[0].messages] == [
        "图集至少需要两张图片；只有一张时请使用“图片”块。"
    ]
    assert not ExhibitionSectionPage.objects.filter(slug="one-image").exists()


class TestHallPageTree(WagtailPageTestCase):
    def test_rules(self):
        self.assertCanCreateAt(HallIndexPage, ArtworkGalleryPage)
        self.assertCanCreateAt(HallIndexPage, ExhibitionPage)
        self.assertCanCreateAt(ExhibitionPage, ExhibitionSectionPage)
        self.assertCanCreateAt(HomePage, LessonIndexPage)
        self.assertCanCreateAt(LessonIndexPage, LessonPage)
        self.assertCanNotCreateAt(HomePage, ArtworkGalleryPage)
        self.assertCanNotCreateAt(ExhibitionPage, ArtworkGalleryPage)
        self.assertCanNotCreateAt(HomePage, LessonPage)
        self.assertCanNotCreateAt(HallIndexPage, LessonPage)
        self.assertCanNotCreateAt(LessonPage, LessonPage)
        self.assertCanNotCreateAt(StoryIndexPage, LessonPage)
        self.assertCanNotCreateAt(LessonIndexPage, StoryPage)
        self.assertCanNotCreateAt(ContentPage, LessonIndexPage)
        self.assertCanNotCreateAt(Page, LessonIndexPage)
        self.assertCanNotCreateAt(ExhibitionSectionPage, ExhibitionSectionPage)

    def test_gallery_and_lesson_index_are_single(self):
        assert ArtworkGalleryPage.max_count == 1 and LessonIndexPage.max_count == 1

"""The hall's picture layouts (full-width picture, image beside text, gallery strip, quote over a picture): what each
block renders, what editors are told when a picture does not fit, and that content saved before them stays valid."""

import io
import re

from django.core.files.images import ImageFile
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from wagtail.blocks import StreamValue

import pytest

from exhibits.blocks import FullWidthImageBlock, GalleryStripBlock, StoryStreamBlock
from exhibits.models import ExhibitionPage, ExhibitionSectionPage, StoryPage
from laomo.models import ContentPage
from media.models import SiteImage
from tests.exhibits.test_blocks import block_errors, render_stream
from tests.media.test_images import jpeg_bytes

pytestmark = pytest.mark.django_db

LIGHTBOX_WORDS = ("data-lightbox-dialog=", "data-lightbox-close=", "data-lightbox-count=")


def picture(size, title="测试大图", description="一片红色的测试画面", credit="测试摄影") -> SiteImage:
    image = SiteImage(title=title, description=description, credit=credit)
    image.file = ImageFile(io.BytesIO(jpeg_bytes(size)), name="layout-test.jpg")
    image.save()
    return image


def zoom_links(html: str) -> list[str]:
    return re.findall(r"<a ([^>]*data-lightbox[^>]*)>", html)


def widths(html: str) -> set[int]:
    """The widths offered in the srcset of the first <img>."""
    srcset = re.search(r'<img [^>]*srcset="([^"]+)"', html).group(1)
    return {int(width) for width in re.findall(r" (\d+)w", srcset)}


def assert_zoomable(html: str, image: SiteImage, count: int = 1):
    """Links that open the picture larger in the media library's lightbox, inside a container with its words."""
    assert "data-gallery" in html and all(word in html for word in LIGHTBOX_WORDS)
    assert 'src="/static/media/lightbox.js" defer' in html and 'href="/static/media/media.css"' in html
    links = zoom_links(html)
    assert len(links) == count
    assert re.search(r'href="/uploads/images/[^"]+max-1600x1600\.format-webp', links[0])
    assert f'data-alt="{image.alt}"' in links[0]


def test_full_width_image_is_large_zoomable_and_captioned():
    image = picture((2400, 1350))
    value = {"image": image.pk, "caption": "会场全景", "credit": "北京市总工会"}
    html = render_stream([{"type": "full_width_image", "value": value}])
    assert '<figure class="block-full-width-image" data-gallery' in html
    assert_zoomable(html, image)
    assert widths(html) == {480, 800, 1200, 1600, 2000}  # the screen's width, from phones to wide screens
    assert 'sizes="100vw"' in html and f'alt="{image.alt}"' in html
    assert 'data-caption="会场全景 · 北京市总工会"' in html
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1)
    assert "会场全景" in caption and '<span class="credit">北京市总工会</span>' in caption  # the editor's credit

    value["credit"] = ""
    html = render_stream([{"type": "full_width_image", "value": value}])
    assert '<span class="credit">测试摄影</span>' in html  # otherwise the picture's own


def test_full_width_image_needs_a_large_landscape_picture():
    small, portrait = picture((1000, 600)), picture((1300, 1700))
    block = FullWidthImageBlock()
    assert block_errors(block, {"image": small.pk, "caption": "", "credit": ""}) == {
        "image": ["通栏大图需要至少 1200 像素宽的图片（这张只有 1000 像素宽）；较小的图片请使用“图片”块。"]
    }
    assert block_errors(block, {"image": portrait.pk, "caption": "", "credit": ""}) == {
        "image": ["通栏大图需要横幅图片（宽大于高）；竖幅图片请使用“图文并排”或“图片”块。"]
    }
    large = picture((1600, 900))
    assert block.clean(block.to_python({"image": large.pk, "caption": "", "credit": ""}))["image"] == large


@pytest.mark.parametrize("position", ["left", "right"])
def test_image_beside_text_on_the_chosen_side_zoomable_with_caption_and_credit(position):
    image = picture((1600, 1200))
    value = {
        "image": image.pk,
        "image_position": position,
        "caption": "车间一角",
        "credit": "",
        "heading": "并排的标题",
        "text": "<p>并排的文字</p>",
    }
    html = render_stream([{"type": "two_column", "value": value}])
    assert f'<div class="block-two-column image-{position}" data-gallery' in html
    assert_zoomable(html, image)
    assert widths(html) == {480, 800, 1200}  # about half the page's width, twice as sharp on a dense screen
    assert 'sizes="(min-width: 48em) 44rem, calc(100vw - 2rem)"' in html
    assert '<figcaption>车间一角 <span class="credit">测试摄影</span></figcaption>' in html
    # The picture comes first in the markup: stacked on a phone, it stands above its text.
    assert html.index("<figure>") < html.index("<h2>并排的标题</h2>") < html.index("并排的文字")


def test_gallery_strip_scrolls_by_keyboard_and_sizes_each_picture_by_its_shape():
    tall, wide = picture((1200, 1500), title="竖图"), picture((1500, 1000), title="横图", description="")
    value = {
        "heading": "车间里的一天",
        "images": [
            {"image": tall.pk, "caption": "清晨", "alt": ""},
            {"image": wide.pk, "caption": "午后", "alt": "午后阳光照进车间"},
        ],
    }
    html = render_stream([{"type": "gallery_strip", "value": value}])
    assert '<div class="block-gallery-strip" data-gallery' in html and "<h2>车间里的一天</h2>" in html
    # A named region that takes the focus, so the arrow keys scroll it; its pictures are a list.
    assert re.search(r'<div class="strip-scroller" role="region" aria-label="车间里的一天" tabindex="0">', html)
    assert html.count("<li>") == 2
    # A portrait picture is marked, so that stacked on a phone it does not grow taller than the screen.
    assert html.count('<figure class="is-portrait">') == 1
    links = zoom_links(html)
    assert len(links) == 2
    assert 'data-alt="一片红色的测试画面"' in links[0] and 'data-alt="午后阳光照进车间"' in links[1]
    assert 'alt="午后阳光照进车间"' in html
    # Every picture is 320 pixels high in the strip: its width there follows its shape.
    assert 'sizes="(min-width: 40em) 256px, calc(100vw - 2rem)"' in html
    assert 'sizes="(min-width: 40em) 480px, calc(100vw - 2rem)"' in html
    assert widths(html) == {320, 480, 640, 960}
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html)
    assert captions == ['清晨 <span class="credit">测试摄影</span>', '午后 <span class="credit">测试摄影</span>']


def test_gallery_strip_without_heading_is_still_a_named_region_and_needs_two_pictures():
    image = picture((1500, 1000))
    one = {"heading": "", "images": [{"image": image.pk, "caption": "", "alt": ""}]}
    assert block_errors(GalleryStripBlock(), one) == {"images": ["图集至少需要两张图片；只有一张时请使用“图片”块。"]}
    two = {**one, "images": one["images"] * 2}
    html = render_stream([{"type": "gallery_strip", "value": two}])
    assert 'role="region" aria-label="图片长廊"' in html and "<h2>" not in html


def test_quote_over_image_is_set_on_a_darkened_picture_with_credit_and_zoom():
    image = picture((2000, 1200))
    value = {
        "text": "我是一名产业工人，也是一名工匠。",
        "speaker": "王月鹏",
        "source": "",
        "image": image.pk,
        "credit": "",
    }
    html = render_stream([{"type": "quote_image", "value": value}])
    stage = re.search(r'<figure class="quote-image-stage">(.*?)</figure>', html, re.S).group(1)
    # The picture is the backdrop of the words (decorative there), as wide as the screen.
    assert 'alt=""' in stage and 'class="quote-image-backdrop"' in stage and 'sizes="100vw"' in stage
    assert widths(stage) == {480, 800, 1200, 1600}
    assert "<blockquote><p>我是一名产业工人，也是一名工匠。</p></blockquote>" in stage
    assert "<figcaption>—— 王月鹏</figcaption>" in stage
    # Below: whose picture it is, and a link that shows it whole, described for those who cannot see it.
    credit = re.search(r'<p class="quote-image-credit">(.*?)</p>', html, re.S).group(1)
    assert '<span class="credit">测试摄影</span>' in credit and ">放大查看图片</a>" in credit
    assert_zoomable(html, image)


def test_quote_over_image_works_with_a_picture_deleted_later():
    html = render_stream(
        [{"type": "quote_image", "value": {"text": "引文", "speaker": "", "source": "", "image": None}}]
    )
    assert "<blockquote><p>引文</p></blockquote>" in html and "data-lightbox " not in html


def _historical_stream_block(migration: str):
    state = MigrationLoader(connection).project_state(("exhibits", migration))
    return state.apps.get_model("exhibits", "ExhibitionSectionPage")._meta.get_field("body").stream_block


def test_everything_editors_could_save_before_the_layouts_is_still_valid():
    """The migration only adds blocks (and an optional credit to image-and-text): no stored stream needs changing."""
    before, after = _historical_stream_block("0007_lesson_interview_clips"), StoryStreamBlock()
    assert set(before.child_blocks) <= set(after.child_blocks)
    for name, old in before.child_blocks.items():
        if hasattr(old, "child_blocks"):
            assert set(old.child_blocks) <= set(after.child_blocks[name].child_blocks), name
    image = SiteImage.objects.order_by("pk").first()
    old_two_column = {
        "image": image.pk,
        "image_position": "right",
        "caption": "旧的图注",
        "heading": "旧的标题",
        "text": "<p>旧的文字</p>",
    }  # as stored before: no credit
    old_gallery = {"heading": "", "images": [{"image": image.pk, "caption": "一", "alt": ""}] * 2}
    raw = [
        {"type": "two_column", "value": old_two_column, "id": "a"},
        {"type": "gallery", "value": old_gallery, "id": "b"},
    ]
    before.clean(before.to_python(raw))
    assert after.clean(after.to_python(raw))
    html = render_stream(raw)
    assert "旧的图注" in html and f'<span class="credit">{image.credit}</span>' in html and "旧的文字" in html


def test_demo_content_saved_in_the_database_is_valid_and_renders(client):
    for model in (ExhibitionPage, ExhibitionSectionPage, StoryPage, ContentPage):
        for page in model.objects.live():
            stream = StreamValue(StoryStreamBlock(), page.body.raw_data, is_lazy=True)
            StoryStreamBlock().clean(stream)
            assert client.get(page.url).status_code == 200, page.url


def test_demo_section_shows_the_four_layouts(client):
    section = ExhibitionSectionPage.objects.get(slug="portraits")
    types = [block.block_type for block in section.body]
    assert {"full_width_image", "two_column", "gallery_strip", "quote_image"} <= set(types)
    html = client.get(section.url).content.decode()
    for layout in ("block-full-width-image", "block-two-column", "block-gallery-strip", "block-quote-image"):
        assert html.count(f'class="{layout}') == 1, layout
    # Text in the reading column, the layouts wider: the stream is not inside the page's narrow column.
    assert '<div class="hall-stream">' in html and 'class="prose"' not in html
    assert "刘博强是保障2022北京冬奥的制冰师" in html and "为百姓传递光明送去温暖" in html

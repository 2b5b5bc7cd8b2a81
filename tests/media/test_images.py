"""Pictures: responsive <picture> markup, refused decompression bombs, required alt text, the gallery block."""

import io
import re
import struct
import zlib

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse

from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

import pytest
from PIL import Image

from media.blocks import GalleryBlock, GalleryImageBlock
from media.images import avif_supported
from media.models import SiteImage

pytestmark = pytest.mark.django_db


def png_with_header(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge canvas: a decompression bomb in a few dozen bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def jpeg_bytes(size=(1600, 900), colour="red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def photo():
    image = SiteImage(title="测试照片", description="红色的测试画面", credit="测试")
    image.file = ImageFile(io.BytesIO(jpeg_bytes()), name="photo.jpg")
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 1400, 450, 100, 100
    image.save()
    return image


def render(template: str, **context) -> str:
    return Template("{% load media_tags %}" + template).render(Context(context))


def test_responsive_picture_has_modern_formats_sizes_and_dimensions(photo):
    html = render('{% responsive_image photo sizes="(max-width: 760px) 100vw, 760px" ratio="16:9" %}', photo=photo)
    sources = re.findall(r'<source sizes="[^"]+" srcset="([^"]+)" type="([^"]+)">', html)
    expected_types = ["image/avif", "image/webp"] if avif_supported() else ["image/webp"]
    assert [kind for _, kind in sources] == expected_types
    for srcset, kind in sources:
        widths = re.findall(r" (\d+)w", srcset)
        assert widths == ["320", "480", "640", "960", "1280"]
        assert ("format-avif" if kind == "image/avif" else "format-webp") in srcset
    img = re.search(r"<img ([^>]+)>", html).group(1)
    assert 'loading="lazy"' in img and 'decoding="async"' in img
    assert 'width="640"' in img and 'height="360"' in img  # the fallback's own size: no layout jump
    assert 'alt="红色的测试画面"' in img
    assert re.search(r'src="[^"]+fill-640x360\.format-jpeg', img)
    assert "1600w" not in html  # never wider than asked


def test_small_originals_are_not_upscaled_and_alt_can_be_empty(photo):
    small = SiteImage(title="小图", description="小图说明")
    small.file = ImageFile(io.BytesIO(jpeg_bytes((500, 300))), name="small.jpg")
    small.save()
    html = render('{% responsive_image small widths="320,480,960" alt="" loading="eager" class="thumb" %}', small=small)
    assert re.findall(r" (\d+)w", html)[-1] == "480"
    assert 'alt=""' in html and 'class="thumb"' in html and "loading=" not in html


def test_fill_crops_around_the_focal_point(photo):
    rendition = photo.get_rendition("fill-300x300|format-jpeg")
    with rendition.file.open("rb") as stream:
        assert Image.open(stream).size == (300, 300)
    assert rendition.focal_point_key  # the crop depends on the focal point (right-hand side of the picture)


@pytest.fixture
def image_form_data():
    return {
        "title": "上传测试",
        "description": "一张测试图片",
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
    }


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        (9000, 8000, "图片像素过多（72000000 像素），上限为 64000000 像素（例如 8000×8000）。"),  # over our limit
        (30000, 30000, "图片像素远远超过上限（64000000 像素），可能是一张恶意构造的图片，已拒绝。"),  # over Pillow's
    ],
)
def test_decompression_bombs_are_refused_with_a_clear_message(make_user, image_form_data, width, height, message):
    user = make_user(f"uploader-{width}", superuser=True)
    form_class = get_image_form(SiteImage)
    upload = SimpleUploadedFile("huge.png", png_with_header(width, height), content_type="image/png")
    form = form_class(data=image_form_data, files={"file": upload}, user=user)
    assert not form.is_valid()
    assert form.errors["file"][0].startswith(message)


def test_the_admin_upload_view_refuses_a_bomb(client, make_user, image_form_data):
    client.force_login(make_user("uploader-view", superuser=True))
    data = dict(image_form_data, file=SimpleUploadedFile("bomb.png", png_with_header(20000, 20000)))
    response = client.post(reverse("wagtailimages:add"), data)
    assert response.status_code == 200
    assert "图片像素远远超过上限" in response.content.decode()
    assert not SiteImage.objects.filter(title="上传测试").exists()


def test_alt_text_is_required_in_the_admin_form(make_user, image_form_data):
    user = make_user("uploader-alt", superuser=True)
    form_class = get_image_form(SiteImage)
    data = dict(image_form_data, description="")
    form = form_class(data=data, files={"file": SimpleUploadedFile("ok.jpg", jpeg_bytes((40, 30)))}, user=user)
    assert not form.is_valid()
    assert list(form.errors) == ["description"]
    assert form.fields["description"].label == "图片说明（替代文字）"
    form = form_class(
        data=image_form_data, files={"file": SimpleUploadedFile("ok.jpg", jpeg_bytes((40, 30)))}, user=user
    )
    assert form.is_valid(), form.errors


def test_gallery_image_without_any_description_is_refused(photo):
    undescribed = SiteImage(title="无说明")
    undescribed.file = ImageFile(io.BytesIO(jpeg_bytes((40, 30))), name="plain.jpg")
    undescribed.save()
    block = GalleryImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": undescribed.pk, "caption": "", "alt": ""}))
    assert (
        error.value.block_errors["alt"].message
        == "这张图片还没有说明：请在这里填写替代文字，或在图片库中补上图片说明。"
    )
    assert (
        block.clean(block.to_python({"image": undescribed.pk, "caption": "", "alt": "车间里的机床"}))["alt"]
        == "车间里的机床"
    )
    assert block.clean(block.to_python({"image": photo.pk, "caption": "", "alt": ""}))  # the image's own description


def test_gallery_block_renders_lightbox_links_and_its_assets(photo):
    block = GalleryBlock()
    value = block.to_python(
        {
            "heading": "车间",
            "images": [
                {"image": photo.pk, "caption": "第一张", "alt": ""},
                {"image": photo.pk, "caption": "", "alt": "另一种说法"},
            ],
        }
    )
    html = block.render(value)
    assert '<section class="media-gallery" data-gallery aria-label="车间">' in html
    links = re.findall(r"<a ([^>]*data-lightbox[^>]*)>", html)
    assert len(links) == 2
    assert re.search(r'href="/uploads/images/[^"]+max-1600x1600\.format-webp', links[0])
    assert 'data-srcset="' in links[0] and "800w" in links[0]
    assert 'data-alt="红色的测试画面"' in links[0] and 'data-caption="第一张 · 测试"' in links[0]
    assert 'data-alt="另一种说法"' in links[1]
    assert html.count("<picture>") == 2
    assert 'src="/static/media/lightbox.js" defer' in html and 'href="/static/media/media.css"' in html


def test_gallery_page_renders_the_demo_gallery(client):
    html = client.get("/gallery/").content.decode()
    assert "<h1>展馆图片集</h1>" in html
    assert html.count("data-lightbox") >= 3
    assert "并非实景照片" in html


def test_a_truncated_image_is_a_message_not_a_server_error(make_user, image_form_data):
    user = make_user("uploader-truncated", superuser=True)
    form = get_image_form(SiteImage)(
        data=image_form_data, files={"file": SimpleUploadedFile("cut.png", png_with_header(200, 200))}, user=user
    )
    assert not form.is_valid()
    assert form.errors["file"] == ["图片文件已损坏或不完整，无法读取。请用图片软件重新导出后再上传。"]

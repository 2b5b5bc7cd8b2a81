"""The hall's StreamField blocks: validation messages, previews for the block picker, rendering."""

from django.urls import reverse
from django.utils import timezone

from wagtail.blocks import StreamValue
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

import pytest

from archive.models import Honoree
from exhibits.blocks import ArtworkBlock, FilmBlock, GalleryBlock, StoryStreamBlock, TwoColumnBlock
from media.models import SiteImage

pytestmark = pytest.mark.django_db


def block_errors(block, value) -> dict[str, list[str]]:
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python(value))
    messages = {}
    for name, error in raised.value.block_errors.items():
        if isinstance(error, ListBlockValidationError):  # the list as a whole, not one of its items
            error = error.non_block_errors.as_data()[0]
        messages[name] = [str(message) for message in error.messages]
    return messages


def an_image() -> SiteImage:
    return SiteImage.objects.order_by("pk").first()


def artwork_value(**changes):
    value = {
        "title": "修笔人",
        "artist": "某美院学生",
        "medium": "油画",
        "year": 2019,
        "dimensions": "120×90 厘米",
        "image": an_image().pk,
        "description": "",
        "honoree": None,
    }
    return {**value, **changes}


def test_artwork_year_may_not_be_in_the_future():
    next_year = timezone.localdate().year + 1
    errors = block_errors(ArtworkBlock(), artwork_value(year=next_year))
    assert errors == {"year": [f"创作年份不能晚于今年（{next_year - 1}年）。"]}


def test_artwork_year_must_be_plausible():
    errors = block_errors(ArtworkBlock(), artwork_value(year=19))
    assert errors == {"year": ["创作年份应为四位数字，且不早于1900年。"]}


def test_artwork_without_year_and_honoree_is_valid():
    value = ArtworkBlock().clean(ArtworkBlock().to_python(artwork_value(year=None)))
    assert value["medium"] == "油画" and value["year"] is None


def test_gallery_needs_two_images():
    image = an_image().pk
    errors = block_errors(GalleryBlock(), {"heading": "", "images": [{"image": image, "caption": "一张"}]})
    assert errors == {"images": ["图集至少需要两张图片；只有一张时请使用“图片”块。"]}
    two = {"heading": "", "images": [{"image": image, "caption": "一"}, {"image": image, "caption": "二"}]}
    assert len(GalleryBlock().clean(GalleryBlock().to_python(two))["images"]) == 2


def test_film_needs_a_video_or_a_page():
    errors = block_errors(FilmBlock(), {"title": "劳模微电影", "video": "", "page": None, "caption": ""})
    assert errors == {
        "video": ["请填写视频网址，或在“影片页面”中选择一个页面。"],
        "page": ["请选择一个影片页面，或在“视频网址”中填写视频网址。"],
    }


def test_film_with_a_page_only_is_valid():
    from exhibits.models import ExhibitionPage

    page = ExhibitionPage.objects.get()
    value = FilmBlock().clean(FilmBlock().to_python({"title": "片名", "video": "", "page": page.pk, "caption": ""}))
    assert value["page"].pk == page.pk


def test_two_column_needs_text():
    errors = block_errors(
        TwoColumnBlock(),
        {"image": an_image().pk, "image_position": "left", "caption": "", "heading": "", "text": "<p> </p>"},
    )
    assert errors == {"text": ["请填写与图片并排的文字。"]}


@pytest.mark.parametrize("name", list(StoryStreamBlock().child_blocks))
def test_every_block_has_template_icon_label_description_and_preview(client, make_user, name):
    block = StoryStreamBlock().child_blocks[name]
    assert block.meta.template
    assert block.meta.icon and block.label and block.get_description()
    assert block.is_previewable
    client.force_login(make_user("previewer", superuser=True))
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/exhibits/hall.css" in html
    assert f"block-{name}" in html


def test_previews_work_without_any_image_or_honoree(client, make_user):
    """Preview values never name a database id: with no images or honorees they still render."""
    SiteImage.objects.all().delete()
    Honoree.objects.update(live=False)
    client.force_login(make_user("previewer", superuser=True))
    blocks = StoryStreamBlock().child_blocks
    for name in ("image", "gallery", "artwork", "two_column", "honoree_card"):
        response = client.get(reverse("wagtailadmin_block_preview"), {"id": blocks[name].definition_prefix})
        assert response.status_code == 200, name


def render_stream(data) -> str:
    stream = StreamValue(StoryStreamBlock(), data, is_lazy=True)
    return "".join(child.render() for child in stream)


def test_artwork_renders_label_credit_and_only_public_honoree():
    zhang = Honoree.objects.get(external_id="SRC-0001")
    html = render_stream([{"type": "artwork", "value": artwork_value(honoree=zhang.pk, medium="素描")}])
    assert "《修笔人》" in html and "素描" in html and "120×90 厘米" in html and "2019年" in html
    assert zhang.get_absolute_url() in html
    assert "示意插图（程序生成，非实景照片）" in html  # the image's own credit
    zhang.withdrawn = True
    zhang.save()
    html = render_stream([{"type": "artwork", "value": artwork_value(honoree=zhang.pk)}])
    assert zhang.get_absolute_url() not in html and "所绘劳模" not in html


def test_gallery_opens_each_thumbnail_in_the_lightbox():
    images = list(SiteImage.objects.order_by("pk")[:3])
    html = render_stream(
        [
            {
                "type": "gallery",
                "value": {"heading": "一览", "images": [{"image": i.pk, "caption": i.title} for i in images]},
            }
        ]
    )
    # The media library's gallery: thumbnails that open in its lightbox.
    assert html.count("data-lightbox ") == 3 and 'class="media-gallery"' in html
    assert all(f'alt="{image.alt}"' in html for image in images)


def test_two_column_puts_the_image_on_the_chosen_side():
    image = an_image()
    value = {
        "image": image.pk,
        "image_position": "right",
        "caption": "",
        "heading": "标题",
        "text": "<p>并排的文字</p>",
    }
    html = render_stream([{"type": "two_column", "value": value}])
    assert "image-right" in html and "并排的文字" in html and "<h2>标题</h2>" in html


def test_film_without_a_player_still_links_to_the_video():
    html = render_stream(
        [{"type": "film", "value": {"title": "劳模微电影", "video": "https://example.com/v/1", "caption": "说明"}}]
    )
    assert "劳模微电影" in html and 'href="https://example.com/v/1"' in html

"""为劳模造像 (the artworks gallery) and 相关展览 on entry pages, both kept in step with publishing."""

from wagtail.models import PageViewRestriction

import pytest

from archive.models import Honoree
from exhibits import catalogue
from exhibits.models import Artwork, ExhibitionPage, ExhibitionSectionPage, HonoreeMention, StoryIndexPage
from media.models import SiteImage
from tests.archive.factories import HonoreeFactory
from tests.exhibits.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

GALLERY_URL = "/hall/artworks/"


def artwork_block(title, medium, honoree=None, image=None):
    image = image or SiteImage.objects.order_by("pk").first()
    return {
        "type": "artwork",
        "value": {
            "title": title,
            "artist": "测试作者",
            "medium": medium,
            "year": 2018,
            "dimensions": "",
            "image": image.pk,
            "description": "",
            "honoree": honoree.pk if honoree else None,
        },
    }


def add_section(title, slug, body, publish=True) -> ExhibitionSectionPage:
    exhibition = ExhibitionPage.objects.get()
    section = ExhibitionSectionPage(title=title, slug=slug, body=body)
    exhibition.add_child(instance=section)
    if publish:
        section.save_revision().publish()
    return section


def test_demo_artworks_are_catalogued_with_their_section():
    portraits = ExhibitionSectionPage.objects.get(slug="portraits")
    artworks = list(Artwork.objects.filter(page=portraits))
    assert [(a.title, a.medium, a.honoree.external_id) for a in artworks] == [
        ("修笔人——张广义肖像", "素描", "SRC-0001"),
        ("守护城市的灯火——王月鹏", "油画", "SRC-0002"),
        ("冰面——刘博强", "水彩", "SRC-0005"),
    ]
    assert all(a.block_id and a.image.credit == "示意插图（程序生成，非实景照片）" for a in artworks)


def test_gallery_lists_artworks_links_sections_and_filters_by_medium(client):
    portraits = ExhibitionSectionPage.objects.get(slug="portraits")
    oil = Artwork.objects.get(medium="油画")
    html = client.get(GALLERY_URL).content.decode()
    assert "《修笔人——张广义肖像》" in html and "《守护城市的灯火——王月鹏》" in html and "《冰面——刘博强》" in html
    assert f'href="{portraits.url}#block-{oil.block_id}"' in html
    assert "展览《光荣属于劳动者——首都劳模精神展》" in html
    assert Honoree.objects.get(external_id="SRC-0002").get_absolute_url() in html
    assert 'href="?medium=%E6%B2%B9%E7%94%BB"' in html  # 油画, with its count
    assert "共 3 件作品" in html

    filtered = client.get(GALLERY_URL, {"medium": "油画"}).content.decode()
    assert "《守护城市的灯火——王月鹏》" in filtered
    assert "《修笔人——张广义肖像》" not in filtered and "共 1 件作品" in filtered
    assert 'aria-current="page">油画' in filtered

    unknown = client.get(GALLERY_URL, {"medium": "版画"}).content.decode()
    assert "没有“版画”这个类别" in unknown and "共 3 件作品" in unknown


def test_gallery_shows_artworks_from_stories_and_hides_withdrawn_honorees(client):
    honoree = HonoreeFactory(name="雕塑中的劳模")
    story = StoryPageFactory(parent=StoryIndexPage.objects.get(), title="雕塑进校园", body=[])
    story.body = [artwork_block("劳动者雕像", "雕塑", honoree)]
    story.save_revision().publish()
    html = client.get(GALLERY_URL, {"medium": "雕塑"}).content.decode()
    assert "《劳动者雕像》" in html and story.url in html and honoree.get_absolute_url() in html
    honoree.withdrawn = True
    honoree.save()
    html = client.get(GALLERY_URL, {"medium": "雕塑"}).content.decode()
    assert "《劳动者雕像》" in html and honoree.get_absolute_url() not in html


def test_unpublishing_removes_artworks_and_a_new_revision_replaces_them(client):
    section = add_section("新单元", "new-room", [artwork_block("第一稿", "国画")])
    assert "《第一稿》" in client.get(GALLERY_URL).content.decode()
    section.body = [artwork_block("第二稿", "国画")]
    section.save_revision().publish()
    html = client.get(GALLERY_URL).content.decode()
    assert "《第二稿》" in html and "《第一稿》" not in html
    section.unpublish()
    assert "《第二稿》" not in client.get(GALLERY_URL).content.decode()
    assert not Artwork.objects.filter(page=section).exists()


def test_drafts_and_private_pages_stay_out_of_the_gallery(client):
    section = add_section("草稿单元", "draft-room", [artwork_block("草稿作品", "摄影")], publish=False)
    section.save_revision()  # saved, never published
    assert "《草稿作品》" not in client.get(GALLERY_URL).content.decode()
    private = add_section("内部单元", "private-room", [artwork_block("内部作品", "摄影")])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert "《内部作品》" not in client.get(GALLERY_URL).content.decode()


def queries_for(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from archive.cache import bump_data_version

    client.get(url)  # warm the renditions and the navigation
    bump_data_version()  # but not the rendered list
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context)


def test_gallery_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    baseline = queries_for(client, GALLERY_URL)  # the three demo artworks
    for i in range(12):
        add_section(
            f"单元{i}", f"room-{i}", [artwork_block(f"作品{i}-{j}", "油画", HonoreeFactory()) for j in range(3)]
        )
    assert queries_for(client, GALLERY_URL) <= baseline
    with django_assert_max_num_queries(12):  # the list itself comes from the cache now
        html = client.get(GALLERY_URL).content.decode()
    assert html.count('class="card artwork-card"') == 39
    assert '油画 <span class="count">37</span>' in html and '素描 <span class="count">1</span>' in html


def test_entry_lists_the_exhibitions_featuring_the_honoree(client):
    wang = Honoree.objects.get(external_id="SRC-0002")
    html = client.get(wang.get_absolute_url()).content.decode()
    assert "相关展览" in html
    assert ExhibitionPage.objects.get().url in html
    assert ExhibitionSectionPage.objects.get(slug="keeping-the-lights-on").url in html  # honoree card
    assert ExhibitionSectionPage.objects.get(slug="portraits").url in html  # artwork


def test_unpublishing_a_section_removes_it_from_the_entry(client):
    zeng = Honoree.objects.get(external_id="SRC-0004")  # only on one section, by an honoree card
    section = ExhibitionSectionPage.objects.get(slug="keeping-the-lights-on")
    assert section.url in client.get(zeng.get_absolute_url()).content.decode()
    section.unpublish()
    html = client.get(zeng.get_absolute_url()).content.decode()
    assert section.url not in html and "相关展览" not in html
    assert not HonoreeMention.objects.filter(page=section).exists()
    section.get_latest_revision().publish()
    assert section.url in client.get(zeng.get_absolute_url()).content.decode()


def test_deleting_a_section_removes_its_mentions(client):
    honoree = HonoreeFactory(name="只在一个单元里")
    section = add_section(
        "将被删除", "to-delete", [{"type": "honoree_card", "value": {"honoree": honoree.pk, "note": ""}}]
    )
    assert "相关展览" in client.get(honoree.get_absolute_url()).content.decode()
    section.delete()
    assert not HonoreeMention.objects.filter(honoree=honoree).exists()
    assert "相关展览" not in client.get(honoree.get_absolute_url()).content.decode()


def test_stories_do_not_count_as_exhibitions(client):
    honoree = HonoreeFactory(name="故事里的劳模")
    story = StoryPageFactory(parent=StoryIndexPage.objects.get(), title="只是一篇故事", body=[])
    story.body = [{"type": "honoree_card", "value": {"honoree": honoree.pk, "note": ""}}]
    story.save_revision().publish()
    assert "相关展览" not in client.get(honoree.get_absolute_url()).content.decode()


def test_stream_blocks_finds_nested_blocks_and_rebuild_matches_refresh():
    raw = [
        {"type": "honoree_card", "id": "a", "value": {"honoree": 1}},
        {
            "type": "columns",
            "id": "b",
            "value": {"items": [{"type": "honoree_card", "id": "c", "value": {"honoree": 2}}]},
        },
    ]
    assert [block_id for block_id, _ in catalogue.stream_blocks(raw, "honoree_card")] == ["a", "c"]
    before = sorted(HonoreeMention.objects.values_list("page_id", "honoree_id"))
    catalogue.rebuild()
    assert sorted(HonoreeMention.objects.values_list("page_id", "honoree_id")) == before


def test_rebuild_command_restores_lost_rows():
    import io

    from django.core.management import call_command

    HonoreeMention.objects.all().delete()
    Artwork.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_hall_catalogue", stdout=out)
    assert Artwork.objects.count() == 3 and HonoreeMention.objects.filter(honoree__external_id="SRC-0004").exists()
    assert "艺术作品 3 件" in out.getvalue()


def test_private_sections_are_not_listed_on_the_entry(client):
    honoree = HonoreeFactory(name="内部展览里的劳模")
    card = [{"type": "honoree_card", "value": {"honoree": honoree.pk, "note": ""}}]
    private = add_section("内部单元", "private-mention", card)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert "相关展览" not in client.get(honoree.get_absolute_url()).content.decode()
    public = add_section("公开单元", "public-mention", card)
    html = client.get(honoree.get_absolute_url()).content.decode()
    assert public.url in html and private.url not in html

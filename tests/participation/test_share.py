"""Sharing: the share panel with a server-drawn QR code of the page, short URLs, printable cards, share images."""

import re
from html import unescape
from pathlib import Path

from django.conf import settings
from django.test import Client

from wagtail.images.tests.utils import get_test_image_file

import pytest
import qrcode
import qrcode.constants
from PIL import Image

from archive.models import Honoree
from core.qr import matrix_path
from media.models import SiteImage
from participation.share import DEFAULT_IMAGE
from tests.archive.factories import HonoreeFactory

pytestmark = pytest.mark.django_db


def decode_svg(svg: str) -> list[list[bool]]:
    """Reads the modules back out of our SVG: the viewBox gives the size, each path run a row of dark modules."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    matrix = [[False] * size for _ in range(size)]
    for x, y, run in re.findall(r"M(\d+),(\d+)h(\d+)v1h-\3z", re.search(r'<path[^>]* d="([^"]*)"', svg).group(1)):
        for dx in range(int(run)):
            matrix[int(y)][int(x) + dx] = True
    return matrix


def reference_matrix(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def test_share_panel_on_the_entry_encodes_the_page_url(client):
    html = client.get("/dictionary/SRC-0002/").content.decode()
    panel = re.search(r'<section class="share-panel".*?</section>', html, re.S).group(0)
    svg = re.search(r"<svg.*?</svg>", panel, re.S).group(0)
    page_url = "http://localhost/dictionary/SRC-0002/"
    assert decode_svg(svg) == reference_matrix(page_url)
    assert decode_svg(svg) != reference_matrix("http://localhost/dictionary/SRC-0001/")
    assert 'role="img"' in svg and "<title>王月鹏的网页二维码</title>" in svg
    assert f'value="{page_url}"' in panel and "复制链接" in panel
    assert 'href="http://localhost/m/SRC-0002"' in panel  # the short URL
    assert 'href="/share/card/SRC-0002/"' in panel
    assert 'href="#entry-share"' in html and 'id="entry-share"' in html


def test_the_svg_drawing_round_trips_any_matrix():
    matrix = [[bool((x * 7 + y * 3) % 5 == 0) for x in range(25)] for y in range(25)]
    svg = f'<svg viewBox="0 0 25 25"><path d="{matrix_path(matrix)}"/></svg>'
    assert decode_svg(svg) == matrix


def test_qr_endpoint_only_draws_this_sites_urls(client):
    own = client.get("/share/qr.svg", {"url": "http://testserver/dictionary/SRC-0001/"})
    assert own.status_code == 200 and own["Content-Type"].startswith("image/svg+xml")
    assert decode_svg(own.content.decode()) == reference_matrix("http://testserver/dictionary/SRC-0001/")
    assert "max-age=86400" in own["Cache-Control"]
    path_only = client.get("/share/qr.svg", {"url": "/dictionary/"})
    assert decode_svg(path_only.content.decode()) == reference_matrix("http://localhost/dictionary/")
    for foreign in (
        "https://evil.example/",
        "//evil.example/x",
        "javascript:alert(1)",
        "http://user@testserver/",
        "",
        "x" * 600,
    ):
        assert client.get("/share/qr.svg", {"url": foreign}).status_code == 400, foreign


def test_short_url_redirects_permanently(client):
    response = client.get("/m/SRC-0001")
    assert response.status_code == 301 and response["Location"] == "/dictionary/SRC-0001/"
    assert client.get("/m/src-0001")["Location"] == "/dictionary/SRC-0001/"
    assert client.get("/m/SRC-0001/").status_code == 301
    assert client.get("/m/NO-SUCH").status_code == 404
    Honoree.objects.filter(external_id="SRC-0001").update(withdrawn=True)
    assert client.get("/m/SRC-0001").status_code == 404


def test_printable_card_has_the_short_url_and_its_qr(client):
    response = client.get("/share/card/SRC-0002/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "王月鹏" in html and "2020年 全国劳动模范" in html and "localhost/m/SRC-0002" in html
    svg = re.search(r'<div class="card-qr">(.*?)</div>', html, re.S).group(1)
    assert decode_svg(svg) == reference_matrix("http://localhost/m/SRC-0002")
    assert client.get("/share/card/NO-SUCH/").status_code == 404


def test_default_share_image_is_big_enough():
    with Image.open(Path(settings.STATICFILES_DIRS[0]) / DEFAULT_IMAGE) as image:
        assert image.format == "PNG" and image.width >= 300 and image.height >= 300


def og(html: str, prop: str) -> list[str]:
    return [unescape(v) for v in re.findall(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', html)]


def test_an_entry_without_photo_shares_the_site_image(client):
    html = client.get("/dictionary/SRC-0003/").content.decode()
    assert og(html, "og:image") == ["http://testserver/static/laomo/img/share-default.png"]
    assert og(html, "og:image:width") == ["600"] and og(html, "og:title") == ["孙泽洲 · 劳模辞典"]
    wechat = re.search(r'<div class="wechat-share-image" hidden><img src="([^"]+)" width="(\d+)" height="(\d+)"', html)
    assert wechat.group(1).endswith("share-default.png") and int(wechat.group(2)) >= 300
    # WeChat takes the first picture of the page: this one comes right after <body>.
    assert html.index("wechat-share-image") < html.index('class="site-header"')


def test_an_entry_photo_is_shared_when_at_least_300px(client):
    photo = SiteImage.objects.create(title="p.png", description="在车间", file=get_test_image_file())  # 640×480
    HonoreeFactory(external_id="T-SHARE-1", name="田富", photo=photo)
    html = client.get("/dictionary/T-SHARE-1/").content.decode()
    images = og(html, "og:image")
    assert len(images) == 1 and "share-default" not in images[0]
    assert int(og(html, "og:image:width")[0]) >= 300 and int(og(html, "og:image:height")[0]) >= 300
    assert re.search(r'<div class="wechat-share-image" hidden><img src="' + re.escape(images[0]), html)


def test_a_small_photo_is_not_what_wechat_shares(client):
    photo = SiteImage.objects.create(title="small.png", description="小照片", file=get_test_image_file(size=(200, 150)))
    HonoreeFactory(external_id="T-SHARE-2", name="田小", photo=photo)
    html = client.get("/dictionary/T-SHARE-2/").content.decode()
    wechat = re.search(r'<div class="wechat-share-image" hidden><img src="([^"]+)"', html).group(1)
    assert wechat.endswith("share-default.png")


def test_pages_without_their_own_tags_get_open_graph_defaults(client, home):
    html = client.get("/").content.decode()
    assert og(html, "og:url") == ["http://localhost/"]
    assert og(html, "og:image") == ["http://testserver/static/laomo/img/share-default.png"]
    assert og(html, "og:site_name") == ["劳模数字展馆"]


def test_story_pages_put_their_cover_first_for_wechat(client):
    from exhibits.models import StoryPage

    story = StoryPage.objects.live().exclude(cover=None).first()
    html = Client().get(story.url).content.decode()
    wechat = re.search(r'<div class="wechat-share-image" hidden><img src="([^"]+)" width="(\d+)" height="(\d+)"', html)
    assert "share-default" not in wechat.group(1) and "/images/" in wechat.group(1)
    assert int(wechat.group(2)) >= 300 and int(wechat.group(3)) >= 300


def test_other_pages_include_the_panel_with_one_tag(rf):
    from django.template import engines

    from exhibits.models import StoryPage

    story = StoryPage.objects.live().first()
    request = rf.get(story.url)
    html = (
        engines["django"]
        .from_string("{% load participation_tags %}{% share_panel page %}")
        .render({"page": story}, request)
    )
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert decode_svg(svg) == reference_matrix(f"http://localhost{story.url}")
    assert f"<title>{story.title}的网页二维码</title>" in svg and "短网址" not in html

"""Issue 8: the share panel and Open Graph/WeChat tags on exhibitions, stories, lessons and films, and
纠错/补充 about a film or about a name's place on a name wall, through to the archivists' review queue."""

import re
from html import unescape

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest

from exhibits.models import ExhibitionPage, LessonPage, StoryPage
from media.models import FilmPage
from participation.models import Correction
from participation.notifications import outcome_message
from tests.archive.factories import HonoreeFactory
from tests.i18n_apps.walls import small_wall

from .test_corrections import submission
from .test_share import decode_svg, reference_matrix

pytestmark = pytest.mark.django_db

PAGE_TYPES = [ExhibitionPage, StoryPage, LessonPage, FilmPage]


def live_page(page_type):
    page = page_type.objects.live().public().order_by("path").first()
    assert page is not None, f"the demo content has no live {page_type.__name__}"
    return page


def meta(html: str, prop: str) -> list[str]:
    return [unescape(v) for v in re.findall(rf'<meta property="{re.escape(prop)}" content="([^"]*)"', html)]


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
def test_each_page_type_has_a_share_panel_with_the_qr_of_its_own_url(client, page_type):
    page = live_page(page_type)
    html = client.get(page.url).content.decode()
    panels = re.findall(r'<section class="share-panel".*?</section>', html, re.S)
    assert len(panels) == 1
    panel = panels[0]
    own_url = f"http://localhost{page.url}"
    svg = re.search(r"<svg.*?</svg>", panel, re.S).group(0)
    assert decode_svg(svg) == reference_matrix(own_url)
    assert f"<title>{page.title}的网页二维码</title>" in svg
    assert f'value="{own_url}"' in panel and "复制链接" in panel
    assert f"/share/qr.svg?url={own_url.replace(':', '%3A').replace('/', '%2F')}" in panel
    # What share.js announces comes from the page, in the page's language.
    assert 'data-msg-copied="链接已复制。"' in panel


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
def test_each_page_type_offers_open_graph_and_wechat_an_image_of_at_least_300px(client, page_type):
    page = live_page(page_type)
    html = client.get(page.url).content.decode()
    assert meta(html, "og:url") == [f"http://localhost{page.url}"]  # the public origin (tests: the Site record)
    assert len(meta(html, "og:title")) == 1 and meta(html, "og:locale") == ["zh_CN"]
    images = meta(html, "og:image")
    assert len(images) == 1 and images[0].startswith("http://testserver/")
    assert int(meta(html, "og:image:width")[0]) >= 300 and int(meta(html, "og:image:height")[0]) >= 300
    wechat = re.search(r'<div class="wechat-share-image" hidden><img src="[^"]+" width="(\d+)" height="(\d+)"', html)
    assert int(wechat.group(1)) >= 300 and int(wechat.group(2)) >= 300


def test_a_film_shares_its_poster_when_big_enough(client):
    film = FilmPage.objects.live().exclude(poster=None).first()
    assert film is not None and film.poster.width >= 300 and film.poster.height >= 300
    html = client.get(film.url).content.decode()
    assert meta(html, "og:type") == ["video.other"]
    assert "/images/" in meta(html, "og:image")[0] and "share-default" not in meta(html, "og:image")[0]


# --- 纠错/补充 about a film ---------------------------------------------------------------------------


def send_form(client, href: str, **overrides):
    """Opens the form at ``href`` (as a visitor following the link) and sends it with the hidden fields it has."""
    form = client.get(href)
    assert form.status_code == 200, form.content.decode()[:1500]
    html = form.content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    hidden.pop("csrfmiddlewaretoken", None)
    data = {**submission(shown=unescape(hidden.pop("shown"))), **{k: unescape(v) for k, v in hidden.items()}}
    place = re.search(r'name="place"[^>]*value="([^"]*)"', html)
    data["place"] = unescape(place.group(1)) if place else ""
    data.update(overrides)
    return form, client.post("/corrections/new/", data)


def correction_href(html: str) -> str:
    return unescape(re.search(r'<a class="correction-link" href="([^"]+)"', html).group(1))


def test_a_film_page_links_to_a_correction_about_the_film_that_reaches_the_queue(client, make_user):
    film = live_page(FilmPage)
    href = correction_href(client.get(film.url).content.decode())
    assert href == f"/corrections/new/?page={film.pk}"
    form, response = send_form(client, href)
    assert f'<a href="{film.url}">{film.title}</a>' in form.content.decode()
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.page_id == film.pk and correction.honoree is None and correction.wall_name is None
    assert correction.target_title == film.title and correction.target_path == film.url
    assert correction.target_kind == "劳模微电影"

    client.force_login(make_user("archivist", "档案管理员"))
    queue = client.get(reverse("corrections:index")).content.decode()
    assert correction.reference in queue and "劳模微电影" in queue and film.title in queue
    review = client.get(reverse("corrections:edit", args=[correction.pk])).content.decode()
    assert f'href="{film.url}"' in review and "查看网页" in review
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[film.pk])}"' in review


# --- 纠错/补充 about a name's place on a wall -----------------------------------------------------------


@pytest.fixture
def wall_with_names(db):
    return small_wall("share-wall")


def test_a_name_found_on_the_wall_links_to_a_correction_about_its_place(client, make_user, wall_with_names):
    wall, people = wall_with_names
    liu = people["刘一"]
    placement = liu.wall_placements.get(wall=wall)
    place = f"第 {placement.panel} 块 · 第 {placement.column} 列 · 第 {placement.row} 行"
    results = client.get(wall.url, {"q": "刘一"}).content.decode()
    href = correction_href(results)
    assert href.startswith(f"/corrections/new/?page={wall.pk}&name={liu.external_id}&panel={placement.panel}&place=")

    form, response = send_form(client, href, what_wrong="名字刻在第二块，不是这里。")
    lead = form.content.decode()
    spot = f"{wall.url}?panel={placement.panel}&amp;highlight={liu.external_id}#highlighted"
    assert f'<a href="{spot}">测试墙：刘一</a>（{place}）' in lead
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.page_id == wall.pk and correction.wall_name_id == liu.pk and correction.honoree is None
    assert correction.place == place and correction.target_title == "测试墙：刘一"
    assert correction.target_path == unescape(spot) and correction.target_kind == "劳模墙上的位置"
    assert correction.target_label == f"测试墙：刘一 · {place}"

    client.force_login(make_user("archivist", "档案管理员"))
    queue = client.get(reverse("corrections:index")).content.decode()
    assert correction.reference in queue and "劳模墙上的位置" in queue
    review = client.get(reverse("corrections:edit", args=[correction.pk])).content.decode()
    assert f'href="{spot}"' in review and "在墙上查看这个名字" in review
    assert f'href="{reverse("wagtailsnippets_archive_honoree:edit", args=[liu.pk])}"' in review
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[wall.pk])}"' in review


def test_the_name_card_links_to_a_correction_about_that_place(client, wall_with_names):
    wall, people = wall_with_names
    ding = people["丁二"]
    card = client.get(reverse("walls:card", args=[wall.slug, ding.external_id])).content.decode()
    href = correction_href(card)
    assert f"page={wall.pk}&name={ding.external_id}" in href
    _form, response = send_form(client, href)
    assert response.status_code == 302
    assert Correction.objects.get().wall_name_id == ding.pk


def test_a_name_that_is_not_on_the_wall_has_no_form(client, wall_with_names):
    wall, _people = wall_with_names
    elsewhere = HonoreeFactory(name="赵不在")
    assert client.get("/corrections/new/", {"page": wall.pk, "name": elsewhere.external_id}).status_code == 404
    assert client.get("/corrections/new/", {"page": wall.pk, "name": "NO-SUCH-ID"}).status_code == 404


def test_the_outcome_email_is_written_in_the_senders_language(client, wall_with_names):
    wall, people = wall_with_names
    _form, response = send_form(client, f"/corrections/new/?page={wall.pk}&name={people['王一'].external_id}")
    correction = Correction.objects.get()
    assert correction.language == "zh-hans"
    correction.status = Correction.Status.NEEDS_MORE_INFO
    correction.reviewer_message = "请提供照片。"
    chinese = outcome_message(correction, "http://testserver")
    assert "需要补充材料" in chinese.subject and "档案管理员需要您补充一些信息" in chinese.body
    correction.language = "en"
    with translation.override("zh-hans"):  # the archivist's admin language does not matter
        english = outcome_message(correction, "http://testserver")
    assert (
        english.subject
        == f"[Model Worker Digital Hall] Your correction or addition needs more information ({correction.reference})"
    )
    assert "The archivists need some more information from you:" in english.body
    assert "请提供照片。" in english.body and f"quoting the reference {correction.reference}" in english.body
    assert not mail.outbox

"""One public origin (LAOMO_SITE_URL, else the default Site record) for every address that leaves the site:
feeds, share links and their QR codes, printed cards and e-mails — whatever Host the request came by."""

import xml.etree.ElementTree as ET

from django.core import mail
from django.urls import reverse

from wagtail.models import Site

import pytest

from archive.models import Honoree
from core.origin import absolute_url, public_origin
from participation.models import Correction

pytestmark = pytest.mark.django_db

ORIGIN = "https://laomo.example.cn"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def configured(settings):
    settings.LAOMO_SITE_URL = ORIGIN


def test_the_setting_wins_and_the_default_site_record_stands_in_for_it(settings):
    settings.LAOMO_SITE_URL = " https://laomo.example.cn/ "
    assert public_origin() == ORIGIN
    assert absolute_url("/dictionary/SRC-0001/") == f"{ORIGIN}/dictionary/SRC-0001/"
    assert absolute_url("https://elsewhere.example/x") == "https://elsewhere.example/x"
    settings.LAOMO_SITE_URL = ""
    assert public_origin() == "http://localhost"  # the demo's Site record: localhost, port 80
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "laomo.beijing.example", 443
    site.save()  # an edit in Settings → Sites is seen at once, though the origin is cached
    assert public_origin() == "https://laomo.beijing.example"
    site.port = 8000
    site.save()
    assert public_origin() == "http://laomo.beijing.example:8000"


def test_feeds_link_to_the_public_origin(client, configured):
    rss = ET.fromstring(client.get("/stories/feed/rss/", HTTP_HOST="localhost").content).find("channel")
    assert rss.findtext("link") == f"{ORIGIN}/stories/"
    links = [item.findtext("link") for item in rss.findall("item")]
    assert links and all(link.startswith(f"{ORIGIN}/stories/") for link in links)
    atom = ET.fromstring(client.get("/stories/feed/atom/", HTTP_HOST="localhost").content)
    assert {link.get("href") for link in atom.iter(f"{ATOM}link")} >= {
        f"{ORIGIN}/stories/",
        f"{ORIGIN}/stories/feed/atom/",
    }
    assert "localhost" not in ET.tostring(atom, encoding="unicode")


def test_the_share_panel_and_its_qr_code_use_the_public_origin(client, configured):
    html = client.get("/dictionary/SRC-0002/", HTTP_HOST="localhost").content.decode()
    panel = html[html.index('class="share-panel') :]
    assert f'value="{ORIGIN}/dictionary/SRC-0002/"' in panel  # the link to copy
    assert f'href="{ORIGIN}/m/SRC-0002"' in panel  # the short URL
    assert f"url={ORIGIN.replace(':', '%3A').replace('/', '%2F')}%2Fdictionary%2FSRC-0002%2F" in panel
    assert "http://localhost" not in panel
    # The QR endpoint draws addresses on the public origin, and a bare path is put on it.
    assert (
        client.get("/share/qr.svg", {"url": f"{ORIGIN}/dictionary/SRC-0001/"}, HTTP_HOST="localhost").status_code == 200
    )
    assert client.get("/share/qr.svg", {"url": "https://elsewhere.example/"}).status_code == 400


def test_the_printable_card_carries_the_short_url_on_the_public_origin(client, configured):
    html = client.get("/share/card/SRC-0002/", HTTP_HOST="localhost").content.decode()
    assert "laomo.example.cn/m/SRC-0002" in html and "localhost/m/" not in html


def test_the_outcome_email_links_to_the_public_origin(client, configured, make_user, committed):
    correction = Correction.objects.create(
        honoree=Honoree.objects.get(external_id="SRC-0002"),
        target_title="王月鹏",
        target_path="/dictionary/SRC-0002/",
        what_wrong="单位写错了",
        relation="other",
        email="reader@example.com",
    )
    client.force_login(make_user("archivist", "档案管理员"))
    reason = "经核对，原记录无误。"
    url = reverse("corrections:edit", args=[correction.pk])
    committed(lambda: client.post(url, {"decision": "rejected", "reviewer_message": reason}, HTTP_HOST="localhost"))
    [message] = mail.outbox
    assert f"{ORIGIN}/dictionary/SRC-0002/" in message.body and "localhost" not in message.body

"""Apps add their parts to every page's frame through laomo/page_parts.py; base.html names no app."""

import re
from pathlib import Path

import pytest

from archive.models import Honoree
from core import page_parts

pytestmark = pytest.mark.django_db

APPS = ("archive", "search", "media", "exhibits", "participation")


def base_html() -> str:
    return (Path(__file__).resolve().parents[2] / "site" / "laomo" / "templates" / "base.html").read_text()


def test_base_template_names_no_app():
    named = [app for app in APPS if re.search(rf"(?<![.\w]){app}[/_:.]", base_html())]  # not page.search_…
    assert named == []


def test_every_page_gets_the_apps_parts_in_order(client):
    html = client.get("/dictionary/").content.decode()
    head = html[: html.index("</head>")]
    # The core's stylesheet first, then the apps' by their order: search (10), participation (20).
    assert head.index("laomo/css/site") < head.index("search/search") < head.index("participation/participation")
    assert re.search(r'<script src="[^"]*search/suggest[^"]*" defer>', head)
    assert re.search(r'<script src="[^"]*participation/share[^"]*" defer>', head)
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert (
        header.index('class="header-search"') < header.index('class="elder-switch"') < header.index("language-switch")
    )
    assert 'property="og:title"' in head  # the share tags, from participation's "meta" part


def test_a_page_with_its_own_share_tags_replaces_the_meta_part_only(client):
    honoree = Honoree.objects.filter(live=True, withdrawn=False).first()
    html = client.get(honoree.get_absolute_url()).content.decode()
    head = html[: html.index("</head>")]
    assert head.count('property="og:title"') == 1  # the entry's own, not a second from the share part
    assert 'property="og:image"' in head  # the share picture fallback ("head" part) still comes


def test_an_unknown_place_is_refused():
    with pytest.raises(ValueError, match="unknown page place"):
        page_parts.templates("footer")
    with pytest.raises(ValueError, match="unknown page places"):
        page_parts.PageParts(templates={"sidebar": ("x.html",)})

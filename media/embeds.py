"""External films: Chinese video sites without oEmbed, and the rules for showing any embed.

Bilibili, Tencent Video and Youku publish no oEmbed endpoint, but their player addresses are stable and
can be built from the video's id without a network request. Other sites go through Wagtail's oEmbed
finder. An embed is shown only when its player is allowed by the Content Security Policy (frame-src);
otherwise, or when no finder answers, the page shows a plain link.
"""

import hashlib
import logging
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.finders.base import EmbedFinder

from laomo.params import parse_int

logger = logging.getLogger(__name__)

FAILED_LOOKUP_SECONDS = 60 * 60  # a provider that did not answer is asked again after an hour, not per visitor


@dataclass(frozen=True)
class Player:
    provider: str
    src: str


def _bilibili(url: str) -> Player | None:
    match = re.match(r"^https?://(?:www\.|m\.)?bilibili\.com/video/(BV[0-9A-Za-z]{10}|av\d+)/?(?:\?.*)?$", url)
    if not match:
        return None
    video_id = match.group(1)
    page = parse_int(parse_qs(urlsplit(url).query).get("p", ["1"])[0], 1) or 1
    key = f"bvid={video_id}" if video_id.startswith("BV") else f"aid={video_id[2:]}"
    return Player("哔哩哔哩", f"https://player.bilibili.com/player.html?{key}&page={page}&autoplay=0")


def _tencent(url: str) -> Player | None:
    match = re.match(r"^https?://v\.qq\.com/x/(?:cover/[0-9A-Za-z]+/|page/)([0-9A-Za-z]{11})\.html(?:\?.*)?$", url)
    if not match:
        return None
    return Player("腾讯视频", f"https://v.qq.com/txp/iframe/player.html?vid={match.group(1)}")


def _youku(url: str) -> Player | None:
    match = re.match(r"^https?://v\.youku\.com/v_show/id_([0-9A-Za-z]+={0,2})\.html(?:\?.*)?$", url)
    if not match:
        return None
    return Player("优酷", f"https://player.youku.com/embed/{match.group(1)}")


PLAYERS = (_bilibili, _tencent, _youku)


def chinese_player(url: str) -> Player | None:
    url = (url or "").strip()
    for build in PLAYERS:
        if player := build(url):
            return player
    return None


class ChineseVideoFinder(EmbedFinder):
    """Wagtail embed finder for Bilibili, Tencent Video and Youku video pages (WAGTAILEMBEDS_FINDERS)."""

    def accept(self, url):
        return chinese_player(url) is not None

    def find_embed(self, url, max_width=None, max_height=None):
        player = chinese_player(url)
        return {
            "title": "",
            "author_name": "",
            "provider_name": player.provider,
            "type": "video",
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
            "html": format_html(
                '<iframe src="{}" title="{}播放器" allow="fullscreen; picture-in-picture" allowfullscreen '
                'loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>',
                player.src,
                player.provider,
            ),
        }


def frame_allowed(html: str) -> bool:
    """True when every iframe in the embed comes from a host the Content Security Policy lets us frame."""
    sources = re.findall(r"<iframe[^>]+src=[\"']([^\"']+)", html or "")
    if not sources:
        return False
    allowed = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].get("frame-src", [])
    origins = {f"{p.scheme}://{p.netloc}" for p in map(urlsplit, allowed) if p.netloc}
    for src in sources:
        parts = urlsplit(src if not src.startswith("//") else "https:" + src)
        if f"{parts.scheme}://{parts.netloc}" not in origins:
            return False
    return True


def find_player(url: str):
    """The Wagtail Embed for an external film when it can be shown here, else None (the page shows a link)."""
    if not url:
        return None
    failed_key = f"media:embed-failed:{hashlib.sha256(url.encode()).hexdigest()}"
    if cache.get(failed_key):
        return None
    try:
        embed = get_embed(url)
    except EmbedException as error:
        logger.info("No embed for %s: %s", url, error or type(error).__name__)
        cache.set(failed_key, True, FAILED_LOOKUP_SECONDS)
        return None
    return embed if frame_allowed(embed.html) else None


# The video sites' names as visitors read them (the players' stored iframes keep the Chinese names).
SITE_NAMES = (
    ("bilibili.com", _("哔哩哔哩")),
    ("qq.com", _("腾讯视频")),
    ("youku.com", _("优酷")),
    ("iqiyi.com", _("爱奇艺")),
    ("cctv.com", _("央视网")),
)


def provider_name(url: str) -> str:
    """A readable name, in the interface language, for the site a film's player or link comes from."""
    host = urlsplit(url).netloc.lower()
    for suffix, name in SITE_NAMES:
        if host == suffix or host.endswith("." + suffix):
            return str(name)
    return host.removeprefix("www.")

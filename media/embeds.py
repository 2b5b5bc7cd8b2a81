"""External films: the addresses we accept, the film's own page on its site, and the rules for showing any embed.

Bilibili, Tencent Video and Youku publish no oEmbed endpoint, but their player addresses are stable and can be
built from the video's id without a network request; iQIYI and CCTV players may not be framed, so their films are
links. Other sites go through Wagtail's oEmbed finder. An address is accepted only when it names one film (a
search results page, a channel or a home page is refused with the reason), and visitors are always sent to the
film itself, rebuilt from its id. An embed is shown only when its player is allowed by the Content Security
Policy (frame-src); otherwise, or when no finder answers, the page shows a plain link.
"""

import hashlib
import logging
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.finders import get_finders
from wagtail.embeds.finders.base import EmbedFinder

from core.params import parse_int

logger = logging.getLogger(__name__)

FAILED_LOOKUP_SECONDS = 60 * 60  # a provider that did not answer is asked again after an hour, not per visitor


@dataclass(frozen=True)
class Player:
    provider: str
    src: str  # the player to frame; "" for a site whose player may not be framed here
    watch_url: str  # the film's own page on its site, rebuilt from the id


def _bilibili(url: str) -> Player | None:
    match = re.match(r"^https?://(?:www\.|m\.)?bilibili\.com/video/(BV[0-9A-Za-z]{10}|av\d+)/?(?:\?.*)?$", url)
    if not match:
        return None
    video_id = match.group(1)
    page = parse_int(parse_qs(urlsplit(url).query).get("p", ["1"])[0], 1) or 1
    key = f"bvid={video_id}" if video_id.startswith("BV") else f"aid={video_id[2:]}"
    return Player(
        "哔哩哔哩",
        f"https://player.bilibili.com/player.html?{key}&page={page}&autoplay=0",
        f"https://www.bilibili.com/video/{video_id}/" + (f"?p={page}" if page > 1 else ""),
    )


def _tencent(url: str) -> Player | None:
    match = re.match(r"^https?://v\.qq\.com/x/(?:cover/([0-9A-Za-z]+)/|page/)([0-9A-Za-z]{11})\.html(?:\?.*)?$", url)
    if not match:
        return None
    cover, vid = match.groups()
    page = f"https://v.qq.com/x/cover/{cover}/{vid}.html" if cover else f"https://v.qq.com/x/page/{vid}.html"
    return Player("腾讯视频", f"https://v.qq.com/txp/iframe/player.html?vid={vid}", page)


def _youku(url: str) -> Player | None:
    match = re.match(r"^https?://v\.youku\.com/v_show/id_([0-9A-Za-z]+={0,2})\.html(?:\?.*)?$", url)
    if not match:
        return None
    video_id = match.group(1)
    return Player(
        "优酷", f"https://player.youku.com/embed/{video_id}", f"https://v.youku.com/v_show/id_{video_id}.html"
    )


def _iqiyi(url: str) -> Player | None:
    match = re.match(r"^https?://(?:www\.)?iqiyi\.com/(v_[0-9a-z]+)\.html(?:\?.*)?$", url)
    return Player("爱奇艺", "", f"https://www.iqiyi.com/{match.group(1)}.html") if match else None


def _cctv(url: str) -> Player | None:
    match = re.match(r"^https?://tv\.cctv\.com/(\d{4}/\d{2}/\d{2}/VIDE[0-9A-Za-z]+)\.shtml(?:\?.*)?$", url)
    return Player("央视网", "", f"https://tv.cctv.com/{match.group(1)}.shtml") if match else None


PLAYERS = (_bilibili, _tencent, _youku, _iqiyi, _cctv)


def chinese_player(url: str) -> Player | None:
    """The film on a Chinese video site this address names, or None when it names none."""
    url = (url or "").strip()
    for build in PLAYERS:
        if player := build(url):
            return player
    return None


# The video sites we know: their names as visitors read them (the players' stored iframes keep the Chinese
# names), and what one film's address looks like there, for the messages that refuse a wrong one.
SITES = (
    ("bilibili.com", _("哔哩哔哩"), "https://www.bilibili.com/video/BV1xx411c7mD"),
    ("qq.com", _("腾讯视频"), "https://v.qq.com/x/page/a0000000000.html"),
    ("youku.com", _("优酷"), "https://v.youku.com/v_show/id_XNDg1MjQ3MjA4NA==.html"),
    ("iqiyi.com", _("爱奇艺"), "https://www.iqiyi.com/v_19rr7qhfg0.html"),
    ("cctv.com", _("央视网"), "https://tv.cctv.com/2020/05/01/VIDEabcdefghij0123456789.shtml"),
)
SEARCH_RE = re.compile(r"(?:^|\.)(?:search|so)\.|/search|/results|[?&](?:keyword|search_query|q|query|wd)=", re.I)


def check_film_url(url: str) -> None:
    """Accept an address that names one film on a site we know or that Wagtail's finders know (YouTube, Vimeo…).

    Raises ValidationError with the reason, in Chinese: a search results page, a short link we cannot check
    without following it, another page of a known site, or a site we know nothing about."""
    url = (url or "").strip()
    if chinese_player(url):
        return
    parts = urlsplit(url)
    host = parts.netloc.lower().split(":")[0]
    if host == "b23.tv":
        raise ValidationError(
            "哔哩哔哩的短链接（b23.tv）无法核对是哪部影片：请在浏览器里打开它，复制跳转后的网址，"
            "如 https://www.bilibili.com/video/BV1xx411c7mD"
        )
    for suffix, name, example in SITES:
        if host == suffix or host.endswith("." + suffix):
            if SEARCH_RE.search(f"{host}{parts.path}?{parts.query}"):
                raise ValidationError(
                    f"这是{name}的搜索结果页，不是一部影片。请打开影片本身，复制浏览器地址栏里的网址，如 {example}"
                )
            raise ValidationError(f"这不是{name}上单个视频的网址。请打开影片，复制浏览器地址栏里的网址，如 {example}")
    if any(finder.accept(url) for finder in get_finders() if not isinstance(finder, ChineseVideoFinder)):
        return
    raise ValidationError(
        "无法核对这个网址是不是一部影片。请填写哔哩哔哩、腾讯视频、优酷、爱奇艺或央视网上单个视频的网址"
        "（或 YouTube、Vimeo 等提供 oEmbed 的网站），或者在“视频文件”里上传视频。"
    )


def watch_url(url: str) -> str:
    """The film's own page: rebuilt from its id on the sites we know, else the checked address as given."""
    player = chinese_player(url)
    return player.watch_url if player else (url or "").strip()


class ChineseVideoFinder(EmbedFinder):
    """Wagtail embed finder for Bilibili, Tencent Video and Youku video pages (WAGTAILEMBEDS_FINDERS)."""

    def accept(self, url):
        player = chinese_player(url)
        return player is not None and bool(player.src)

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
    if (player := chinese_player(url)) and not player.src:
        return None  # a site whose player may not be framed: the page links to the film
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


def provider_name(url: str) -> str:
    """A readable name, in the interface language, for the site a film's player or link comes from."""
    host = urlsplit(url).netloc.lower()
    for suffix, name, _example in SITES:
        if host == suffix or host.endswith("." + suffix):
            return str(name)
    return host.removeprefix("www.")

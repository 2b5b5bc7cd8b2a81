"""What the panel, card and locate views need to know about a wall, without loading the page on every request.

A panel fetch or a locate answer must come back in a few milliseconds; building a Wagtail page object (a
multi-table query over fifty columns, plus the privacy check) would take most of that. So the published,
unrestricted walls are kept in the cache as small snapshots, dropped whenever any page is published,
unpublished, moved or deleted (a move changes URLs, and entrances change by publishing).

This module keeps the snapshots; the query that finds the page is the page model's own
(NameWallPage.public_snapshot), so the page can use the snapshots without this module importing it.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.versions import VersionCounter

VERSION_KEY = "walls:info-version"
CACHE_SECONDS = 300


@dataclass(frozen=True)
class EntranceInfo:
    name: str
    description: str
    first_panel: int | None
    last_panel: int | None

    def serves(self, panel: int) -> bool:
        return entrance_serves(self, panel)


def entrance_serves(entrance, panel: int) -> bool:
    """Whether an entrance (a WallEntrance or its snapshot) is the nearest one to this panel."""
    if entrance.first_panel is None:
        return False
    return entrance.first_panel <= panel and (entrance.last_panel is None or panel <= entrance.last_panel)


@dataclass(frozen=True)
class WallInfo:
    """Reads like the page for everything the fast views use (pk, slug, layout settings, URL)."""

    pk: int
    slug: str
    title: str
    place: str
    start_hint: str
    url: str
    include_synthetic: bool
    orientation: str
    columns_per_panel: int
    rows_per_column: int
    entrances: tuple[EntranceInfo, ...]

    def get_url(self, request=None) -> str:
        return self.url


_counter = VersionCounter(VERSION_KEY)


def _version() -> int:
    return _counter.current()


def forget_walls(**kwargs) -> None:
    _counter.bump()


def cached_snapshot(slug: str, find: Callable[[str], Page | None]) -> WallInfo | None:
    """The snapshot of the wall with this slug, or None; `find(slug)` finds the page when the cache has neither."""
    if len(slug) > 255:
        return None
    # Hashed: a slug comes from the URL and may hold anything (spaces, quotes) that some cache backends refuse.
    key = f"walls:info:{_version()}:{hashlib.sha1(slug.encode()).hexdigest()}"
    info = cache.get(key)
    if info is None:
        page = find(slug)
        info = snapshot(page) if page else False
        cache.set(key, info, CACHE_SECONDS)
    return info or None


def snapshot(page) -> WallInfo:
    return WallInfo(
        pk=page.pk,
        slug=page.slug,
        title=page.title,
        place=page.place,
        start_hint=page.start_hint,
        url=page.get_url(),
        include_synthetic=page.include_synthetic,
        orientation=page.orientation,
        columns_per_panel=page.columns_per_panel,
        rows_per_column=page.rows_per_column,
        entrances=tuple(EntranceInfo(e.name, e.description, e.first_panel, e.last_panel) for e in page.entrances.all()),
    )


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_walls, dispatch_uid=f"walls-info-{signal}")
    post_delete.connect(forget_walls, sender=Page, dispatch_uid="walls-info-delete")

"""Keeps the artworks catalogue and the honoree mentions in step with published pages.

Both are read out of a page's stored stream (raw JSON, no block conversion) when it is published, and
removed when it is unpublished; a deleted page takes its rows with it (foreign keys with CASCADE).
"""

from collections.abc import Iterable, Iterator

from django.db import transaction

from wagtail.models import Page

from archive.models import Honoree
from core.fallback import originals
from media.models import SiteImage

from .models import (
    Artwork,
    ExhibitionPage,
    ExhibitionSectionPage,
    HonoreeMention,
    StoryPage,
)

ARTWORK_PAGE_TYPES = (ExhibitionPage, ExhibitionSectionPage, StoryPage)
MENTION_PAGE_TYPES = (ExhibitionPage, ExhibitionSectionPage)


def stream_blocks(raw: Iterable, block_type: str) -> Iterator[tuple[str, dict]]:
    """(id, value) of every block of this type in a raw stream, also inside lists and structs."""
    for item in raw or []:
        if not isinstance(item, dict):
            continue
        value = item.get("value")
        if item.get("type") == block_type and isinstance(value, dict):
            yield item.get("id") or "", value
        children = value.values() if isinstance(value, dict) else [value]
        for child in children:
            if isinstance(child, list):
                yield from stream_blocks(child, block_type)


def _pk(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _known(value, known: set[int]) -> int | None:
    pk = _pk(value)
    return pk if pk in known else None


def _existing(model, pks: set[int | None]) -> set[int]:
    pks = {pk for pk in pks if pk is not None}
    return set(model.objects.filter(pk__in=pks).values_list("pk", flat=True)) if pks else set()


@transaction.atomic
def refresh_page(page: Page) -> None:
    """Rewrite the page's artworks and mentions from its current (live) content."""
    Artwork.objects.filter(page_id=page.pk).delete()
    HonoreeMention.objects.filter(page_id=page.pk).delete()
    page = page.specific
    if not page.live or not isinstance(page, ARTWORK_PAGE_TYPES):
        return
    raw = page.body.raw_data
    artworks = list(stream_blocks(raw, "artwork"))
    cards = list(stream_blocks(raw, "honoree_card"))
    images = _existing(SiteImage, {_pk(value.get("image")) for _, value in artworks})
    honorees = _existing(Honoree, {_pk(value.get("honoree")) for _, value in artworks + cards})
    Artwork.objects.bulk_create(
        Artwork(
            page_id=page.pk,
            block_id=block_id[:64],
            position=position,
            title=str(value.get("title") or "")[:120],
            artist=str(value.get("artist") or "")[:120],
            medium=str(value.get("medium") or "")[:8],
            year=_pk(value.get("year")),
            dimensions=str(value.get("dimensions") or "")[:80],
            description=str(value.get("description") or ""),
            image_id=_known(value.get("image"), images),
            honoree_id=_known(value.get("honoree"), honorees),
        )
        for position, (block_id, value) in enumerate(artworks)
    )
    if isinstance(page, MENTION_PAGE_TYPES):
        mentioned = {_pk(value.get("honoree")) for _, value in artworks + cards} & honorees
        HonoreeMention.objects.bulk_create(HonoreeMention(page_id=page.pk, honoree_id=pk) for pk in sorted(mentioned))


def rebuild() -> int:
    """Rebuild both tables from every live page (after an import of pages, or for an old database)."""
    Artwork.objects.all().delete()
    HonoreeMention.objects.all().delete()
    count = 0
    for model in ARTWORK_PAGE_TYPES:
        for page in model.objects.live():
            refresh_page(page)
            count += 1
    return count


def exhibitions_featuring(honoree: Honoree) -> list[dict]:
    """The live, public exhibitions (with their sections) that feature the honoree, in tree order."""
    mentioned = Page.objects.live().filter(pk__in=HonoreeMention.objects.filter(honoree=honoree).values("page_id"))
    pages = list(originals(mentioned).order_by("path"))
    if not pages:  # most entries: one query, and the view restrictions are not even looked up
        return []
    public = set(Page.objects.filter(pk__in=[page.pk for page in pages]).public().values_list("pk", flat=True))
    pages = [page for page in pages if page.pk in public]
    parents = {page.path: page for page in Page.objects.filter(path__in={p.path[: -Page.steplen] for p in pages})}
    groups: dict[str, dict] = {}
    for page in pages:
        if page.specific_class is ExhibitionPage:
            groups.setdefault(page.path, {"exhibition": page, "sections": []})
            continue
        parent = parents.get(page.path[: -Page.steplen])
        if parent is not None:
            groups.setdefault(parent.path, {"exhibition": parent, "sections": []})["sections"].append(page)
    return list(groups.values())

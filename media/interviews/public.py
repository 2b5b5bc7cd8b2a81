"""The public segments of oral-history interviews, for a search index or an API to read.

Only live pages without a view restriction, and only what access.py lets the public see: a closed or on-site
interview, or a segment of either level, is never yielded. The models are looked up through the app registry
rather than imported: they import access.py, and importing them here would close a circle between the two packages.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Prefetch

from core.fallback import originals


@dataclass(frozen=True)
class PublicSegment:
    page_id: int
    page_title: str
    url: str  # opens the recording at the segment: /oral-history/…/?t=754
    sitting: int
    start: int
    title: str
    synopsis: str
    keywords: list[str]
    transcript: str


def public_interviews(honoree=None):
    """Live, unrestricted interview pages (the Chinese originals), with what their public view reads."""
    page_model = apps.get_model("media", "InterviewPage")
    segment_model = apps.get_model("media", "InterviewSegment")
    pages = originals(page_model.objects.live().public())
    if honoree is not None:
        pages = pages.filter(honorees=honoree)
    return pages.prefetch_related(
        "sittings", Prefetch("segments", queryset=segment_model.objects.prefetch_related("honorees"))
    ).order_by("-interview_date", "-first_published_at", "pk")


def public_segments(on: datetime.date | None = None, honoree=None) -> Iterator[PublicSegment]:
    """Every public segment, interview by interview; with `honoree`, only the segments that mention them."""
    segment_model = apps.get_model("media", "InterviewSegment")
    pages = public_interviews()
    if honoree is not None:
        mentioned = segment_model.objects.filter(honorees=honoree).values("page_id")
        pages = pages.filter(pk__in=mentioned)
    for page in pages:
        for segment in page.public_view(on).segments:
            if honoree is not None and honoree not in segment.honorees.all():
                continue
            yield PublicSegment(
                page_id=page.pk,
                page_title=page.title,
                url=page.segment_url(segment),
                sitting=segment.sitting,
                start=segment.start,
                title=segment.title,
                synopsis=segment.synopsis,
                keywords=segment.keyword_list(),
                transcript=segment.transcript,
            )

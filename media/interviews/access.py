"""What the public may see of an oral-history interview and of each of its segments: the one place for the rules.

The interview page, its transcript downloads, the dictionary's entry sections, the site's search and API all ask
here, so a closed or on-site segment can reach no public answer by a second road. Nothing here imports a model:
the models import this module (their choices come from it), and the rules read plain attributes.

- An interview is public (公开), on-site only (现场查阅: the catalogue description is public, the recording and the
  words are read at the hall), or closed until a date (到期前不公开: only its title is public; from that date on it
  is public).
- A segment is seen at the stricter of its own level and the interview's.
- A sitting's recording and captions hold every segment of the sitting, so they are public only when every segment
  of that sitting is public: one closed segment withholds the whole recording (an archive would cut a public copy).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

PUBLIC = "public"
ON_SITE = "onsite"
CLOSED = "closed"
CHOICES = [(PUBLIC, "公开"), (ON_SITE, "仅限现场查阅"), (CLOSED, "到期前不公开")]
_STRICTNESS = {PUBLIC: 0, ON_SITE: 1, CLOSED: 2}


def today() -> datetime.date:
    return timezone.localdate()


def level(access: str, closed_until: datetime.date | None, on: datetime.date | None = None) -> str:
    """The level in force on a day: a closure ends on its date; an unknown value counts as closed."""
    if access == CLOSED and closed_until is not None and closed_until <= (on or today()):
        return PUBLIC
    return access if access in _STRICTNESS else CLOSED


def stricter(*levels: str) -> str:
    return max(levels, key=lambda value: _STRICTNESS.get(value, _STRICTNESS[CLOSED]))


def interview_level(page, on: datetime.date | None = None) -> str:
    return level(page.access, page.closed_until, on)


def segment_level(page, segment, on: datetime.date | None = None) -> str:
    return stricter(interview_level(page, on), level(segment.access, segment.closed_until, on))


def public_segments_of(page, segments, on: datetime.date | None = None) -> list:
    """The segments (of this page, in their order) a visitor may read and play."""
    return [segment for segment in segments if segment_level(page, segment, on) == PUBLIC]


def public_sitting_numbers(page, sitting_count: int, segments, on: datetime.date | None = None) -> set[int]:
    """Numbers (1, 2…) of the sittings whose recording and captions may be played on a public page."""
    if interview_level(page, on) != PUBLIC:
        return set()
    withheld = {segment.sitting for segment in segments if segment_level(page, segment, on) != PUBLIC}
    return {number for number in range(1, sitting_count + 1) if number not in withheld}


@dataclass
class PublicView:
    """Everything a public page, a download or an index may show of one interview."""

    level: str
    closed_until: datetime.date | None = None
    sittings: list = field(default_factory=list)  # (number, sitting) pairs whose recording is public
    segments: list = field(default_factory=list)  # public segments, in order
    withheld_segments: int = 0  # how many are not shown (a count only: never their titles)

    @property
    def shows_description(self) -> bool:
        """The catalogue description (summary, interviewer, date, place, language): public and on-site only."""
        return self.level != CLOSED


def public_view(page, sittings, segments, on: datetime.date | None = None) -> PublicView:
    """What the public sees of `page`, given its sittings and segments (lists, in order)."""
    segments = list(segments)
    interview = interview_level(page, on)
    if interview != PUBLIC:
        return PublicView(level=interview, closed_until=page.closed_until if interview == CLOSED else None)
    shown = public_segments_of(page, segments, on)
    playable = public_sitting_numbers(page, len(sittings), segments, on)
    return PublicView(
        level=interview,
        sittings=[(number, sitting) for number, sitting in enumerate(sittings, start=1) if number in playable],
        segments=shown,
        withheld_segments=len(segments) - len(shown),
    )

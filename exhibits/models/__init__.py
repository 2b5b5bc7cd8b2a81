"""Models of the hall, stories and lessons — one module each — and of the name walls, which live in their own
room (exhibits/walls/models.py, exhibits/walls/placements.py); all imported explicitly here, so Django finds them
under the app label `exhibits`."""

from exhibits.walls.models import (
    NameWallIndexPage,
    NameWallPage,
    WallEntrance,
    WallHonour,
    WallLayoutState,
    WallPlacement,
)

from ..worksheet_files import LessonWorksheet
from .catalogue import Artwork, HonoreeMention
from .hall import ArtworkGalleryPage, ExhibitionPage, ExhibitionSectionPage, HallIndexPage
from .lessons import LessonIndexPage, LessonPage
from .stories import StoryIndexPage, StoryPage, StoryTag

__all__ = [
    "Artwork",
    "ArtworkGalleryPage",
    "ExhibitionPage",
    "ExhibitionSectionPage",
    "HallIndexPage",
    "HonoreeMention",
    "LessonIndexPage",
    "LessonPage",
    "LessonWorksheet",
    "NameWallIndexPage",
    "NameWallPage",
    "StoryIndexPage",
    "StoryPage",
    "StoryTag",
    "WallEntrance",
    "WallHonour",
    "WallLayoutState",
    "WallPlacement",
]

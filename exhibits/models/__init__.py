"""Models of the hall, stories, lessons and name walls — one module each, imported explicitly here."""

from .catalogue import Artwork, HonoreeMention
from .hall import ArtworkGalleryPage, ExhibitionPage, ExhibitionSectionPage, HallIndexPage
from .lessons import LessonIndexPage, LessonPage, LessonWorksheet
from .stories import StoryIndexPage, StoryPage, StoryTag
from .walls import NameWallIndexPage, NameWallPage, WallEntrance, WallHonour, WallLayoutState, WallPlacement

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

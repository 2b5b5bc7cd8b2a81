"""Models of the hall, stories, lessons and name walls — one module each, imported explicitly here."""

from .hall import ExhibitionPage, ExhibitionSectionPage, HallIndexPage
from .stories import StoryIndexPage, StoryPage, StoryTag

__all__ = [
    "ExhibitionPage",
    "ExhibitionSectionPage",
    "HallIndexPage",
    "StoryIndexPage",
    "StoryPage",
    "StoryTag",
]

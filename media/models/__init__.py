"""Models of images, films, galleries and oral history — one module each, imported explicitly here."""

from .film_index import FilmIndexPage
from .films import Caption, FilmPage, FilmTheme
from .galleries import GalleryPage
from .images import SiteImage, SiteRendition
from .interviews import InterviewIndexPage, InterviewPage, InterviewSegment, InterviewSitting

__all__ = [
    "Caption",
    "FilmIndexPage",
    "FilmPage",
    "FilmTheme",
    "GalleryPage",
    "InterviewIndexPage",
    "InterviewPage",
    "InterviewSegment",
    "InterviewSitting",
    "SiteImage",
    "SiteRendition",
]

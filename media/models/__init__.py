"""Models of images, films and galleries — one module each, imported explicitly here."""

from .films import Caption, FilmIndexPage, FilmPage, FilmTheme
from .galleries import GalleryPage
from .images import SiteImage, SiteRendition

__all__ = [
    "Caption",
    "FilmIndexPage",
    "FilmPage",
    "FilmTheme",
    "GalleryPage",
    "SiteImage",
    "SiteRendition",
]

"""Models of images, films and galleries — one module each, imported explicitly here."""

from .film_index import FilmIndexPage
from .films import Caption, FilmPage, FilmTheme
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

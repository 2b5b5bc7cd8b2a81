from wagtail.snippets.models import register_snippet

from .viewsets import ArchiveViewSetGroup

register_snippet(ArchiveViewSetGroup)

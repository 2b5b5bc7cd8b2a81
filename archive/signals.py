"""Archive bookkeeping that must follow every change, however it is made (admin, import, shell)."""

from django.db.models.signals import post_delete, post_save
from wagtail.search import index

from .cache import bump_data_version


def drop_from_index_unless_public(sender, instance, **kwargs):
    """A withdrawn or unpublished record leaves the search index at once (saving alone would only skip it)."""
    if not instance.is_public:
        index.remove_object(instance)


def connect():
    from .models import Award, District, Honoree, Honour, HonourAlias, Industry

    for model in (Honoree, Award, Honour, HonourAlias, District, Industry):
        post_save.connect(bump_data_version, sender=model, dispatch_uid=f"archive-version-save-{model.__name__}")
        post_delete.connect(bump_data_version, sender=model, dispatch_uid=f"archive-version-delete-{model.__name__}")
    post_save.connect(drop_from_index_unless_public, sender=Honoree, dispatch_uid="archive-drop-from-index")

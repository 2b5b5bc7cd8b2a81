"""Archive bookkeeping that must follow every change, however it is made (admin, import, shell)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from .cache import bump_data_version
from .models import Award, District, Honoree, Honour, HonourAlias, Industry

# Sent after an import has been committed, with the primary keys it created and changed, so that indexes
# (Wagtail's admin search among them) can follow in bulk: bulk writes send no post_save or published signals.
honorees_imported = Signal()


def connect():
    for model in (Honoree, Award, Honour, HonourAlias, District, Industry):
        post_save.connect(bump_data_version, sender=model, dispatch_uid=f"archive-version-save-{model.__name__}")
        post_delete.connect(bump_data_version, sender=model, dispatch_uid=f"archive-version-delete-{model.__name__}")

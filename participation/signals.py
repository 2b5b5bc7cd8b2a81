"""Linking accepted corrections to the revision that carried them into the record.

How a correction reaches the revision history:

1. An archivist chooses “采纳” in the review queue. The correction becomes ``accepted`` with no revision yet
   (“已采纳，待修改记录”), and the archivist is taken to the edit view of the honoree (or page).
2. The archivist changes the record and publishes it — directly, or through the approval workflow.
3. Wagtail's ``published`` signal fires for that revision. Every accepted correction of this record still
   waiting for a revision is linked to it (``accepted_revision``, ``applied_at``), and a history entry
   “采纳勘误与补充 JC-…” is written on the record with the same revision, so the record's history shows
   which submission each change came from.

The signal (rather than a session value or a query parameter carried through the edit form) covers every way
a record gets published — the archivist's own edit, a colleague's approval, a scheduled publication — and
survives the archivist opening the edit view in another tab.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.signals import published

from archive.cache import data_version
from archive.models import Honoree

from .models import Correction, CorrectionEvidence

APPLIED_ACTION = "laomo.correction.applied"  # on the record
# On the correction itself. A different action: Wagtail's history keeps one entry per (request, action).
LINKED_ACTION = "laomo.correction.linked"


def last_update_key(honoree_id) -> str:
    """Cache key of an entry's 最近更新 date (see wagtail_hooks.last_accepted_correction).

    Keyed by the archive's data version, which every process reads from the database: publishing the corrected
    record moves it on, so no worker keeps an old date (the deletions below only make this process quicker)."""
    return f"laomo:corrections:last-update:{data_version()}:{honoree_id}"


def pending_corrections_for(instance):
    pending = Correction.objects.filter(status=Correction.Status.ACCEPTED, accepted_revision__isnull=True)
    if isinstance(instance, Honoree):
        return pending.filter(honoree=instance)
    if isinstance(instance, Page):
        return pending.filter(page_id=instance.pk)
    return pending.none()


@receiver(published)
def link_accepted_corrections(sender, instance, revision=None, **kwargs):
    if revision is None:
        return
    now = timezone.now()
    for correction in pending_corrections_for(instance).order_by("pk"):
        correction.accepted_revision = revision
        correction.applied_at = now
        correction.save(update_fields=["accepted_revision", "applied_at", "updated_at"])
        data = {"reference": correction.reference, "correction_id": correction.pk}
        log(instance=instance, action=APPLIED_ACTION, user=revision.user, revision=revision, data=data)
        log(instance=correction, action=LINKED_ACTION, user=revision.user, data={**data, "revision_id": revision.pk})


@receiver(post_save, sender=Correction)
@receiver(post_delete, sender=Correction)
def forget_last_update(sender, instance, **kwargs):
    if instance.honoree_id:
        key = last_update_key(instance.honoree_id)
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))  # a page rendered meanwhile may have cached the old date


@receiver(post_delete, sender=CorrectionEvidence)
def delete_evidence_file(sender, instance, **kwargs):
    if instance.file:
        instance.file.delete(save=False)

"""Walls follow the dictionary: a record saved, withdrawn, deleted or imported updates every wall it is on.

Every change is written to the outbox (laomo/outbox.py) in its own transaction and handled once when it commits
(an import of thousands of records is one refresh, not thousands); work a crash leaves undone is done by the next
served process or `manage.py search_index sync`. For each wall: an unfrozen one is recomputed only if its names
or their order changed; a frozen one appends new names to its addendum; either way its version moves on, so
cached panels and the locator's index are rebuilt. Writes that send no signals are caught by
layout.ensure_current.
"""

import logging

from django.db.models.signals import post_delete, post_save

from core import outbox

from . import lookup
from .layout import bump_version, compute_layout, current_fingerprint, eligible_entries
from .models import NameWallPage
from .placements import WallLayoutState, WallPlacement

logger = logging.getLogger(__name__)

HONOREES = "archive.honoree"  # the outbox kind search/indexing.py also follows

# Above this many records in one transaction a wall is simply recomputed (cheaper than diffing, and it keeps
# the list of ids out of an SQL IN clause).
BULK_THRESHOLD = 500


def refresh_walls_for(honoree_ids) -> None:
    """Bring every wall up to date after these honorees changed (or were deleted)."""
    honoree_ids = set(honoree_ids)
    walls = NameWallPage.objects.prefetch_related("honours")
    states = {state.wall_id: state for state in WallLayoutState.objects.all()}
    for wall in walls:
        state = states.get(wall.pk)
        if state is None or state.computed_at is None:
            continue  # never laid out: ensure_current or layout_walls will do it
        deleted_some = WallPlacement.objects.filter(wall=wall).count() != state.names
        if len(honoree_ids) > BULK_THRESHOLD or deleted_some:
            compute_layout(wall)  # an unfrozen wall closes the gaps of deleted records
            continue
        placed = set(
            WallPlacement.objects.filter(wall=wall, honoree_id__in=honoree_ids).values_list(
                "honoree_id", "honour_id", "year", "sort_key"
            )
        )
        eligible = {(*entry.key, entry.sort_key) for entry in eligible_entries(wall, honoree_ids).entries}
        if not placed and not eligible:
            continue  # none of these records is (or was) on this wall
        pinned = wall.frozen and state.frozen_at is not None
        if (pinned and eligible - placed) or (not pinned and eligible != placed):
            compute_layout(wall)
        else:
            bump_version([wall.pk])
            WallLayoutState.objects.filter(wall=wall).update(fingerprint=current_fingerprint(wall))


def _on_honoree_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        outbox.record(HONOREES, [instance.pk])


def _on_award_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        outbox.record(HONOREES, [instance.honoree_id])


def connect() -> None:
    lookup.connect()
    outbox.subscribe(HONOREES, "walls.refresh", refresh_walls_for)
    post_save.connect(_on_honoree_changed, sender="archive.Honoree", dispatch_uid="walls-honoree-saved")
    post_delete.connect(_on_honoree_changed, sender="archive.Honoree", dispatch_uid="walls-honoree-deleted")
    post_save.connect(_on_award_changed, sender="archive.Award", dispatch_uid="walls-award-saved")
    post_delete.connect(_on_award_changed, sender="archive.Award", dispatch_uid="walls-award-deleted")

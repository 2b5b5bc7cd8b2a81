"""Writing a plan in one transaction: records and awards in bulk, their revisions and history, the outbox."""

import datetime
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from modelcluster.models import get_serializable_data_for_fields
from wagtail.models import ModelLogEntry, Revision

from core import outbox

from ..cache import bump_data_version
from ..models import Award, Honoree, Industry
from ..names import pinyin_slug
from ..signals import honorees_imported
from .columns import FIELD_OF
from .plan import BATCH, NAME_FIELDS, ImportPlan, PlannedRecord, batches

logger = logging.getLogger(__name__)


class ImportRejected(Exception):
    """The plan has bad rows and the archivist did not choose to import only the good ones: nothing was written."""

    def __init__(self, plan: ImportPlan):
        super().__init__(f"{plan.bad_rows} 行有错误，没有导入任何记录。")
        self.plan = plan


@dataclass
class ImportResult:
    created: int
    changed: int
    unchanged: int
    skipped_rows: int
    new_industries: list[str]


# Fields an import writes to an existing record; private fields, withdrawal and the synthetic flag are not among them.
UPDATE_FIELDS = [
    *FIELD_OF.values(),
    *NAME_FIELDS,
    "surname_strokes",
    "first_award_year",
    "updated_at",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "latest_revision",
    "live_revision",
]


def apply_plan(plan: ImportPlan, *, user=None, skip_invalid: bool = False) -> ImportResult:
    """Write the plan in one transaction: all of it, or nothing.

    Records are saved live, because the archivist who confirms the import is its reviewer. Each created or changed
    record gets one revision (the one that is live) and a "created"/"edited" plus "published" history entry, so
    the admin's history and revisions views show the import like an edit. save_revision() and publish() per
    record cost a full_clean() and several queries each, far beyond the 20-second budget for the 13,058 records
    of the name walls, so the revisions and log entries are built here and written in bulk, like everything else.
    Bulk writes send no post_save signals: the cache version is bumped here, the site's search indexes follow
    through the outbox, and `honorees_imported` is sent after the commit for the others (Wagtail's admin search).
    """
    if plan.errors and not skip_invalid:
        raise ImportRejected(plan)
    now = timezone.now()
    with transaction.atomic():
        for industry in plan.new_industries:
            industry.slug = _free_industry_slug(industry.name)
            industry.save()
        for record in plan.to_create + plan.to_change:
            if record.honoree.industry is not None and record.honoree.industry_id is None:  # a new industry
                record.honoree.industry_id = record.honoree.industry.pk
        _create_records(plan.to_create, now)
        _update_records(plan.to_change, now)
        revisions = _save_revisions(plan.to_create + plan.to_change, user, now)
        _update_rows([record.honoree for record in plan.to_create], ["latest_revision", "live_revision"])
        _update_rows([record.honoree for record in plan.to_change], UPDATE_FIELDS)
        _log(plan.to_create, plan.to_change, revisions, user, now)
        if plan.to_create or plan.to_change:
            bump_data_version()
            created_pks = [record.honoree.pk for record in plan.to_create]
            changed_pks = [record.honoree.pk for record in plan.to_change]
            # In this transaction: the search indexes and walls follow after the commit, even after a crash.
            outbox.record("archive.honoree", [*created_pks, *changed_pks])
            # Robust: the import has committed, so a receiver's failure is logged and never reaches the archivist.
            transaction.on_commit(
                lambda: honorees_imported.send_robust(sender=Honoree, created=created_pks, changed=changed_pks)
            )
    logger.info(
        "Imported honorees: %d created, %d changed, %d unchanged, %d bad rows skipped",
        len(plan.to_create),
        len(plan.to_change),
        len(plan.unchanged),
        plan.bad_rows,
    )
    return ImportResult(
        created=len(plan.to_create),
        changed=len(plan.to_change),
        unchanged=len(plan.unchanged),
        skipped_rows=plan.bad_rows,
        new_industries=[industry.name for industry in plan.new_industries],
    )


def _free_industry_slug(name: str) -> str:
    base = pinyin_slug(name)[:70] or "industry"
    slug, number = base, 1
    while Industry.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _publish(honoree: Honoree, now: datetime.datetime) -> None:
    """What publish() sets on a record, for records written in bulk."""
    honoree.live, honoree.has_unpublished_changes = True, False
    honoree.first_published_at = honoree.first_published_at or now
    honoree.last_published_at = now


def _first_award_year(awards: Iterable[Award]) -> int | None:
    """Honoree.refresh_first_award_year() for records in memory: the earliest known award year."""
    return min((award.year for award in awards if award.year), default=None)


def _create_records(records: list[PlannedRecord], now: datetime.datetime) -> None:
    for record in records:
        honoree = record.honoree
        _publish(honoree, now)
        # In the order the file lists them: that decides between awards of the same year (Award.sort_order).
        record.current_awards = [
            Award(honour=honour, year=year, sort_order=position)
            for position, (honour, year) in enumerate(record.awards or [])
        ]
        honoree.first_award_year = _first_award_year(record.current_awards)
    Honoree.objects.bulk_create([record.honoree for record in records], batch_size=BATCH)
    for record in records:
        for award in record.current_awards:
            award.honoree = record.honoree
    Award.objects.bulk_create([award for record in records for award in record.current_awards], batch_size=BATCH)


def _update_records(records: list[PlannedRecord], now: datetime.datetime) -> None:
    stale_award_pks: list[int] = []
    new_awards: list[Award] = []
    for record in records:
        honoree = record.honoree
        honoree.updated_at = now
        _publish(honoree, now)
        if record.awards is not None:
            wanted = {(honour.pk, year): (honour, year) for honour, year in record.awards}
            kept = [award for award in record.current_awards if (award.honour_id, award.year) in wanted]
            stale_award_pks += [
                award.pk for award in record.current_awards if (award.honour_id, award.year) not in wanted
            ]
            have = {(award.honour_id, award.year) for award in kept}
            after = max((award.sort_order or 0 for award in kept), default=-1) + 1  # after those already arranged
            added = [
                Award(honoree=honoree, honour=honour, year=year, sort_order=after + position)
                for position, (honour, year) in enumerate(award for key, award in wanted.items() if key not in have)
            ]
            new_awards += added
            record.current_awards = kept + added
        honoree.first_award_year = _first_award_year(record.current_awards)
    for chunk in batches(stale_award_pks):
        Award.objects.filter(pk__in=chunk).delete()
    Award.objects.bulk_create(new_awards, batch_size=BATCH)


def _update_rows(honorees: list[Honoree], field_names: list[str]) -> None:
    """One prepared UPDATE … WHERE id = %s run for every record (executemany).

    QuerySet.bulk_update() builds a CASE WHEN expression per field and record, which takes most of a minute for
    13,058 records; the values here are the records' own, prepared for the database by their fields."""
    if not honorees:
        return
    fields = [Honoree._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(Honoree._meta.db_table)} SET {assignments} WHERE {quote(Honoree._meta.pk.column)} = %s"
    params = [
        [field.get_db_prep_save(getattr(honoree, field.attname), connection) for field in fields] + [honoree.pk]
        for honoree in honorees
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _save_revisions(records: list[PlannedRecord], user, now: datetime.datetime) -> list[Revision]:
    content_type = ContentType.objects.get_for_model(Honoree)
    revisions = []
    for record in records:
        content = get_serializable_data_for_fields(record.honoree)
        content["awards"] = [get_serializable_data_for_fields(award) for award in record.current_awards]
        revisions.append(
            Revision(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(record.honoree.pk),
                created_at=now,
                user=user,
                object_str=str(record.honoree),
                content=content,
            )
        )
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    for record, revision in zip(records, revisions, strict=True):
        record.honoree.latest_revision = record.honoree.live_revision = revision
    return revisions


def _log(created, changed, revisions, user, now: datetime.datetime) -> None:
    content_type = ContentType.objects.get_for_model(Honoree)
    batch = uuid.uuid4()  # one uuid groups the whole import in the history views
    entries = []
    actions = [(record, "wagtail.create") for record in created] + [(record, "wagtail.edit") for record in changed]
    for (record, action), revision in zip(actions, revisions, strict=True):
        for logged_action in (action, "wagtail.publish"):
            entries.append(
                ModelLogEntry(
                    content_type=content_type,
                    label=str(record.honoree),
                    action=logged_action,
                    data={},
                    timestamp=now,
                    uuid=batch,
                    user=user,
                    revision=revision,
                    content_changed=True,
                    object_id=str(record.honoree.pk),
                )
            )
    ModelLogEntry.objects.bulk_create(entries, batch_size=BATCH)

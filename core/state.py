"""State every process must share, kept in the database because it is always there: version counters
(core/versions.py) and the outbox of work that follows a committed change (core/outbox.py)."""

from django.db import models


class VersionCounterRow(models.Model):
    """One named counter; cached things put its value in their keys (core/versions.py)."""

    name = models.CharField(primary_key=True, max_length=64)
    value = models.BigIntegerField()

    class Meta:
        db_table = "laomo_versioncounterrow"  # made when this lived in the laomo app
        verbose_name = "数据版本"
        verbose_name_plural = "数据版本"

    def __str__(self):
        return f"{self.name} = {self.value}"


class OutboxEntry(models.Model):
    """Work one task owes after a committed change (reindex these records, refresh these walls), written in the
    same transaction as the change so that a crash between commit and the work cannot lose it."""

    task = models.CharField(max_length=64)
    ids = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    # A process applying the entry claims it first, so two processes do not do the same work at once; a claim
    # older than outbox.CLAIM_SECONDS belongs to a process that died and may be taken over.
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "laomo_outboxentry"
        verbose_name = "待办索引任务"
        verbose_name_plural = "待办索引任务"

    def __str__(self):
        return f"{self.task}: {len(self.ids)}"

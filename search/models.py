"""The embedded engine's index: one row per public honoree or page, holding terms we tokenised ourselves.

On SQLite an FTS5 table (search_fts, rowid = SearchDocument.id) indexes the term columns; on PostgreSQL
GIN indexes over string_to_array(terms) do the same job. Both are created in migration 0002.
"""

from django.db import models


class SearchDocument(models.Model):
    key = models.CharField(max_length=40, unique=True)  # "honoree:12" or "page:34"
    kind = models.CharField(max_length=20, db_index=True)  # honoree, exhibition, story, film, lesson, page
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    # Normalised (simplified, lower-case) forms used for ranking and highlighting.
    title_normalized = models.CharField(max_length=255, db_index=True)
    pinyin_full = models.CharField(max_length=255, blank=True, db_index=True)
    initials = models.CharField(max_length=60, blank=True, db_index=True)
    plain_text = models.TextField(blank=True)
    # Space-separated terms, one column per field so a name match can outrank a biography match.
    name_terms = models.TextField(blank=True)
    pinyin_terms = models.TextField(blank=True)
    text_terms = models.TextField(blank=True)
    meta_terms = models.TextField(blank=True)
    source_updated_at = models.DateTimeField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "object_id"], name="searchdoc_kind_object"),
            # Suggestions and did-you-mean read (kind, reading prefix) → id and name: with kind first these
            # covering indexes answer them alone (2 ms instead of 150 ms at 100,000 records on SQLite, whose
            # planner otherwise walks the kind index over every honoree).
            models.Index(fields=["kind", "pinyin_full", "object_id", "title_normalized"], name="searchdoc_kind_pinyin"),
            models.Index(fields=["kind", "initials", "object_id", "title_normalized"], name="searchdoc_kind_initials"),
            models.Index(fields=["kind", "title_normalized", "object_id"], name="searchdoc_kind_title"),
        ]

    def __str__(self):
        return self.key


class IndexRebuild(models.Model):
    """An index rebuild under way (search/rebuilding.py): while it fills new indexes, every process keeps the
    changes it indexes in the outbox, so that the rebuild replays them into the new indexes after the swap."""

    engine = models.CharField(max_length=20, primary_key=True)
    started_at = models.DateTimeField()
    started_by = models.CharField(max_length=100)  # host and process id, for an operator wondering who

    class Meta:
        verbose_name = "索引重建"
        verbose_name_plural = "索引重建"

    def __str__(self):
        return f"{self.engine} since {self.started_at:%Y-%m-%d %H:%M}"
